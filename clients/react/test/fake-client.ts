import type { ConnectionState, FridayEvents, UnreadNotificationsMessage } from "@friday/client";
import { vi } from "vitest";

type Handlers = { [K in keyof FridayEvents]?: Set<(payload: FridayEvents[K]) => void> };

/** Stands in for FridayClient: the test emits events and answers requests. */
export class FakeClient {
  state: ConnectionState = "closed";
  private readonly handlers: Handlers = {};
  unread: UnreadNotificationsMessage = { type: "unread_notifications", count: 0, notifications: [] };
  readonly getUnread = vi.fn(async (_limit?: number) => this.unread);
  readonly markRead = vi.fn(async (_id: string) => undefined);

  on<K extends keyof FridayEvents>(event: K, handler: (payload: FridayEvents[K]) => void): () => void {
    const set = (this.handlers[event] ??= new Set()) as Set<(payload: FridayEvents[K]) => void>;
    set.add(handler);
    return () => set.delete(handler);
  }

  emit<K extends keyof FridayEvents>(event: K, payload: FridayEvents[K]): void {
    const set = this.handlers[event] as Set<(payload: FridayEvents[K]) => void> | undefined;
    set?.forEach((handler) => handler(payload));
  }

  setState(state: ConnectionState): void {
    const previous = this.state;
    this.state = state;
    this.emit("state", { state, previous });
  }

  listenerCount(event: keyof FridayEvents): number {
    return this.handlers[event]?.size ?? 0;
  }
}

export function notification(id: string, createdAt: string, status?: string) {
  return {
    notification_id: id,
    title: `Title ${id}`,
    message: `Message ${id}`,
    notification_type: "task_reminder",
    created_at: createdAt,
    ...(status === undefined ? {} : { status }),
  };
}
