"""asyncio client for the Friday realtime WebSocket protocol, version 1."""

from .backoff import Backoff, backoff_delay, is_retryable_close
from .client import FridayClient
from .errors import FridayError
from .outgoing_queue import OutgoingQueue
from .protocol import CloseCode, ConnectionState, EventName, TokenRenewalFailure, TokenRenewed
from .seq_tracker import SeqTracker
from .topic_replies import TopicSubscription

__all__ = [
    "Backoff",
    "CloseCode",
    "ConnectionState",
    "EventName",
    "FridayClient",
    "FridayError",
    "OutgoingQueue",
    "SeqTracker",
    "TokenRenewalFailure",
    "TokenRenewed",
    "TopicSubscription",
    "backoff_delay",
    "is_retryable_close",
]
