from __future__ import annotations

from collections import deque
from typing import Callable, Deque, Generic, List, TypeVar

T = TypeVar("T")


class OutgoingQueue(Generic[T]):
    """Messages written while disconnected, kept in order for the next connection. Bounded so a
    long outage cannot grow memory without limit; when full the newest is refused (the caller
    learns it) rather than silently dropping an older one that someone awaits."""

    def __init__(self, capacity: int) -> None:
        if capacity < 0:
            raise ValueError(f"queue capacity must be >= 0, got {capacity}")
        self.capacity = capacity
        self._items: Deque[T] = deque()

    def __len__(self) -> int:
        return len(self._items)

    def push(self, item: T) -> bool:
        if len(self._items) >= self.capacity:
            return False
        self._items.append(item)
        return True

    def drain(self) -> List[T]:
        items = list(self._items)
        self._items.clear()
        return items

    def remove(self, predicate: Callable[[T], bool]) -> None:
        self._items = deque(item for item in self._items if not predicate(item))
