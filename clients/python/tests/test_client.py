"""FridayClient against a scripted in-process WebSocket server on 127.0.0.1."""

import asyncio
import json
import unittest

import websockets

from friday_client import FridayClient, FridayError

from .scripted_server import FAST, ScriptedServer, connection, event


async def watch_stream(script, last_seq, **options):
    """Runs a client against ``script`` until it has delivered ``last_seq``; returns the seqs it
    delivered, the errors it reported and the query of each connection."""
    async with ScriptedServer(script) as server:
        client = FridayClient(server.url, token="t", backoff=FAST, **options)
        seen, errors = [], []
        got_last = asyncio.Event()
        client.on("data_changed", lambda m: (seen.append(m["seq"]), m["seq"] == last_seq and got_last.set()))
        client.on("client_error", errors.append)
        client.connect()
        await asyncio.wait_for(got_last.wait(), 5)
        await client.close()
    return seen, errors, server.queries


class ClientTest(unittest.IsolatedAsyncioTestCase):
    async def test_queued_messages_go_out_in_order_after_subscriptions_and_requests_get_replies(self):
        async def script(socket, query, n):
            await socket.send(connection())
            while True:
                message = await server.receive(socket)
                if message["type"] == "ping":
                    await socket.send(json.dumps({"type": "pong", "reply_to": message["id"]}))
                if message["type"] == "get_unread":
                    await socket.send(json.dumps({"type": "error", "code": "invalid_message", "message": "limit", "reply_to": message["id"]}))

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token="t", backoff=FAST)
            await client.subscribe("notes")
            client.send({"type": "heartbeat"})
            client.send({"type": "get_unread_count"})
            client.connect()
            await client.ping()
            with self.assertRaises(FridayError) as refused:
                await client.get_unread(limit=1000)
            self.assertEqual(refused.exception.code, "invalid_message")
            await client.close()
            self.assertEqual([m["type"] for m in server.received[:4]], ["subscribe", "heartbeat", "get_unread_count", "ping"])
            self.assertEqual(server.queries[0]["token"], "t")

    async def test_reconnects_with_a_fresh_token_resubscribes_resumes_and_drops_duplicates(self):
        async def script(socket, query, n):
            await socket.send(connection(last_seq=5 if n == 1 else 8))
            await server.receive(socket)  # the subscribe
            if n == 1:
                await socket.send(event(6))
                await socket.send(event(7))
                await socket.close(1011, "boom")
            else:
                for seq in (6, 7, 8):  # a replay overlapping what was already delivered
                    await socket.send(event(seq))
                await socket.wait_closed()

        tokens = iter(["first", "second"])

        async def provider():
            return next(tokens)

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token_provider=provider, backoff=FAST)
            seen = []
            got_eight = asyncio.Event()
            client.on("data_changed", lambda m: (seen.append(m["seq"]), m["seq"] == 8 and got_eight.set()))
            states = []
            client.on("state", lambda change: states.append(change["state"]))
            await client.subscribe("notes")
            client.connect()
            await asyncio.wait_for(got_eight.wait(), 5)
            await client.close()
            self.assertEqual(seen, [6, 7, 8])
            self.assertEqual([q["token"] for q in server.queries], ["first", "second"])
            self.assertNotIn("last_seq", server.queries[0])
            self.assertEqual(server.queries[1]["last_seq"], "7")
            self.assertEqual([m["type"] for m in server.received], ["subscribe", "subscribe"])
            self.assertEqual(states, ["connecting", "open", "reconnecting", "open", "closed"])

    async def test_a_token_provider_that_never_answers_counts_as_a_failed_attempt(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.wait_closed()

        calls = []

        async def provider():
            calls.append(1)
            if len(calls) == 1:
                await asyncio.Event().wait()  # a refresh request that hangs
            return "fresh"

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token_provider=provider, backoff=FAST, token_timeout=0.2)
            errors = []
            client.on("client_error", errors.append)
            client.connect()
            await client.wait_open(5)
            await client.close()
            self.assertEqual(len(calls), 2)
            self.assertEqual([q["token"] for q in server.queries], ["fresh"])
            self.assertEqual([e.code for e in errors], ["token_provider_failed"])
            self.assertIn("did not answer", str(errors[0]))

    async def test_a_refused_token_is_final(self):
        async def script(socket, query, n):
            await socket.send(json.dumps({"type": "error", "code": "unauthorized", "message": "bad token"}))
            await socket.close(4001, "unauthorized")

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token="bad", backoff=FAST)
            closed = asyncio.Event()
            changes = []
            client.on("state", lambda change: (changes.append(change), change["state"] == "closed" and closed.set()))
            client.connect()
            await asyncio.wait_for(closed.wait(), 5)
            await asyncio.sleep(0.2)
            self.assertEqual(len(server.queries), 1)
            self.assertEqual(changes[-1]["code"], 4001)
            await client.close()

    async def test_a_silent_connection_is_replaced(self):
        async def script(socket, query, n):
            await socket.send(connection(heartbeat_interval=0.1))
            await socket.wait_closed()

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token="t", backoff=FAST, check_every=0.05)
            errors = []
            client.on("client_error", errors.append)
            client.connect()
            for _ in range(100):
                if len(server.queries) >= 2:
                    break
                await asyncio.sleep(0.05)
            await client.close()
            self.assertGreaterEqual(len(server.queries), 2)
            self.assertTrue(any(isinstance(e, FridayError) and e.code == "connection_lost" for e in errors))

    async def test_a_server_sequence_that_went_backwards_restarts_deduplication(self):
        async def script(socket, query, n):
            await socket.send(connection(last_seq=100 if n == 1 else 0))
            await socket.send(event(101 if n == 1 else 1))
            if n == 1:
                await asyncio.sleep(0.3)  # longer than max_node_lag: no node lags this far behind
                await socket.close(1012, "restart")
            else:
                await socket.wait_closed()

        seen, errors, queries = await watch_stream(script, 1, max_node_lag=0.2)
        self.assertEqual(seen, [101, 1])
        self.assertEqual(queries[1]["last_seq"], "101")
        self.assertIn("stream_reset", [getattr(e, "code", None) for e in errors])

    async def test_a_node_a_little_behind_the_one_left_is_no_reset_and_its_duplicates_are_dropped(self):
        async def script(socket, query, n):
            if n == 1:
                await socket.send(connection(last_seq=100))
                for seq in (101, 102, 103):
                    await socket.send(event(seq))
                await socket.close(1012, "restart")
            else:
                # This node has delivered up to 101 so far: 102 and 103 still reach it, and so the client.
                await socket.send(connection(last_seq=101))
                await socket.send(json.dumps({"type": "resumed", "from_seq": 103, "to_seq": 103, "replayed": 0, "complete": True}))
                for seq in (102, 103, 104):
                    await socket.send(event(seq))
                await socket.wait_closed()

        seen, errors, queries = await watch_stream(script, 104)
        self.assertEqual(seen, [101, 102, 103, 104])
        self.assertEqual(queries[1]["last_seq"], "103")
        self.assertNotIn("stream_reset", [getattr(e, "code", None) for e in errors])

    async def test_a_resume_that_could_not_reach_back_asks_for_a_refetch_and_keeps_dropping_duplicates(self):
        async def script(socket, query, n):
            if n == 1:
                await socket.send(connection(last_seq=0))
                for seq in (1, 2, 3):
                    await socket.send(event(seq))
                await socket.close(1012, "restart")
            else:
                await socket.send(connection(last_seq=50000))
                await socket.send(json.dumps({"type": "resumed", "from_seq": 3, "to_seq": 50000, "replayed": 0, "complete": False}))
                await socket.send(event(3))
                await socket.send(event(50001))
                await socket.wait_closed()

        seen, errors, _ = await watch_stream(script, 50001)
        self.assertEqual(seen, [1, 2, 3, 50001])
        resets = [e for e in errors if getattr(e, "code", None) == "stream_reset"]
        self.assertEqual(len(resets), 1)
        self.assertIn("seq 3", str(resets[0]))

    async def test_a_subscribe_to_several_topics_is_answered_per_topic_and_refused_topics_are_forgotten(self):
        verdicts = {"task:theirs": ("forbidden", "not yours"), "note:gone": ("not_found", "no such note"),
                    "bad topic": ("invalid_message", "not a topic")}

        async def script(socket, query, n):
            await socket.send(connection())
            while True:
                message = await server.receive(socket)
                for topic in message.get("topics") or [message["topic"]]:
                    await asyncio.sleep(0.01)
                    if topic in verdicts:
                        code, text = verdicts[topic]
                        reply = {"type": "error", "code": code, "message": text, "reply_to": message["id"]}
                    else:
                        reply = {"type": "subscription", "topic": topic, "status": "subscribed", "reply_to": message["id"]}
                    await socket.send(json.dumps(reply))

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token="t", backoff=FAST)
            refused = []
            client.on("topic_refused", lambda r: refused.append((r["topic"], r["error"].code)))
            self.assertEqual(await client.subscribe("tasks"), [{"topic": "tasks", "status": "pending"}])
            client.connect()
            await client.wait_open(5)
            results = await client.subscribe(["notes", "task:theirs", "note:gone", "bad topic", "activities", "notes"])
            self.assertEqual([(r["topic"], r["status"]) for r in results], [
                ("notes", "subscribed"), ("task:theirs", "refused"), ("note:gone", "refused"),
                ("bad topic", "refused"), ("activities", "subscribed")])
            self.assertEqual(results[1]["error"].code, "forbidden")
            self.assertEqual(refused, [("task:theirs", "forbidden"), ("note:gone", "not_found"), ("bad topic", "invalid_message")])
            self.assertEqual(client.subscribed_topics, ["tasks", "notes", "activities"])
            await client.close()

    async def test_a_topic_refused_on_the_resubscription_after_a_reconnect_is_forgotten(self):
        async def script(socket, query, n):
            await socket.send(connection())
            message = await server.receive(socket)
            await socket.send(json.dumps({"type": "subscription", "topic": "notes", "status": "subscribed", "reply_to": message["id"]}))
            if n == 1:
                await socket.send(json.dumps({"type": "subscription", "topic": "note:x", "status": "subscribed", "reply_to": message["id"]}))
                await socket.close(1012, "restart")
            else:
                await socket.send(json.dumps({"type": "error", "code": "not_found", "message": "deleted", "reply_to": message["id"]}))
                await socket.wait_closed()

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token="t", backoff=FAST)
            refused = asyncio.Event()
            client.on("topic_refused", lambda r: refused.set())
            await client.subscribe(["notes", "note:x"])
            client.connect()
            await asyncio.wait_for(refused.wait(), 5)
            self.assertEqual(client.subscribed_topics, ["notes"])
            self.assertEqual([m["topics"] for m in server.received], [["notes", "note:x"], ["notes", "note:x"]])
            await client.close()

    async def test_close_fails_pending_requests_and_stops_retrying(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.wait_closed()

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token="t", backoff=FAST)
            client.connect()
            await client.wait_open(5)
            pending = asyncio.ensure_future(client.ping())
            await asyncio.sleep(0.05)
            await client.close()
            with self.assertRaises(FridayError) as closed:
                await pending
            self.assertEqual(closed.exception.code, "closed")
            await asyncio.sleep(0.1)
            self.assertEqual(len(server.queries), 1)
            self.assertEqual(client.state, "closed")

    async def test_close_holds_even_when_the_cancellation_is_swallowed_by_a_result(self):
        async def script(socket, query, n):
            await socket.send(connection())
            await socket.send(json.dumps({"type": "error", "code": "unauthorized", "message": "refused"}))
            await socket.close(4001, "unauthorized")

        entered = asyncio.Event()

        async def swallowing_connect(url, **options):
            entered.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                pass  # what asyncio.wait_for does before Python 3.12 when the result is there too
            return await websockets.connect(url, **options)

        async with ScriptedServer(script) as server:
            client = FridayClient(server.url, token_provider=lambda: "t", backoff=FAST, connect=swallowing_connect)
            states = []
            client.on("state", lambda change: states.append(change["state"]))
            client.connect()
            await asyncio.wait_for(entered.wait(), 5)
            await asyncio.wait_for(client.close(), 5)
            await asyncio.sleep(0.2)
            self.assertEqual(client.state, "closed")
            self.assertEqual(states, ["connecting", "closed"])
            self.assertLessEqual(len(server.queries), 1)


if __name__ == "__main__":
    unittest.main()
