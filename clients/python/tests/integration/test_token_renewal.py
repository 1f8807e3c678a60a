"""In-band token renewal against a real Friday server with a short warning and short-lived tokens."""

import asyncio
import unittest
from datetime import datetime, timezone

from friday_client import Backoff, FridayClient

from .friday_server import FridayServer

# JWT expiry has whole-second resolution, so a token issued for 6 s lives 5 to 6 s; the server warns
# 3 s before it, which leaves a loaded machine seconds to renew in time.
WARNING_SECONDS = 3
LIFETIME_SECONDS = 6


class Seen:
    """What a client reported: state changes, connections, warnings, renewals, stream events."""

    def __init__(self, client: FridayClient) -> None:
        self.states, self.connections, self.warnings = [], [], []
        self.renewed, self.failures, self.changes = [], [], []
        client.on("state", lambda change: self.states.append((change["state"], change.get("code"))))
        client.on("connection", self.connections.append)
        client.on("error", self._error)
        client.on("token_renewed", self.renewed.append)
        client.on("token_renewal_failed", self.failures.append)
        client.on("data_changed", self.changes.append)

    def _error(self, error) -> None:
        if error["code"] == "token_expiring":
            self.warnings.append(error)


async def until(condition, timeout=30.0):
    async def wait():
        while not condition():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(wait(), timeout)


def parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


class TokenRenewalIntegrationTest(unittest.IsolatedAsyncioTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = FridayServer({"Realtime__TokenExpiryWarningSeconds": str(WARNING_SECONDS)})
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def make_client(self, **options) -> FridayClient:
        client = FridayClient(self.server.ws_url, backoff=Backoff(initial_delay=0.2, max_delay=1.0), **options)
        self.addAsyncCleanup(client.close)
        return client

    def short_lived(self, user):
        async def provider():
            return await asyncio.to_thread(self.server.token, user, None, LIFETIME_SECONDS)

        return provider

    async def create_note(self, user, title):
        token = await asyncio.to_thread(self.server.token, user)
        return await asyncio.to_thread(self.server.post, "/api/notes", {"title": title, "content": ""}, token)

    async def test_renews_in_band_so_the_connection_outlives_the_first_token_and_events_keep_arriving(self):
        client = self.make_client(token_provider=self.short_lived("py-renew"))
        seen = Seen(client)
        client.connect()
        await client.wait_open(15)
        await client.subscribe("notes")
        await until(lambda: seen.warnings)
        first_expiry = parse(seen.warnings[0]["expires_at"])

        await until(lambda: len(seen.renewed) >= 2 and datetime.now(timezone.utc).timestamp() > first_expiry.timestamp() + 2)
        note = await self.create_note("py-renew", "after the first token expired")
        await until(lambda: any(e["id"] == note["id"] for e in seen.changes))

        self.assertGreater(parse(seen.renewed[-1]["expires_at"]), first_expiry)
        self.assertEqual(seen.failures, [])
        self.assertEqual(seen.states, [("connecting", None), ("open", None)])
        self.assertEqual(len(seen.connections), 1)
        self.assertEqual(client.state, "open")

    async def test_with_a_fixed_token_the_server_closes_with_4001_at_expiry_and_the_client_stops(self):
        token = await asyncio.to_thread(self.server.token, "py-fixed", None, LIFETIME_SECONDS)
        client = self.make_client(token=token)
        seen = Seen(client)
        client.connect()
        await until(lambda: client.state == "closed")

        self.assertEqual(len(seen.warnings), 1)
        self.assertEqual(seen.renewed, [])
        self.assertEqual(seen.states, [("connecting", None), ("open", None), ("closed", 4001)])

    async def test_after_a_failed_renewal_the_4001_comes_and_the_client_reconnects_with_a_fresh_token(self):
        refusing = False
        fresh = self.short_lived("py-renew-fails")

        async def provider():
            if refusing:
                raise RuntimeError("the sign-in service is down")
            return await fresh()

        def on_state(change):
            nonlocal refusing
            if change.get("code") == 4001:
                refusing = False

        client = self.make_client(token_provider=provider)
        seen = Seen(client)
        client.on("state", on_state)
        client.connect()
        await client.wait_open(15)
        await client.subscribe("notes")
        refusing = True

        await until(lambda: len(seen.connections) == 2 and client.state == "open")
        note = await self.create_note("py-renew-fails", "after the reconnect")
        await until(lambda: any(e["id"] == note["id"] for e in seen.changes))

        self.assertTrue(seen.failures)
        self.assertTrue(all(f["error"].code == "token_provider_failed" and f["will_retry"] for f in seen.failures))
        self.assertEqual(seen.states, [("connecting", None), ("open", None), ("reconnecting", 4001), ("open", None)])


if __name__ == "__main__":
    unittest.main()
