"""FridayClient against a real Friday server process started by the test."""

import asyncio
import signal
import sys
import unittest
from pathlib import Path

from friday_client import Backoff, FridayClient, is_user_notification

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

    def make_client(self, user, gate=None):
        """``gate``, when given, holds every token request while it is clear: the client then
        cannot reconnect, as if it were away."""
        calls = []

        async def provider():
            calls.append(user)
            if gate is not None:
                await gate.wait()
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

    async def test_a_broadcast_to_everyone_is_told_apart_from_the_users_own_notifications(self):
        client, _ = self.make_client("py-carol")
        notifications = Inbox()
        client.on("notification", notifications)
        client.connect()
        await client.wait_open(15)
        await self.post("/api/notifications?all=true", {"type": "maintenance", "message": "Down at 22:00"},
                        self.service_token)
        await self.post("/api/notifications", {"user_id": "py-carol", "type": "alert", "title": "Yours",
                                               "message": "for you"}, self.service_token)

        broadcast = await notifications.wait_for(lambda e: e["topic"] == "broadcast")
        own = await notifications.wait_for(is_user_notification)
        self.assertFalse(is_user_notification(broadcast))
        self.assertEqual((broadcast["message"], broadcast["notification_type"]), ("Down at 22:00", "maintenance"))
        self.assertEqual((own["data"]["title"], own["data"]["notification_type"]), ("Yours", "alert"))
        self.assertIsNone(own["data"]["read_at"])
        self.assertIsNone(own["data"]["data"])

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

    async def test_events_created_while_the_server_was_down_are_replayed_once_in_order(self):
        async def restart():
            self.server.kill()
            await asyncio.to_thread(self.server.start)

        await self._check_missed_events_are_replayed_once("py-carol", restart)

    async def test_events_created_while_the_connection_was_dropped_are_replayed_once_in_order(self):
        admin = await asyncio.to_thread(self.server.token, "py-admin", ["admin"])

        async def drop():
            dropped = await self.post("/api/ws/disconnect", {"user_id": "py-dave"}, admin)
            self.assertEqual(dropped["disconnected"], 1)

        await self._check_missed_events_are_replayed_once("py-dave", drop)

    async def _check_missed_events_are_replayed_once(self, user, take_away):
        gate = asyncio.Event()
        gate.set()
        client, _ = self.make_client(user, gate)
        changes, resumed = Inbox(), Inbox()
        client.on("data_changed", changes)
        client.on("resumed", resumed)
        client.connect()
        await client.wait_open(15)
        self.assertEqual(await client.subscribe("notes"), [{"topic": "notes", "status": "subscribed"}])
        user_token = await asyncio.to_thread(self.server.token, user)
        before = await self.post("/api/notes", {"title": "before", "content": ""}, user_token)
        await changes.wait_for(lambda e: e["id"] == before["id"])

        gate.clear()
        await take_away()
        await asyncio.wait_for(self._until(lambda: client.state == "reconnecting"), 15)
        missed = [await self.post("/api/notes", {"title": f"missed {n}", "content": ""}, user_token) for n in (1, 2)]
        await asyncio.sleep(0.3)
        self.assertEqual([e["id"] for e in changes.events], [before["id"]], "nothing arrives while away")

        gate.set()
        report = await resumed.wait_for(lambda e: True)
        self.assertEqual((report["from_seq"], report["replayed"], report["complete"]), (changes.events[0]["seq"], 2, True))
        await changes.wait_for(lambda e: e["id"] == missed[1]["id"])
        live = await self.post("/api/notes", {"title": "live again", "content": ""}, user_token)
        await changes.wait_for(lambda e: e["id"] == live["id"])
        self.assertEqual([e["id"] for e in changes.events], [before["id"], missed[0]["id"], missed[1]["id"], live["id"]])
        seqs = [e["seq"] for e in changes.events]
        self.assertEqual(seqs, sorted(set(seqs)), "in seq order, each once")

    async def test_the_watch_notes_example_prints_events_and_catches_up_after_a_restart(self):
        example = Path(__file__).resolve().parents[2] / "examples" / "watch_notes.py"
        # Started as a background job (`./scripts/test.sh &`), this process and so the example inherit
        # an ignored SIGINT, and the Ctrl-C below would do nothing. A handled signal is reset to the
        # default in the child, where Python turns it into KeyboardInterrupt as in a user's terminal.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-u", str(example), "--url", self.server.base_url, "--user", "py-erin",
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        finally:
            signal.signal(signal.SIGINT, previous)
        output = []

        async def line_matching(predicate, timeout=30.0):
            async def read():
                while True:
                    line = (await process.stdout.readline()).decode()
                    if not line:
                        raise AssertionError(f"the example ended; it printed: {''.join(output)}")
                    output.append(line)
                    if predicate(line):
                        return line

            return await asyncio.wait_for(read(), timeout)

        try:
            await line_matching(lambda line: line.startswith("[open]"))
            await line_matching(lambda line: line.strip() == "subscribed notes")
            user_token = await asyncio.to_thread(self.server.token, "py-erin")
            note = await self.post("/api/notes", {"title": "seen by the example", "content": ""}, user_token)
            printed = await line_matching(lambda line: note["id"] in line)
            self.assertRegex(printed, rf"^#\d+ note created {note['id']} .*seen by the example")

            self.server.kill()
            await line_matching(lambda line: line.startswith("[reconnecting]"))
            reconnecting_from = len(output)
            await asyncio.to_thread(self.server.start)
            missed = await self.post("/api/notes", {"title": "while it reconnected", "content": ""}, user_token)
            # The example keeps its default backoff (up to 30 s between attempts).
            await line_matching(lambda line: missed["id"] in line, timeout=60)
            # A reconnect that beat the POST resumed (nothing missed yet) before the note came live.
            if not any(line.startswith("resumed after #") for line in output[reconnecting_from:]):
                await line_matching(lambda line: line.startswith("resumed after #"))
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGINT)
            rest = await asyncio.wait_for(process.stdout.read(), 15)
            output.append(rest.decode())
            await process.wait()
        text = "".join(output)
        lines = text.splitlines()
        self.assertEqual(len([line for line in lines if note["id"] in line]), 1, text)
        self.assertEqual(len([line for line in lines if missed["id"] in line]), 1, text)
        self.assertIn("[closed]", text)
        self.assertEqual(process.returncode, 0, text)

    @staticmethod
    async def _until(condition):
        while not condition():
            await asyncio.sleep(0.05)


if __name__ == "__main__":
    unittest.main()
