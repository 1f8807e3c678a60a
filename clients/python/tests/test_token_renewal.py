"""In-band token renewal against a scripted in-process WebSocket server on 127.0.0.1."""

import asyncio
import contextlib
import json
import unittest

from friday_client import Backoff, FridayClient

from .scripted_server import FAST, ScriptedServer, connection, event

FIRST_EXPIRY = "2026-01-02T03:05:00.000Z"
LATER_EXPIRY = "2026-01-02T04:05:00.000Z"


def warning(expires_at=FIRST_EXPIRY):
    return json.dumps({"type": "error", "code": "token_expiring", "message": "The token expires soon", "expires_at": expires_at})


def auth_ok(request, expires_at=LATER_EXPIRY):
    return json.dumps({"type": "auth", "status": "ok", "expires_at": expires_at, "reply_to": request["id"]})


def refusal(request, code):
    return json.dumps({"type": "error", "code": code, "message": f"{code} token", "reply_to": request["id"]})


def numbered_tokens(fail_calls=()):
    """A provider handing out token-1, token-2, …; the calls numbered in ``fail_calls`` raise."""
    calls = 0

    async def provider():
        nonlocal calls
        calls += 1
        if calls in fail_calls:
            raise RuntimeError("the sign-in service is down")
        return f"token-{calls}"

    return provider


class Recorder:
    """Collects renewal events, stream events and state changes."""

    def __init__(self, client):
        self.renewed, self.failures, self.states, self.events = [], [], [], []
        client.on("data_changed", lambda m: self.events.append(m["seq"]))
        client.on("token_renewed", self.renewed.append)
        client.on("token_renewal_failed", self.failures.append)
        client.on("state", lambda change: self.states.append((change["state"], change.get("code"))))

    @staticmethod
    async def until(condition, timeout=5.0):
        async def wait():
            while not condition():
                await asyncio.sleep(0.01)

        await asyncio.wait_for(wait(), timeout)


@contextlib.asynccontextmanager
async def scripted_client(script, **options):
    """A client of a server that plays ``script``, with what it reports recorded; closed on leaving.
    ``backoff`` is FAST unless given."""
    async with ScriptedServer(script) as server:
        client = FridayClient(server.url, **{"backoff": FAST, **options})
        seen = Recorder(client)
        try:
            yield server, client, seen
        finally:
            await client.close()


class TokenRenewalTest(unittest.IsolatedAsyncioTestCase):
    async def test_answers_token_expiring_with_auth_on_the_same_connection_and_stays_open(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            request = await server.receive(socket)
            await socket.send(auth_ok(request))
            await socket.send(event(1))
            await socket.wait_closed()

        async with scripted_client(script, token_provider=numbered_tokens()) as (server, client, seen):
            client.connect()
            await seen.until(lambda: seen.renewed and seen.events)
        self.assertEqual(server.received, [{"type": "auth", "id": server.received[0]["id"], "token": "token-2"}])
        self.assertEqual(seen.renewed, [{"expires_at": LATER_EXPIRY}])
        self.assertEqual(len(server.queries), 1)
        self.assertEqual(seen.states, [("connecting", None), ("open", None), ("closed", None)])

    async def test_renews_nothing_with_a_fixed_token_and_stops_at_the_4001_at_expiry(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            await asyncio.sleep(0.1)
            await socket.send(json.dumps({"type": "error", "code": "unauthorized", "message": "The token expired"}))
            await socket.close(4001, "Token expired.")

        async with scripted_client(script, token="fixed") as (server, client, seen):
            client.connect()
            await seen.until(lambda: seen.states[-1][0] == "closed")
            await asyncio.sleep(0.2)
            self.assertEqual(server.received, [])
            self.assertEqual(seen.renewed + seen.failures, [])
            self.assertEqual(seen.states[-1], ("closed", 4001))
            self.assertEqual(len(server.queries), 1)

    async def test_retries_a_failed_provider_after_the_backoff_and_reports_each_outcome(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            request = await server.receive(socket)
            await socket.send(auth_ok(request))
            await socket.wait_closed()

        async with scripted_client(script, token_provider=numbered_tokens(fail_calls={2})) as (server, client, seen):
            client.connect()
            await seen.until(lambda: seen.renewed)
        self.assertEqual([(f["error"].code, f["expires_at"], f["will_retry"]) for f in seen.failures],
                         [("token_provider_failed", FIRST_EXPIRY, True)])
        self.assertIn("sign-in service is down", str(seen.failures[0]["error"]))
        self.assertEqual([m["token"] for m in server.received], ["token-3"])

    async def test_counts_a_provider_that_does_not_answer_within_token_timeout_as_a_failed_renewal(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            await socket.wait_closed()

        calls = []

        async def provider():
            calls.append(1)
            if len(calls) > 1:
                await asyncio.Event().wait()  # a refresh request that hangs
            return "first"

        options = {"token_provider": provider, "backoff": Backoff(initial_delay=5), "token_timeout": 0.2}
        async with scripted_client(script, **options) as (server, client, seen):
            client.connect()
            await seen.until(lambda: seen.failures)
        self.assertEqual(seen.failures[0]["error"].code, "token_provider_failed")
        self.assertIn("did not answer within 0.2 s", str(seen.failures[0]["error"]))

    async def test_retries_after_unauthorized_but_gives_up_on_another_users_token(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            await socket.send(refusal(await server.receive(socket), "unauthorized"))
            await socket.send(refusal(await server.receive(socket), "forbidden"))
            await socket.wait_closed()

        async with scripted_client(script, token_provider=numbered_tokens()) as (server, client, seen):
            client.connect()
            await seen.until(lambda: len(seen.failures) == 2)
            await asyncio.sleep(0.2)
        self.assertEqual([(f["error"].code, f["will_retry"]) for f in seen.failures],
                         [("unauthorized", True), ("forbidden", False)])
        self.assertEqual(len(server.received), 2)

    async def test_takes_a_token_expiring_no_later_than_the_current_one_as_stale_and_tries_again(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            await socket.send(auth_ok(await server.receive(socket), FIRST_EXPIRY))
            await socket.send(warning())  # the server took it, and its expiry is as near as before
            await socket.send(auth_ok(await server.receive(socket)))
            await socket.wait_closed()

        async with scripted_client(script, token_provider=numbered_tokens()) as (server, client, seen):
            client.connect()
            await seen.until(lambda: seen.renewed)
        self.assertEqual([(f["error"].code, f["will_retry"]) for f in seen.failures], [("stale_token", True)])
        self.assertEqual(seen.renewed, [{"expires_at": LATER_EXPIRY}])
        self.assertEqual(len(server.received), 2)

    async def test_spaces_renewals_out_by_the_backoff_when_warned_again_right_after_one(self):
        expiries = [f"2026-01-02T03:05:0{i}.000Z" for i in range(1, 5)]
        answered_at = []

        async def script(socket, query, n):
            await socket.send(connection())
            # Each renewed token is already within the warning time: the server warns again at once,
            # naming it, which the client may read before it has acted on the auth reply.
            for current, renewed in zip([FIRST_EXPIRY] + expiries, expiries):
                await socket.send(warning(current))
                await socket.send(auth_ok(await server.receive(socket), renewed))
                answered_at.append(asyncio.get_running_loop().time())
            await socket.wait_closed()

        options = {"token_provider": numbered_tokens(), "backoff": Backoff(initial_delay=0.1, max_delay=5.0),
                   "random": lambda: 0.999}
        async with scripted_client(script, **options) as (server, client, seen):
            client.connect()
            await seen.until(lambda: len(seen.renewed) == 4)
        gaps = [later - earlier for earlier, later in zip(answered_at, answered_at[1:])]
        for gap, delay in zip(gaps, (0.0999, 0.1998, 0.3996)):
            self.assertGreaterEqual(gap, delay)

    async def test_drops_a_renewal_under_way_when_the_connection_is_lost(self):
        released = asyncio.Event()

        async def script(socket, query, n):
            await socket.send(connection())
            if n == 1:
                await socket.send(warning())
                await asyncio.sleep(0.1)
                await socket.close(1011, "boom")
            else:
                released.set()
                await asyncio.sleep(0.3)
                await socket.close(1000, "done")

        calls = []

        async def provider():
            calls.append(1)
            if len(calls) == 2:
                await released.wait()  # the renewal's token arrives once the next connection is up
            return f"token-{len(calls)}"

        async with scripted_client(script, token_provider=provider) as (server, client, seen):
            client.connect()
            await asyncio.wait_for(released.wait(), 5)
            await asyncio.sleep(0.2)
        self.assertEqual(server.received, [])
        self.assertEqual(seen.renewed + seen.failures, [])

    async def test_drops_a_renewal_whose_auth_is_unanswered_when_the_client_closes(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(warning())
            await server.receive(socket)
            await socket.wait_closed()

        async with scripted_client(script, token_provider=numbered_tokens()) as (server, client, seen):
            client.connect()
            await seen.until(lambda: server.received)
            await client.close()
            await asyncio.sleep(0.2)  # FAST backoff: a retry would have come and failed by now
        self.assertEqual(seen.renewed + seen.failures, [])

    async def test_reconnects_with_a_fresh_token_after_a_failed_renewal_ends_in_4001(self):
        async def script(socket, query, n):
            await socket.send(connection())
            if n == 1:
                await socket.send(warning())
                await asyncio.sleep(0.1)
                await socket.send(json.dumps({"type": "error", "code": "unauthorized", "message": "The token expired"}))
                await socket.close(4001, "Token expired.")
            else:
                await socket.wait_closed()

        refusing = False
        calls = []

        async def provider():
            calls.append(1)
            if refusing:
                raise RuntimeError("the sign-in service is down")
            return f"token-{len(calls)}"

        def on_state(change):
            nonlocal refusing
            refusing = change["state"] == "open" and len(calls) == 1

        async with scripted_client(script, token_provider=provider) as (server, client, seen):
            client.on("state", on_state)
            client.connect()
            await seen.until(lambda: len(seen.states) == 4)
        self.assertTrue(seen.failures)
        self.assertEqual(seen.states[:4], [("connecting", None), ("open", None), ("reconnecting", 4001), ("open", None)])
        self.assertEqual(server.queries[1]["token"], f"token-{len(calls)}")

    async def test_keeps_backing_off_when_the_providers_tokens_are_refused_at_connect_or_at_once(self):
        for opens_first in (False, True):
            with self.subTest(opens_first=opens_first):
                connected_at = []

                async def script(socket, query, n):
                    connected_at.append(asyncio.get_running_loop().time())
                    if opens_first:
                        await socket.send(connection())
                    await socket.send(json.dumps({"type": "error", "code": "unauthorized", "message": "refused"}))
                    await socket.close(4001, "unauthorized")

                options = {"token_provider": lambda: "refused", "backoff": Backoff(initial_delay=0.05, max_delay=5.0),
                           "random": lambda: 0.999}
                async with scripted_client(script, **options) as (server, client, seen):
                    client.connect()
                    await seen.until(lambda: len(connected_at) >= 5)
                self.assertNotIn("closed", [state for state, _ in seen.states[:-1]])
                gaps = [later - earlier for earlier, later in zip(connected_at, connected_at[1:])]
                for gap, delay in zip(gaps, (0.04995, 0.0999, 0.1998, 0.3996)):
                    self.assertGreaterEqual(gap, delay)


if __name__ == "__main__":
    unittest.main()
