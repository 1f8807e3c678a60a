import { FridayError } from "@friday/client";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useNotifications } from "../src/use-notifications.js";
import { FakeClient, broadcast, liveNotification, notification } from "./fake-client.js";

describe("useNotifications", () => {
  it("fetches unread notifications when the connection opens, and again after a reconnect", async () => {
    const client = new FakeClient();
    client.unread = { type: "unread_notifications", count: 1, notifications: [notification("a", "2026-01-01T00:00:00Z")] };
    const { result } = renderHook(() => useNotifications(client, 20));
    expect(client.getUnread).not.toHaveBeenCalled();
    act(() => client.setState("open"));
    await waitFor(() => expect(result.current.unreadCount).toBe(1));
    expect(client.getUnread).toHaveBeenCalledWith(20);
    act(() => client.setState("reconnecting"));
    act(() => client.setState("open"));
    await waitFor(() => expect(client.getUnread).toHaveBeenCalledTimes(2));
  });

  it("fetches at once when the client is already open", async () => {
    const client = new FakeClient();
    client.state = "open";
    renderHook(() => useNotifications(client));
    await waitFor(() => expect(client.getUnread).toHaveBeenCalledOnce());
  });

  it("applies live notification, notification_update and unread_count events", async () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useNotifications(client));
    act(() =>
      client.emit("notification", liveNotification(notification("x", "2026-01-01T00:00:00Z"))),
    );
    expect(result.current.notifications.map((n) => n.notification_id)).toEqual(["x"]);
    expect(result.current.unreadCount).toBe(1);
    act(() => client.emit("notification_update", { type: "notification_update", data: { notification_id: "x", status: "read" } }));
    expect(result.current.notifications[0]?.read).toBe(true);
    act(() => client.emit("unread_count", { type: "unread_count", data: { count: 4 } }));
    expect(result.current.unreadCount).toBe(4);
  });

  it("keeps broadcasts on public topics out of the user's notifications and unread count", () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useNotifications(client));
    act(() => client.emit("notification", broadcast("system_alerts", "Maintenance at 18:00")));
    act(() => client.emit("notification", liveNotification(notification("x", "2026-01-01T00:00:00Z"))));
    expect(result.current.notifications.map((n) => n.notification_id)).toEqual(["x"]);
    expect(result.current.unreadCount).toBe(1);
  });

  it("marks read optimistically and asks the server", async () => {
    const client = new FakeClient();
    client.state = "open";
    client.unread = { type: "unread_notifications", count: 1, notifications: [notification("a", "2026-01-01T00:00:00Z")] };
    const { result } = renderHook(() => useNotifications(client));
    await waitFor(() => expect(result.current.unreadCount).toBe(1));
    await act(() => result.current.markRead("a"));
    expect(client.markRead).toHaveBeenCalledWith("a");
    expect(result.current.unreadCount).toBe(0);
  });

  it("shows a failed mark-as-read and reloads the server's list", async () => {
    const client = new FakeClient();
    client.state = "open";
    client.unread = { type: "unread_notifications", count: 1, notifications: [notification("a", "2026-01-01T00:00:00Z")] };
    client.markRead.mockRejectedValueOnce(new Error("not_found"));
    const { result } = renderHook(() => useNotifications(client));
    await waitFor(() => expect(result.current.unreadCount).toBe(1));
    await act(() => expect(result.current.markRead("a")).rejects.toThrow("not_found"));
    await waitFor(() => expect(result.current.notifications[0]?.read).toBe(false));
    expect(client.getUnread).toHaveBeenCalledTimes(2);
  });

  it("exposes the connection state and why the connection ended", () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useNotifications(client));
    expect(result.current).toMatchObject({ connectionState: "closed", isConnected: false, connectionError: undefined });
    act(() => client.setState("open"));
    expect(result.current).toMatchObject({ connectionState: "open", isConnected: true });
    act(() => client.setState("closed", 4003));
    expect(result.current.connectionState).toBe("closed");
    expect(result.current.connectionError).toBe("This client id belongs to another user (4003)");
  });

  it("reports a token provider that failed until a connection opens", () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useNotifications(client));
    act(() => client.setState("reconnecting", 1006));
    act(() => client.emit("client_error", new FridayError("token_provider_failed", "the token provider did not answer within 10000 ms")));
    expect(result.current.connectionError).toBe("Could not get a sign-in token: the token provider did not answer within 10000 ms");
    act(() => client.emit("client_error", new Error("WebSocket error")));
    expect(result.current.connectionError).toContain("sign-in token");
    act(() => client.setState("open"));
    expect(result.current.connectionError).toBeUndefined();
  });

  it("does not take the server's token_expiring warning for a connection error", () => {
    const client = new FakeClient();
    const { result } = renderHook(() => useNotifications(client));
    act(() => client.setState("open"));
    act(() => client.emit("error", { type: "error", code: "token_expiring", message: "The token expires soon", expires_at: "2026-01-02T03:05:00.000Z" }));
    expect(result.current.connectionError).toBeUndefined();
  });

  it("stops listening on unmount", () => {
    const client = new FakeClient();
    const { unmount } = renderHook(() => useNotifications(client));
    expect(client.listenerCount("notification")).toBe(1);
    unmount();
    expect(client.listenerCount("notification")).toBe(0);
    expect(client.listenerCount("state")).toBe(0);
  });
});
