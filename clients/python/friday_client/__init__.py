"""asyncio client for the Friday realtime WebSocket protocol, version 1."""

from .backoff import Backoff, backoff_delay, is_retryable_close
from .client import FridayClient
from .errors import FridayError
from .outgoing_queue import OutgoingQueue
from .protocol import (
    BroadcastNotificationMessage,
    CloseCode,
    ConnectionState,
    EventName,
    NotificationData,
    NotificationMessage,
    TokenRenewalFailure,
    TokenRenewed,
    UserNotificationMessage,
    is_user_notification,
)
from .seq_tracker import SeqTracker
from .topic_replies import TopicSubscription

__all__ = [
    "Backoff",
    "BroadcastNotificationMessage",
    "CloseCode",
    "ConnectionState",
    "EventName",
    "FridayClient",
    "FridayError",
    "NotificationData",
    "NotificationMessage",
    "OutgoingQueue",
    "SeqTracker",
    "TokenRenewalFailure",
    "TokenRenewed",
    "TopicSubscription",
    "UserNotificationMessage",
    "backoff_delay",
    "is_retryable_close",
    "is_user_notification",
]
