import type { StateChange } from "./connection-state.js";
import type { FridayError } from "./errors.js";
import type { TokenRenewalFailure, TokenRenewed } from "./token-renewal.js";
import type {
  ConnectionMessage,
  DataChangedMessage,
  ErrorMessage,
  HeartbeatMessage,
  NotificationMessage,
  NotificationUpdateMessage,
  PongMessage,
  ResumedMessage,
  ServerMessage,
  SubscriptionMessage,
  UnreadCountMessage,
  UnreadNotificationsMessage,
} from "./protocol.js";

/** What `FridayClient.on` can listen to, and the payload each handler receives. */
export interface FridayEvents {
  connection: ConnectionMessage;
  data_changed: DataChangedMessage;
  notification: NotificationMessage;
  notification_update: NotificationUpdateMessage;
  unread_count: UnreadCountMessage;
  unread_notifications: UnreadNotificationsMessage;
  resumed: ResumedMessage;
  subscription: SubscriptionMessage;
  pong: PongMessage;
  heartbeat: HeartbeatMessage;
  /** A server `error` message. */
  error: ErrorMessage;
  /** Every server message delivered (after duplicates are dropped), whatever its type. */
  message: ServerMessage;
  state: StateChange;
  /**
   * The server refused a topic of a `subscribe` or of the resubscription after a reconnect
   * (`forbidden`, `not_found`, `invalid_message`); the client forgot it and will not send it again.
   */
  topic_refused: { topic: string; error: FridayError };
  /**
   * With a token provider: after the server's `token_expiring`, the provider's new token was sent
   * as `auth` and accepted; the same connection lives on until `expiresAt`.
   */
  token_renewed: TokenRenewed;
  /**
   * With a token provider: a renewal attempt failed. With `willRetry` another follows after the
   * backoff delay; if none succeeds the server closes with 4001 at `expiresAt` and the client
   * reconnects with a fresh token from the provider.
   */
  token_renewal_failed: TokenRenewalFailure;
  /**
   * Something went wrong on this side: the socket failed, the token provider threw, a frame
   * was not JSON, a handler threw, or the connection went silent.
   */
  client_error: Error;
}

/** Server message types that have their own event. */
export const typedEvents: ReadonlySet<string> = new Set<keyof FridayEvents>([
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
]);
