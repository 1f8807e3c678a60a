import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NotificationCenter } from "../src/NotificationCenter.js";
import { FakeClient, broadcast, liveNotification, notification } from "./fake-client.js";

describe("NotificationCenter", () => {
  it("shows the connection state, the unread badge and the list", async () => {
    const client = new FakeClient();
    client.unread = {
      type: "unread_notifications",
      count: 2,
      notifications: [notification("a", "2026-01-01T00:00:00Z"), notification("b", "2026-01-02T00:00:00Z")],
    };
    render(<NotificationCenter client={client} />);
    expect(screen.getByRole("status").textContent).toContain("Offline");
    expect(screen.getByText("No notifications")).toBeTruthy();
    act(() => client.setState("open"));
    await waitFor(() => expect(screen.getByLabelText("2 unread").textContent).toBe("2"));
    expect(screen.getByRole("status").textContent).toContain("Live");
    expect(screen.getAllByRole("listitem").map((item) => item.querySelector("strong")?.textContent)).toEqual([
      "Title b",
      "Title a",
    ]);
  });

  it("neither lists nor counts a broadcast on a public topic", () => {
    const client = new FakeClient();
    render(<NotificationCenter client={client} />);
    act(() => client.emit("notification", broadcast("system_alerts", "Maintenance at 18:00")));
    expect(screen.getByText("No notifications")).toBeTruthy();
    expect(screen.queryByLabelText(/unread/)).toBeNull();
  });

  it("marks a notification read from its button", async () => {
    const client = new FakeClient();
    client.state = "open";
    client.unread = { type: "unread_notifications", count: 1, notifications: [notification("a", "2026-01-01T00:00:00Z")] };
    render(<NotificationCenter client={client} />);
    const button = await screen.findByRole("button", { name: "Mark as read" });
    fireEvent.click(button);
    await waitFor(() => expect(client.markRead).toHaveBeenCalledWith("a"));
    expect(screen.queryByRole("button", { name: "Mark as read" })).toBeNull();
    expect(screen.queryByLabelText(/unread/)).toBeNull();
  });

  it("says why it is offline: the server's error and the 4001 close that ended the connection", () => {
    const client = new FakeClient();
    render(<NotificationCenter client={client} />);
    act(() => client.setState("connecting"));
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => client.emit("error", { type: "error", code: "unauthorized", message: "The token has expired." }));
    act(() => client.setState("closed", 4001));
    expect(screen.getByRole("status").textContent).toContain("Offline");
    const alert = screen.getByRole("alert").textContent ?? "";
    expect(alert).toContain("The server refused the sign-in token");
    expect(alert).toContain("The token has expired.");
    expect(alert).toContain("4001");
  });

  it("shows a server error that answers no request until a connection opens again", () => {
    const client = new FakeClient();
    client.state = "open";
    render(<NotificationCenter client={client} />);
    act(() => client.emit("error", { type: "error", code: "forbidden", message: "'task:x' belongs to another user." }));
    act(() => client.emit("error", { type: "error", code: "not_found", message: "no such", reply_to: "r1" }));
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => client.emit("error", { type: "error", code: "internal_error", message: "The database is unavailable; try again shortly." }));
    expect(screen.getByRole("alert").textContent).toBe("The database is unavailable; try again shortly. (internal_error)");
    act(() => client.setState("reconnecting", 1006));
    act(() => client.setState("open"));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a collapsed debug panel only when asked to", async () => {
    const client = new FakeClient();
    const { rerender } = render(<NotificationCenter client={client} />);
    expect(screen.queryByText("Debug info")).toBeNull();
    client.connection = {
      type: "connection",
      status: "connected",
      client_id: "tab-7",
      user_id: "alice",
      heartbeat_interval: 30,
      last_seq: 40,
      timestamp: "2026-01-01T00:00:00Z",
    };
    client.subscribedTopics = ["notes", "tasks"];
    rerender(<NotificationCenter client={client} debug />);
    const panel = screen.getByText("Debug info").closest("details") as HTMLDetailsElement;
    expect(panel.open).toBe(false);
    act(() => client.setState("open"));
    await waitFor(() => expect(client.getUnread).toHaveBeenCalled());
    client.lastSeq = 42;
    act(() => client.emit("message", { type: "pong" }));
    act(() => client.setState("reconnecting", 1006));
    act(() => client.setState("open"));
    const value = (label: string) => panel.querySelector(`[data-debug="${label}"]`)?.textContent;
    expect(value("State")).toBe("open");
    expect(value("Client id")).toBe("tab-7");
    expect(value("User")).toBe("alice");
    expect(value("Last seq")).toBe("42");
    expect(value("Server last_seq at connect")).toBe("40");
    expect(value("Topics")).toBe("notes, tasks");
    expect(value("Messages received")).toBe("1");
    expect(value("Reconnects")).toBe("1");
  });
});

/** The browser's Notification API, replaced at its boundary: a test never shows a real one. */
function fakeNotificationApi(permission: NotificationPermission) {
  const shown: { title: string; options: NotificationOptions | undefined }[] = [];
  class FakeNotification {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = "granted";
      return "granted" as NotificationPermission;
    });
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options });
    }
  }
  vi.stubGlobal("Notification", FakeNotification);
  return { api: FakeNotification, shown };
}

function live(id: string) {
  return liveNotification({ ...notification(id, "2026-01-01T00:00:00Z"), message: "Ship it" });
}

describe("NotificationCenter desktop notifications", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("asks for permission only on the user's click, then shows live notifications while the page is hidden", async () => {
    const { api, shown } = fakeNotificationApi("default");
    vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    const client = new FakeClient();
    render(<NotificationCenter client={client} desktopNotifications />);
    act(() => client.emit("notification", live("before")));
    expect(api.requestPermission).not.toHaveBeenCalled();
    expect(shown).toEqual([]);

    const listening = client.listenerCount("notification");
    fireEvent.click(screen.getByRole("button", { name: "Enable desktop notifications" }));
    // The hook subscribes in an effect after the render that hides the button, and React may run
    // that effect a task later: a notification emitted before it would find no listener.
    await waitFor(() => expect(client.listenerCount("notification")).toBe(listening + 1));
    expect(screen.queryByRole("button", { name: "Enable desktop notifications" })).toBeNull();
    expect(api.requestPermission).toHaveBeenCalledOnce();
    act(() => client.emit("notification", live("n1")));
    expect(shown).toEqual([{ title: "Title n1", options: { body: "Ship it", tag: "n1" } }]);
  });

  it("shows the user's own notifications only, not broadcasts on public topics", () => {
    const { shown } = fakeNotificationApi("granted");
    vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    const client = new FakeClient();
    render(<NotificationCenter client={client} desktopNotifications />);
    act(() => client.emit("notification", broadcast("system_alerts", "Maintenance at 18:00")));
    act(() => client.emit("notification", live("own")));
    expect(shown.map((n) => n.title)).toEqual(["Title own"]);
  });

  it("shows none while the page is visible, and none at all unless opted in", () => {
    const { shown } = fakeNotificationApi("granted");
    const client = new FakeClient();
    const { rerender } = render(<NotificationCenter client={client} desktopNotifications />);
    act(() => client.emit("notification", live("visible")));
    vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    rerender(<NotificationCenter client={client} />);
    act(() => client.emit("notification", live("not-opted-in")));
    expect(shown).toEqual([]);
    expect(screen.queryByRole("button", { name: /desktop/ })).toBeNull();
  });

  it("says when the browser blocks them", () => {
    fakeNotificationApi("denied");
    render(<NotificationCenter client={new FakeClient()} desktopNotifications />);
    expect(screen.getByText(/blocked in this browser's settings/)).toBeTruthy();
  });
});
