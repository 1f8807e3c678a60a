from __future__ import annotations

import random as _random
from dataclasses import dataclass
from typing import Callable, Optional

from .protocol import CloseCode


@dataclass(frozen=True)
class Backoff:
    initial_delay: float = 0.5
    """Ceiling of the first retry's delay, in seconds."""
    max_delay: float = 30.0
    """Upper bound of any delay, in seconds."""
    max_retries: Optional[int] = None
    """Retries after a lost or failed connection before giving up; None: never give up."""

    def may_retry(self, attempt: int) -> bool:
        return self.max_retries is None or attempt < self.max_retries


def backoff_delay(attempt: int, backoff: Backoff, random: Callable[[], float] = _random.random) -> float:
    """Full jitter: uniform below the exponential ceiling, so that clients dropped together by a
    server restart do not come back in synchronized waves. ``attempt`` is 0 for the first retry."""
    ceiling = min(backoff.max_delay, backoff.initial_delay * 2 ** min(attempt, 64))
    return random() * ceiling


# The client id is refused, or another connection took this client id over (retrying would make
# the two evict each other forever).
_FINAL_CLOSE_CODES = frozenset({CloseCode.FORBIDDEN, CloseCode.REPLACED})


def is_retryable_close(code: Optional[int], has_token_provider: bool) -> bool:
    """4001 (token refused or expired) is final with a fixed token, which would be refused again;
    a token provider gives the next attempt a fresh token, so then it is retried like any loss."""
    if code == CloseCode.UNAUTHORIZED:
        return has_token_provider
    return code not in _FINAL_CLOSE_CODES
