from __future__ import annotations

from typing import List, Optional, Tuple


class SeqTimeline:
    """When stream ``seq``s became known to this client, to tell a node that lags behind from a
    history that started over. A ``seq`` seen at time t was issued before t; every node of a
    deployment delivers an issued ``seq`` within its propagation delay (backplane milliseconds, the
    event-log sweep a second later at worst). So a node whose ``last_seq`` is below a ``seq`` this
    client knew more than ``max_lag`` seconds ago is not lagging: its history is a different one."""

    def __init__(self, max_lag: float, granularity: float = 1.0) -> None:
        self.max_lag = max_lag
        self._granularity = granularity
        # (seq, at), ascending in both, roughly ``granularity`` apart; older ones are pruned.
        self._entries: List[Tuple[int, float]] = []

    def record(self, seq: int, at: float) -> None:
        """``seq`` was issued no later than ``at``."""
        entries = self._entries
        if entries and seq <= entries[-1][0]:
            return
        # The newest entry moves forward until it is a granularity step past the one before: the
        # later time only weakens its claim, and memory stays bounded however fast events come.
        if len(entries) >= 2 and at - entries[-2][1] < self._granularity:
            entries[-1] = (seq, at)
        else:
            entries.append((seq, at))
        self._prune(at)

    def settled(self, now: float) -> Optional[int]:
        """The highest ``seq`` known at least ``max_lag`` before ``now``: every node has delivered it."""
        self._prune(now)
        if self._entries and self._entries[0][1] <= now - self.max_lag:
            return self._entries[0][0]
        return None

    def clear(self) -> None:
        self._entries = []

    def _prune(self, now: float) -> None:
        """Keeps the newest entry old enough to be settled, and everything after it."""
        cutoff = now - self.max_lag
        drop = 0
        while drop + 1 < len(self._entries) and self._entries[drop + 1][1] <= cutoff:
            drop += 1
        if drop:
            del self._entries[:drop]
