"""FridayClient against a real Friday server process started by the test."""

import asyncio
import unittest

from friday_client import Backoff, FridayClient

from .friday_server import FridayServer


class Inbox:
    """Collects events and lets a test wait for the first one matching a condition."""

    def __init__(self) -> None:
        self.events = []
        self._changed = asyncio.Condition()

    def __call__(self, event) -> None:
        self.events.append(event)
        asyncio.ensure_future(self._notify())

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate, timeout=15.0):
        async def find():
            async with self._changed:
                while True:
                    match = next((e for e in self.events if predicate(e)), None)
                    if match is not None:
                        return match
                    await self._changed.wait()

        return await asyncio.wait_for(find(), timeout)


class ServerIntegrationTest(unittest.IsolatedAsyncioTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = FridayServer()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    async def asyncSetUp(self):
        self.service_token = await asyncio.to_thread(self.server.token, "py-service", ["service"])

    async def post(self, path, body, token):
        return await asyncio.to_thread(self.server.post, path, body, token)

    def make_client(self, user):
        calls = []

        async def provider():
            calls.append(user)
            return await asyncio.to_thread(self.server.token, user)

        client = FridayClient(self.server.ws_url, token_provider=provider,
                              backoff=Backoff(initial_delay=0.2, max_delay=1.0))
        self.addAsyncCleanup(client.close)
        return client, calls

    async def test_events_requests_notifications_and_reconnect_after_a_crash(self):
        client, token_calls = self.make_client("py-alice")
        changes, notifications = Inbox(), Inbox()
        client.on("data_changed", changes)
        client.on("notification", notifications)
        client.connect()
        await client.wait_open(15)
        await client.subscribe("notes")
        user_token = await asyncio.to_thread(self.server.token, "py-alice")

        note = await self.post("/api/notes", {"title": "first", "content": "over REST"}, user_token)
        created = await changes.wait_for(lambda e: e["id"] == note["id"])
        self.assertEqual((created["entity"], created["action"], created["topic"]), ("note", "created", "notes"))
        self.assertEqual(created["data"]["title"], "first")

        pong = await client.request({"type": "ping"})
        self.assertEqual(pong["type"], "pong")
        self.assertEqual(await client.get_unread_count(), 0)

        await self.post("/api/notifications", {"user_id": "py-alice", "type": "alert", "title": "Hello",
                                               "message": "from a service"}, self.service_token)
        notification = await notifications.wait_for(lambda e: e["data"]["title"] == "Hello")
        self.assertEqual(notification["data"]["notification_type"], "alert")

        subscriptions = Inbox()
        client.on("subscription", subscriptions)
        self.server.kill()
        await asyncio.to_thread(self.server.start)
        await asyncio.wait_for(self._until(lambda: client.state == "open" and len(token_calls) >= 2), 30)
        # Changes made before the server confirms the resubscription would not reach this client.
        await subscriptions.wait_for(lambda e: e["topic"] == "notes" and e["status"] == "subscribed")

        after = await self.post("/api/notes", {"title": "after restart", "content": ""}, user_token)
        await changes.wait_for(lambda e: e["id"] == after["id"])
        ids = [e["id"] for e in changes.events]
        self.assertEqual(ids, [note["id"], after["id"]], "each change delivered once")

    async def test_a_notification_sent_while_offline_arrives_on_connect(self):
        await self.post("/api/notifications", {"user_id": "py-bob", "type": "task_reminder", "title": "Due",
                                               "message": "while offline"}, self.service_token)
        client, _ = self.make_client("py-bob")
        notifications, counts = Inbox(), Inbox()
        client.on("notification", notifications)
        client.on("unread_count", counts)
        client.connect()
        await notifications.wait_for(lambda e: e["data"]["title"] == "Due")
        await counts.wait_for(lambda e: e["data"]["count"] >= 1)

    @staticmethod
    async def _until(condition):
        while not condition():
            await asyncio.sleep(0.05)


if __name__ == "__main__":
    unittest.main()
