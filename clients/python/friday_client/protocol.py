"""Wire types of the Friday protocol, version 1; field names stay snake_case as on the wire."""

from __future__ import annotations

from typing import Any, Literal, Mapping, Optional, TypedDict, Union


class CloseCode:
    NORMAL = 1000
    GOING_AWAY = 1001
    POLICY_VIOLATION = 1008
    MESSAGE_TOO_BIG = 1009
    TRY_AGAIN_LATER = 1013
    UNAUTHORIZED = 4001
    FORBIDDEN = 4003
    REPLACED = 4008


ConnectionState = Literal["connecting", "open", "reconnecting", "closed"]

EventName = Literal[
    "connection",
    "data_changed",
    "notification",
    "notification_update",
    "unread_count",
    "unread_notifications",
    "resumed",
    "subscription",
    "pong",
    "heartbeat",
    "error",
    # Every server message delivered after duplicates are dropped, whatever its type.
    "message",
    # A StateChange whenever the connection state changes.
    "state",
    # An Exception raised on this side: socket failure, token provider, bad frame, silence.
    "client_error",
    # {"topic", "error"}: the server refused a topic of a subscribe or of the resubscription
    # after a reconnect (forbidden, not_found, invalid_message); the client forgot it.
    "topic_refused",
    # {"expires_at"}: with a token provider, after the server's token_expiring the provider's new
    # token was sent as auth and accepted; the same connection lives on until expires_at.
    "token_renewed",
    # {"error", "expires_at", "will_retry"}: with a token provider, a renewal attempt failed. With
    # will_retry another follows after the backoff delay; if none succeeds the server closes with
    # 4001 at expires_at and the client reconnects with a fresh token from the provider.
    "token_renewal_failed",
]

SERVER_EVENTS: frozenset[str] = frozenset(
    {
        "connection",
        "data_changed",
        "notification",
        "notification_update",
        "unread_count",
        "unread_notifications",
        "resumed",
        "subscription",
        "pong",
        "heartbeat",
        "error",
    }
)


class ConnectionMessage(TypedDict):
    type: Literal["connection"]
    status: str
    client_id: str
    user_id: Optional[str]
    heartbeat_interval: int
    last_seq: int
    timestamp: str


class DataChangedMessage(TypedDict):
    type: Literal["data_changed"]
    seq: int
    topic: str
    entity: Literal["note", "task", "activity"]
    action: Literal["created", "updated", "deleted", "completed"]
    id: str
    data: Optional[dict[str, Any]]
    timestamp: str


class NotificationData(TypedDict):
    """One of the user's notifications: the ``data`` of a ``notification`` on the ``notifications``
    topic, an item of ``unread_notifications``, an item of the REST list."""
    notification_id: str
    title: str
    message: str
    notification_type: str
    # What the sender attached; None for nothing.
    data: Any
    created_at: str
    # None while unread. A live ``notification`` carries None; a replayed one (``last_seq``, ``resume``)
    # the time it was read, if it was. A read after it arrives as ``notification_update``.
    read_at: Optional[str]


# The topic that carries the user's own notifications; every other topic's are broadcasts.
USER_NOTIFICATIONS_TOPIC = "notifications"


class UserNotificationMessage(TypedDict):
    type: Literal["notification"]
    seq: int
    topic: Literal["notifications"]
    message: str
    notification_type: str
    data: NotificationData
    timestamp: str


class BroadcastNotificationMessage(TypedDict):
    """A broadcast on a public topic (``broadcast`` for one to everyone): ``data`` is the publisher's."""
    type: Literal["notification"]
    seq: int
    topic: str
    message: str
    notification_type: str
    data: Optional[dict[str, Any]]
    timestamp: str


NotificationMessage = Union[UserNotificationMessage, BroadcastNotificationMessage]


def is_user_notification(message: Mapping[str, Any]) -> bool:
    """True for the user's own notification, False for a broadcast on a public topic."""
    return message.get("topic") == USER_NOTIFICATIONS_TOPIC


class ResumedMessage(TypedDict):
    type: Literal["resumed"]
    from_seq: int
    to_seq: int
    replayed: int
    complete: bool


class ErrorMessage(TypedDict, total=False):
    type: Literal["error"]
    code: str
    message: str
    reply_to: str
    # With token_expiring: when the connection's token expires.
    expires_at: str


class AuthMessage(TypedDict, total=False):
    """The reply to ``auth``: the fresh token was taken; the connection lives until ``expires_at``."""
    type: Literal["auth"]
    status: Literal["ok"]
    expires_at: str
    reply_to: str


class TokenRenewed(TypedDict):
    expires_at: str


class TokenRenewalFailure(TypedDict):
    # token_provider_failed, the server's unauthorized or forbidden, timeout (no reply to auth), or
    # stale_token (the new token expires no later than the current one).
    error: Exception
    # When the connection's current token expires: the server closes it with 4001 then.
    expires_at: str
    # True when another attempt follows after the backoff delay.
    will_retry: bool


class StateChange(TypedDict, total=False):
    state: ConnectionState
    previous: ConnectionState
    code: int
    reason: str
