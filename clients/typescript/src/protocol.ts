/**
 * Wire types of the Friday realtime protocol, version 1.
 * Field names stay in snake_case so that a message can be typed without translation.
 */

/** ISO-8601 UTC timestamp, e.g. `2026-01-02T03:04:05.678Z`. */
export type Timestamp = string;

export type ErrorCode =
  | "unauthorized"
  | "invalid_json"
  | "unknown_message_type"
  | "invalid_message"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "internal_error"
  /** Not a refusal: the connection's token expires at `expires_at`; send `auth` with a fresh one. */
  | "token_expiring";

/** Close codes the server uses; the 4xxx ones are Friday's own. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  tryAgainLater: 1013,
  unauthorized: 4001,
  forbidden: 4003,
  replaced: 4008,
} as const;

export type Entity = "note" | "task" | "activity";
export type DataAction = "created" | "updated" | "deleted" | "completed";

/** Fields every server message may carry. */
interface ServerMessageBase {
  /** Echo of the `id` of the client message this directly answers. */
  reply_to?: string;
}

export interface ConnectionMessage extends ServerMessageBase {
  type: "connection";
  status: "connected";
  client_id: string;
  /** Absent or null on an anonymous connection, where configuration allows those. */
  user_id?: string | null;
  /** Seconds between server heartbeats. */
  heartbeat_interval: number;
  /** Newest sequence number the server has issued. */
  last_seq: number;
  timestamp: Timestamp;
}

export interface PongMessage extends ServerMessageBase {
  type: "pong";
}

/** Either the reply to a client `heartbeat` (`status`) or the server's periodic one (`timestamp`). */
export interface HeartbeatMessage extends ServerMessageBase {
  type: "heartbeat";
  status?: "alive";
  timestamp?: Timestamp;
}

export interface SubscriptionMessage extends ServerMessageBase {
  type: "subscription";
  topic: string;
  status: "subscribed" | "unsubscribed";
}

export interface UnreadCountMessage extends ServerMessageBase {
  type: "unread_count";
  data: { count: number };
}

/**
 * A user's notification as the server sends it: the `data` of a `notification` on the
 * `notifications` topic, an item of `unread_notifications`, and an item of the REST list.
 */
export interface NotificationData {
  notification_id: string;
  title: string;
  message: string;
  notification_type: string;
  /** What the sender attached; `null` for nothing. */
  data: unknown;
  created_at: Timestamp;
  /**
   * When the user read it; `null` while unread. A live `notification` carries `null`; a replayed one
   * (`last_seq`, `resume`) the time it was read, if it was. A read after it arrives as
   * `notification_update`, which has no `read_at`.
   */
  read_at: Timestamp | null;
  [extra: string]: unknown;
}

export interface UnreadNotificationsMessage extends ServerMessageBase {
  type: "unread_notifications";
  count: number;
  notifications: NotificationData[];
}

export interface NotificationUpdateMessage extends ServerMessageBase {
  type: "notification_update";
  data: { notification_id: string; status: string };
}

export interface ResumedMessage extends ServerMessageBase {
  type: "resumed";
  from_seq: number;
  to_seq: number;
  replayed: number;
  /** `false`: the gap reached past the kept history; refetch over REST. */
  complete: boolean;
}

export interface ErrorMessage extends ServerMessageBase {
  type: "error";
  code: ErrorCode | (string & {});
  message: string;
  /** With `token_expiring`: when the connection's token expires. */
  expires_at?: Timestamp;
}

/** The reply to `auth`: the fresh token was taken, and the connection lives until `expires_at`. */
export interface AuthMessage extends ServerMessageBase {
  type: "auth";
  status: "ok";
  expires_at: Timestamp;
}

/** Stream events carry a deployment-wide, strictly increasing `seq`. */
export interface DataChangedMessage<TData = Record<string, unknown>> extends ServerMessageBase {
  type: "data_changed";
  seq: number;
  topic: string;
  entity: Entity;
  action: DataAction;
  id: string;
  /** The entity as the REST API returns it; `null` for `deleted`. */
  data: TData | null;
  timestamp: Timestamp;
}

interface NotificationMessageBase extends ServerMessageBase {
  type: "notification";
  seq: number;
  message: string;
  notification_type: string;
  timestamp: Timestamp;
}

/** One of the user's own notifications: it has an id and a read state, and counts as unread. */
export interface UserNotificationMessage extends NotificationMessageBase {
  topic: "notifications";
  data: NotificationData;
}

/**
 * A broadcast on a public topic the connection subscribed (`system_alerts`, `system_status`, …):
 * everyone subscribed gets the same message, so it has no `notification_id`, no read state and no
 * place in the unread count; `data` is what the publisher attached.
 */
export interface BroadcastNotificationMessage extends NotificationMessageBase {
  topic: string;
  data: unknown;
}

/** A `notification` event is either kind; `isUserNotification` tells them apart by `topic`. */
export type NotificationMessage = UserNotificationMessage | BroadcastNotificationMessage;

/** A message of a type this client version does not know. */
export interface OtherServerMessage extends ServerMessageBase {
  type: string;
  seq?: number;
  topic?: string;
  [field: string]: unknown;
}

export type KnownServerMessage =
  | ConnectionMessage
  | PongMessage
  | HeartbeatMessage
  | SubscriptionMessage
  | UnreadCountMessage
  | UnreadNotificationsMessage
  | NotificationUpdateMessage
  | ResumedMessage
  | ErrorMessage
  | AuthMessage
  | DataChangedMessage
  | NotificationMessage;

export type ServerMessage = KnownServerMessage | OtherServerMessage;

/** Client messages; every one may carry `id` to get a reply carrying `reply_to`. */
interface ClientMessageBase {
  id?: string;
}

export interface PingRequest extends ClientMessageBase {
  type: "ping";
}

export interface HeartbeatRequest extends ClientMessageBase {
  type: "heartbeat";
}

export interface SubscribeRequest extends ClientMessageBase {
  type: "subscribe" | "unsubscribe";
  topic?: string;
  topics?: string[];
  notification_types?: string[];
}

export interface GetUnreadCountRequest extends ClientMessageBase {
  type: "get_unread_count";
}

export interface GetUnreadRequest extends ClientMessageBase {
  type: "get_unread";
  /** 1–100, server default 10. */
  limit?: number;
}

export interface MarkReadRequest extends ClientMessageBase {
  type: "mark_read";
  notification_id: string;
}

export interface ResumeRequest extends ClientMessageBase {
  type: "resume";
  last_seq: number;
}

/** A fresh token for the same user, usually after `token_expiring`; the client sends it itself when it has a token provider. */
export interface AuthRequest extends ClientMessageBase {
  type: "auth";
  token: string;
}

export type ClientMessage =
  | PingRequest
  | HeartbeatRequest
  | SubscribeRequest
  | GetUnreadCountRequest
  | GetUnreadRequest
  | MarkReadRequest
  | ResumeRequest
  | AuthRequest;
