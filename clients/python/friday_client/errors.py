from __future__ import annotations

from typing import Any, Mapping


class FridayError(Exception):
    """A failed request or connection.

    ``code`` is the server's error code (``forbidden``, ``invalid_message``, ...) or one of this
    client's: ``timeout``, ``connection_lost``, ``closed``, ``queue_full``,
    ``token_provider_failed``, ``stream_reset`` (reported through ``client_error`` when events
    were missed: a ``resumed`` with ``complete: false``, or a sequence that started over), and
    ``stale_token`` (reported through ``token_renewal_failed``: the server took the provider's
    token, but it expires no later than the one the connection had, so nothing was renewed).
    """

    def __init__(self, code: str, message: str, reply: Mapping[str, Any] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.reply = reply

    @classmethod
    def from_server(cls, reply: Mapping[str, Any]) -> "FridayError":
        return cls(str(reply.get("code", "internal_error")), str(reply.get("message", "")), reply)
