import { describe, expect, it } from "vitest";
import { isUserNotification } from "../src/index.js";
import type { NotificationMessage } from "../src/index.js";

const own: NotificationMessage = {
  type: "notification",
  seq: 3,
  topic: "notifications",
  message: "Pay rent is due today",
  notification_type: "task_reminder",
  data: {
    notification_id: "d743df0e-a3b9-49cf-b2dd-b76aa59f8aa0",
    title: "Task due",
    message: "Pay rent is due today",
    notification_type: "task_reminder",
    data: null,
    created_at: "2026-11-24T10:33:56.722Z",
    read_at: null,
  },
  timestamp: "2026-11-24T10:33:56.769Z",
};

const broadcast: NotificationMessage = {
  type: "notification",
  seq: 4,
  topic: "system_alerts",
  message: "Maintenance at 18:00",
  notification_type: "alert",
  data: { window_minutes: 30 },
  timestamp: "2026-11-24T10:34:00.000Z",
};

/** What an app that keeps the user's inbox must write: the topic decides, not the event name. */
function inboxTitle(message: NotificationMessage): string | undefined {
  // @ts-expect-error a `notification` may be a broadcast, whose `data` is the publisher's, with no title
  const unchecked: string = message.data.title;
  void unchecked;
  return isUserNotification(message) ? message.data.title : undefined;
}

describe("isUserNotification", () => {
  it("is true on the `notifications` topic only, so a public broadcast is not taken for the user's own", () => {
    expect(isUserNotification(own)).toBe(true);
    expect(isUserNotification(broadcast)).toBe(false);
    expect(inboxTitle(own)).toBe("Task due");
    expect(inboxTitle(broadcast)).toBeUndefined();
  });
});
