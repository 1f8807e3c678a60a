import type {
  BroadcastNotificationMessage,
  ConnectionMessage,
  ConnectionState,
  FridayEvents,
  NotificationData,
  NotificationMessage,
  UnreadNotificationsMessage,
} from "@friday/client";
import { vi } from "vitest";

/** Stands in for FridayClient: the test emits events and answers requests. */
export class FakeClient {
  state: ConnectionState = "closed";
  connection: ConnectionMessage | undefined;
  lastSeq: number | undefined;
  subscribedTopics: string[] = [];
  private readonly handlers = new Map<keyof FridayEvents, Set<(payload: never) => void>>();
  unread: UnreadNotificationsMessage = { type: "unread_notifications", count: 0, notifications: [] };
  readonly getUnread = vi.fn(async (_limit?: number) => this.unread);
  readonly markRead = vi.fn(async (_id: string) => undefined);

  on<K extends keyof FridayEvents>(event: K, handler: (payload: FridayEvents[K]) => void): () => void {
    const set = this.handlers.get(event) ?? new Set();
    this.handlers.set(event, set);
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  emit<K extends keyof FridayEvents>(event: K, payload: FridayEvents[K]): void {
    this.handlers.get(event)?.forEach((handler) => (handler as (payload: FridayEvents[K]) => void)(payload));
  }

  setState(state: ConnectionState, code?: number): void {
    const previous = this.state;
    this.state = state;
    this.emit("state", { state, previous, ...(code === undefined ? {} : { code }) });
  }

  listenerCount(event: keyof FridayEvents): number {
    return this.handlers.get(event)?.size ?? 0;
  }
}

/** A notification as the server sends it; `readAt` is its `read_at`, `null` while unread. */
export function notification(id: string, createdAt: string, readAt: string | null = null) {
  return {
    notification_id: id,
    title: `Title ${id}`,
    message: `Message ${id}`,
    notification_type: "task_reminder",
    data: null,
    created_at: createdAt,
    read_at: readAt,
  };
}

/** The `notification` message that delivers `data` live. */
export function liveNotification(data: NotificationData): NotificationMessage {
  return {
    type: "notification",
    seq: 1,
    topic: "notifications",
    message: data.message,
    notification_type: data.notification_type,
    data,
    timestamp: data.created_at,
  };
}

/** A `notification` published to a public topic: every subscriber gets it; it is nobody's own. */
export function broadcast(topic: string, message: string): BroadcastNotificationMessage {
  return {
    type: "notification",
    seq: 2,
    topic,
    message,
    notification_type: "alert",
    data: { window_minutes: 30 },
    timestamp: "2026-01-01T00:00:00Z",
  };
}
