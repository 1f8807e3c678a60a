from __future__ import annotations

from typing import Any, Mapping, Optional


class SeqTracker:
    """Remembers the newest stream ``seq`` seen, so that events replayed on resume and delivered
    again (for instance as offline notifications) reach the application once."""

    def __init__(self, initial: Optional[int] = None) -> None:
        self.highest = initial

    def accept(self, message: Mapping[str, Any]) -> bool:
        """True when the message should be delivered; messages without a numeric seq always are."""
        seq = message.get("seq")
        if isinstance(seq, bool) or not isinstance(seq, int):
            return True
        if self.highest is not None and seq <= self.highest:
            return False
        self.highest = seq
        return True
