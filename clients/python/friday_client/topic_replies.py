from __future__ import annotations

from typing import Any, Dict, List, Mapping, Sequence

from .errors import FridayError

TopicSubscription = Dict[str, Any]
"""What became of one topic of a ``subscribe``: ``{"topic", "status"}`` and, when there is one,
``"error"`` (a FridayError). ``status`` is ``subscribed``; ``refused`` (the server answered
``forbidden``, ``not_found`` or ``invalid_message``; the topic is forgotten); or ``pending`` (not
answered on this connection: not connected, connection lost, timeout, or the server could not
handle the message; it is sent again on the next connection)."""

# The codes that refuse one topic of a subscribe; any other error answers for the whole message.
_TOPIC_REFUSALS = frozenset({"forbidden", "not_found", "invalid_message"})


class TopicReplies:
    """The answers to one ``subscribe``: the server sends one ``subscription`` or ``error`` per
    distinct topic, in the order the topics were sent, all carrying the request's ``id`` as
    ``reply_to``. An error whose code is not a topic's refusal ends the answers."""

    def __init__(self, topics: Sequence[str]) -> None:
        self._topics = list(topics)
        self._next = 0
        self.results: List[TopicSubscription] = [{"topic": topic, "status": "pending"} for topic in self._topics]

    def take(self, reply: Mapping[str, Any]) -> bool:
        """Takes one reply; True when no more will come."""
        if self._next >= len(self._topics):
            return True
        topic = self._topics[self._next]
        if reply.get("type") == "subscription":
            self.results[self._next] = {"topic": topic, "status": "subscribed"}
        elif reply.get("type") == "error":
            error = FridayError.from_server(reply)
            if error.code not in _TOPIC_REFUSALS:
                self.fail(error)
                return True
            self.results[self._next] = {"topic": topic, "status": "refused", "error": error}
        else:
            return False
        self._next += 1
        return self._next >= len(self._topics)

    def fail(self, error: FridayError) -> None:
        """No more answers will come: the topics not answered yet stay pending, with the reason."""
        for index in range(self._next, len(self._topics)):
            self.results[index] = {"topic": self._topics[index], "status": "pending", "error": error}
        self._next = len(self._topics)
