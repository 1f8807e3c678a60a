"""A scripted in-process WebSocket server on 127.0.0.1 that plays Friday's side in the client tests."""

import json
from urllib.parse import parse_qs, urlsplit

import websockets

from friday_client import Backoff


def request_path(socket) -> str:
    request = getattr(socket, "request", None)
    return request.path if request is not None else socket.path


class ScriptedServer:
    """Each accepted connection runs ``script(socket, query)``; everything received is kept."""

    def __init__(self, script):
        self.script = script
        self.queries = []
        self.received = []

    async def __aenter__(self):
        self.server = await websockets.serve(self._handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/ws"
        return self

    async def __aexit__(self, *exc):
        self.server.close()
        await self.server.wait_closed()

    async def _handle(self, socket, *_):
        query = {k: v[0] for k, v in parse_qs(urlsplit(request_path(socket)).query).items()}
        self.queries.append(query)
        try:
            await self.script(socket, query, len(self.queries))
        except websockets.exceptions.ConnectionClosed:
            pass  # the client hung up mid-script, which some tests do on purpose

    async def receive(self, socket):
        message = json.loads(await socket.recv())
        self.received.append(message)
        return message


def connection(last_seq=0, heartbeat_interval=30):
    return json.dumps({"type": "connection", "status": "connected", "client_id": "c", "user_id": "alice",
                       "heartbeat_interval": heartbeat_interval, "last_seq": last_seq, "timestamp": "2026-01-01T00:00:00Z"})


def event(seq):
    return json.dumps({"type": "data_changed", "seq": seq, "topic": "notes", "entity": "note", "action": "created",
                       "id": f"n{seq}", "data": {}, "timestamp": "2026-01-01T00:00:00Z"})


FAST = Backoff(initial_delay=0.01, max_delay=0.05)
