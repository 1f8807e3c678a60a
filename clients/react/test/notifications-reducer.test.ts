import { describe, expect, it } from "vitest";
import { initialNotificationsState, maxKeptNotifications, notificationsReducer } from "../src/notifications-reducer.js";
import type { NotificationsAction, NotificationsState } from "../src/notifications-reducer.js";
import { notification } from "./fake-client.js";

function run(actions: NotificationsAction[], state: NotificationsState = initialNotificationsState) {
  return actions.reduce(notificationsReducer, state);
}

describe("notificationsReducer", () => {
  it("loads unread notifications newest first with the server's count", () => {
    const state = run([
      { type: "loaded", notifications: [notification("a", "2026-01-01T00:00:00Z"), notification("b", "2026-01-02T00:00:00Z")], count: 7 },
    ]);
    expect(state.notifications.map((n) => [n.notification_id, n.read])).toEqual([["b", false], ["a", false]]);
    expect(state.unreadCount).toBe(7);
  });

  it("adds a live notification once and counts it as unread", () => {
    const live = notification("c", "2026-01-03T00:00:00Z");
    const state = run([
      { type: "received", notification: live },
      { type: "received", notification: live },
    ]);
    expect(state.notifications).toHaveLength(1);
    expect(state.unreadCount).toBe(1);
  });

  it("marks read once, however many times the update arrives", () => {
    const state = run([
      { type: "loaded", notifications: [notification("a", "2026-01-01T00:00:00Z")], count: 1 },
      { type: "status", notificationId: "a", status: "read" },
      { type: "status", notificationId: "a", status: "read" },
    ]);
    expect(state.notifications[0]?.read).toBe(true);
    expect(state.unreadCount).toBe(0);
  });

  it("takes the read state from read_at, as the server sends it", () => {
    const state = run([
      {
        type: "loaded",
        notifications: [notification("a", "2026-01-01T00:00:00Z", "2026-01-01T08:00:00Z"), notification("b", "2026-01-02T00:00:00Z")],
        count: 1,
      },
    ]);
    expect(state.notifications.map((n) => [n.notification_id, n.read])).toEqual([["b", false], ["a", true]]);
    expect(state.unreadCount).toBe(1);
  });

  it("does not count a notification that arrives already read", () => {
    const state = run([{ type: "received", notification: notification("a", "2026-01-01T00:00:00Z", "2026-01-01T08:00:00Z") }]);
    expect(state.notifications[0]?.read).toBe(true);
    expect(state.unreadCount).toBe(0);
  });

  it("takes the server's unread_count as the truth", () => {
    const state = run([
      { type: "received", notification: notification("a", "2026-01-01T00:00:00Z") },
      { type: "count", count: 12 },
    ]);
    expect(state.unreadCount).toBe(12);
  });

  it("keeps already-read items across a reload, which lists unread ones only", () => {
    const state = run([
      { type: "loaded", notifications: [notification("a", "2026-01-01T00:00:00Z"), notification("b", "2026-01-02T00:00:00Z")], count: 2 },
      { type: "status", notificationId: "a", status: "read" },
      { type: "loaded", notifications: [notification("b", "2026-01-02T00:00:00Z")], count: 1 },
    ]);
    expect(state.notifications.map((n) => [n.notification_id, n.read])).toEqual([["b", false], ["a", true]]);
  });

  it("records and clears errors", () => {
    const failed = run([{ type: "failed", error: "timeout" }]);
    expect(failed.error).toBe("timeout");
    expect(run([{ type: "loaded", notifications: [], count: 0 }], failed).error).toBeUndefined();
  });

  it("keeps a bounded number of notifications", () => {
    const many = Array.from({ length: maxKeptNotifications + 10 }, (_, i) =>
      notification(`n${i}`, new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()),
    );
    const state = run([{ type: "loaded", notifications: many, count: many.length }]);
    expect(state.notifications).toHaveLength(maxKeptNotifications);
    expect(state.notifications[0]?.notification_id).toBe(`n${maxKeptNotifications + 9}`);
  });
});
