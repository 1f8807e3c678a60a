"""The token never reaches a log record or an error text, though websockets logs the request line."""

import asyncio
import logging
import unittest

from friday_client import FridayClient
from friday_client.redaction import redact

from .scripted_server import FAST, ScriptedServer, connection

SECRET = "secret-token-0123456789"


class RedactionTest(unittest.TestCase):
    def test_token_values_are_replaced_and_other_parameters_kept(self):
        self.assertEqual(redact(f"> GET /ws?token={SECRET}&last_seq=3 HTTP/1.1"), "> GET /ws?token=[redacted]&last_seq=3 HTTP/1.1")
        self.assertEqual(redact(f"InvalidURI('ws://h/ws?client_id=a&ACCESS_TOKEN={SECRET}')"),
                         "InvalidURI('ws://h/ws?client_id=a&ACCESS_TOKEN=[redacted]')")
        self.assertEqual(redact("/ws?tokens=1&mytoken=2"), "/ws?tokens=1&mytoken=2")


class SocketLogTest(unittest.IsolatedAsyncioTestCase):
    async def test_the_debug_log_of_a_connect_shows_the_request_without_the_token(self):
        greeted = asyncio.Event()

        async def script(socket, query, n):
            await socket.send(connection())
            async for _ in socket:
                pass

        async with ScriptedServer(script) as server:
            with self.assertLogs("friday_client.websockets", level=logging.DEBUG) as logs:
                client = FridayClient(server.url, token=SECRET, backoff=FAST)
                client.on("connection", lambda _: greeted.set())
                client.connect()
                await asyncio.wait_for(greeted.wait(), 5)
                await client.close()

        self.assertEqual(server.queries[0]["token"], SECRET)
        self.assertTrue(any("GET /ws?token=[redacted]" in line for line in logs.output), logs.output)
        self.assertFalse([line for line in logs.output if SECRET in line])

    async def test_a_connect_that_fails_reports_a_reason_without_the_token(self):
        # websockets quotes the whole URL, query and token, in the InvalidURI it raises for this one.
        client = FridayClient("http://127.0.0.1:1/ws", token=SECRET, backoff=FAST)
        reasons = []
        refused = asyncio.Event()

        def on_state(change):
            if change["state"] == "reconnecting":
                reasons.append(change["reason"])
                refused.set()

        client.on("state", on_state)
        client.connect()
        await asyncio.wait_for(refused.wait(), 5)
        await client.close()
        self.assertIn("could not connect", reasons[0])
        self.assertIn("token=[redacted]", reasons[0])
        self.assertNotIn(SECRET, reasons[0])
