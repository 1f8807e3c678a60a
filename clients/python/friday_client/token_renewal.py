from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Awaitable, Callable, Dict, Optional

from .backoff import Backoff, backoff_delay
from .errors import FridayError

Message = Dict[str, Any]


class TokenRenewal:
    """Keeps one connection's token fresh in-band: on the server's ``token_expiring`` it asks the
    token provider for a new token and sends it as ``auth``, so the connection outlives the old
    token. Attempts are paced like reconnects: a failed one is retried after the backoff delay,
    and a warning that comes again soon after a renewal (tokens that live little longer than the
    server's warning) waits that delay too, so client and server cannot ping-pong ``auth`` and
    ``token_expiring``."""

    def __init__(
        self,
        backoff: Backoff,
        random: Callable[[], float],
        fetch_token: Callable[[], Awaitable[Optional[str]]],
        send_auth: Callable[[str], Awaitable[Message]],
        emit: Callable[[str, Any], None],
    ) -> None:
        self._backoff = backoff
        self._random = random
        self._fetch_token = fetch_token
        self._send_auth = send_auth
        self._emit = emit
        self._expires_at: Optional[str] = None
        # From a warning until a renewal succeeds.
        self._engaged = False
        # A warning that came meanwhile. The server warns at once when the renewed token is
        # already within its warning time, and that warning can be read before the ``auth`` reply
        # is acted on.
        self._rewarned: Optional[str] = None
        self._attempt = 0
        self._renewed_at: Optional[float] = None
        self._task: Optional[asyncio.Task[None]] = None
        # Bumped when the connection ends, so that an answer for the old one is ignored.
        self._generation = 0

    def expiring(self, expires_at: str) -> None:
        """The server's ``token_expiring``: the current token expires at ``expires_at``."""
        if self._engaged:
            self._rewarned = expires_at
            return
        self._expires_at = expires_at
        self._engaged = True
        self._rewarned = None
        loop = asyncio.get_running_loop()
        if self._renewed_at is not None and loop.time() - self._renewed_at < self._backoff.max_delay:
            delay = self._next_delay()
        else:
            self._attempt = 0
            delay = 0.0
        self._task = loop.create_task(self._renew(delay, self._generation))

    def reset(self) -> None:
        """The connection ended: its renewal ends with it; the next connection starts with a
        fresh token."""
        self._generation += 1
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
        self._expires_at = None
        self._engaged = False
        self._rewarned = None
        self._attempt = 0
        self._renewed_at = None

    def _next_delay(self) -> float:
        delay = backoff_delay(self._attempt, self._backoff, self._random)
        self._attempt += 1
        return delay

    async def _renew(self, delay: float, generation: int) -> None:
        # Cancelled by reset(), and the generation is checked after every await as well: before
        # Python 3.12, asyncio.wait_for (the token timeout) can swallow a cancellation that meets
        # the provider's answer, and this task would then renew on a connection that is gone.
        while True:
            await asyncio.sleep(delay)
            if generation != self._generation:
                return
            failure = await self._attempt_once(generation)
            if failure is None or generation != self._generation:
                return
            # Another user's token (``forbidden``) will not become this user's by retrying.
            will_retry = failure.code != "forbidden" and self._backoff.may_retry(self._attempt)
            self._emit("token_renewal_failed", {"error": failure, "expires_at": self._expires_at, "will_retry": will_retry})
            if not will_retry:
                return
            delay = self._next_delay()

    async def _attempt_once(self, generation: int) -> Optional[FridayError]:
        """None when renewed, or when the connection ended meanwhile."""
        before = self._expires_at
        try:
            token = await self._fetch_token()
            if generation != self._generation:
                return None
            if not token:
                raise FridayError("token_provider_failed", "the token provider returned no token")
            reply = await self._send_auth(token)
        except FridayError as error:
            return error
        if generation != self._generation:
            return None
        expires_at = reply.get("expires_at")
        # The server keeps the expiry of the token it was last given, even an earlier one.
        self._expires_at = expires_at if isinstance(expires_at, str) else before
        if not _later(expires_at, before):
            return FridayError(
                "stale_token",
                f"the token provider's token expires at {expires_at}, no later than the current one ({before})")
        self._engaged = False
        self._renewed_at = asyncio.get_running_loop().time()
        self._emit("token_renewed", {"expires_at": expires_at})
        rewarned, self._rewarned = self._rewarned, None
        if rewarned is not None and not _later(expires_at, rewarned):
            self.expiring(rewarned)
        return None


def _later(candidate: Any, current: Optional[str]) -> bool:
    if not isinstance(candidate, str) or current is None:
        return False
    try:
        return _parse(candidate) > _parse(current)
    except ValueError:
        return False


def _parse(timestamp: str) -> datetime:
    # Python 3.10's fromisoformat does not take the "Z" the server writes.
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
