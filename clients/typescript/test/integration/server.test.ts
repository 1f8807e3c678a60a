import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FridayClient, isUserNotification } from "../../src/index.js";
import type {
  DataChangedMessage,
  NotificationMessage,
  ResumedMessage,
  UserNotificationMessage,
  WebSocketConstructor,
} from "../../src/index.js";
import { FridayServer } from "./friday-server.js";
import { until, waitFor } from "./wait.js";

describe("FridayClient against a real Friday server", () => {
  let server: FridayServer;
  let serviceToken: string;

  beforeAll(async () => {
    server = await FridayServer.start();
    serviceToken = await server.token("ts-service", ["service"]);
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** `gate`, when given, is awaited by every token request: while it is held the client cannot reconnect. */
  function client(userId: string, gate?: () => Promise<void>): { client: FridayClient; tokenCalls: () => number } {
    let calls = 0;
    const created = new FridayClient({
      url: server.wsUrl,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      tokenProvider: async () => {
        calls++;
        await gate?.();
        return server.token(userId);
      },
      initialDelayMs: 200,
      maxDelayMs: 1_000,
      lifecycleTargets: [],
    });
    return { client: created, tokenCalls: () => calls };
  }

  it("delivers data_changed, replies, service notifications, and reconnects by itself after a crash", async () => {
    const { client: alice, tokenCalls } = client("ts-alice");
    const changes: DataChangedMessage[] = [];
    const notifications: UserNotificationMessage[] = [];
    alice.on("data_changed", (event) => changes.push(event));
    alice.on("notification", (event) => {
      if (isUserNotification(event)) {
        notifications.push(event);
      }
    });
    try {
      alice.connect();
      await until(() => alice.state === "open");
      await alice.subscribe("notes");
      const userToken = await server.token("ts-alice");

      const note = (await server.post("/api/notes", { title: "first", content: "over REST" }, userToken)) as { id: string };
      const created = await waitFor(changes, (event) => event.id === note.id);
      expect(created).toMatchObject({ topic: "notes", entity: "note", action: "created", data: { title: "first" } });
      expect(created.seq).toBeGreaterThan(0);

      const pong = await alice.request({ type: "ping" });
      expect(pong.type).toBe("pong");
      expect(await alice.getUnreadCount()).toBe(0);

      await server.post("/api/notifications", { user_id: "ts-alice", type: "alert", title: "Hello", message: "from a service" }, serviceToken);
      const notification = await waitFor(notifications, (event) => event.data.title === "Hello");
      expect(notification.data).toMatchObject({ notification_type: "alert", data: null, read_at: null });
      expect(notification.notification_type).toBe("alert");

      await server.kill();
      await until(() => alice.state === "reconnecting");
      await server.start();
      // Changes made before the server confirms the resubscription would not reach this client.
      const resubscribed = new Promise((r) => alice.on("subscription", r));
      await until(() => alice.state === "open" && tokenCalls() >= 2);
      await resubscribed;

      const after = (await server.post("/api/notes", { title: "after restart", content: "" }, userToken)) as { id: string };
      await waitFor(changes, (event) => event.id === after.id);
      expect(changes.map((event) => event.id)).toEqual([note.id, after.id]);
    } finally {
      alice.close();
    }
  });

  it("delivers a notification created while the user was offline on connect, then the unread count", async () => {
    await server.post("/api/notifications", { user_id: "ts-bob", type: "task_reminder", title: "Due", message: "while offline" }, serviceToken);
    const { client: bob } = client("ts-bob");
    const types: string[] = [];
    bob.on("message", (message) => types.push(message.type));
    try {
      bob.connect();
      await waitFor(types, (type) => type === "unread_count");
      expect(types.slice(0, 3)).toEqual(["connection", "notification", "unread_count"]);
    } finally {
      bob.close();
    }
  });

  it("tells a broadcast on a subscribed public topic from the user's own notification", async () => {
    const { client: dave } = client("ts-dave");
    const received: NotificationMessage[] = [];
    dave.on("notification", (event) => received.push(event));
    try {
      dave.connect();
      await until(() => dave.state === "open");
      expect(await dave.subscribe("system_alerts")).toEqual([{ topic: "system_alerts", status: "subscribed" }]);
      await server.post("/api/notifications?topic=system_alerts", { type: "alert", message: "Maintenance at 18:00", data: { window_minutes: 30 } }, serviceToken);
      await server.post("/api/notifications", { user_id: "ts-dave", type: "alert", title: "Yours", message: "only yours" }, serviceToken);
      const own = await waitFor(received, isUserNotification);
      const broadcast = await waitFor(received, (event) => event.topic === "system_alerts");

      expect(isUserNotification(broadcast)).toBe(false);
      expect(broadcast).toMatchObject({ message: "Maintenance at 18:00", data: { window_minutes: 30 } });
      expect(own).toMatchObject({ topic: "notifications", data: { title: "Yours", read_at: null } });
      expect(await dave.getUnreadCount()).toBe(1);
    } finally {
      dave.close();
    }
  });

  it("replays the events created while it was away once, in order, after it reconnects", async () => {
    let held: Promise<void> = Promise.resolve();
    let release: () => void = () => undefined;
    const { client: carol } = client("ts-carol", () => held);
    const changes: DataChangedMessage[] = [];
    const resumed: ResumedMessage[] = [];
    carol.on("data_changed", (event) => changes.push(event));
    carol.on("resumed", (event) => resumed.push(event));
    try {
      carol.connect();
      await until(() => carol.state === "open");
      expect(await carol.subscribe("notes")).toEqual([{ topic: "notes", status: "subscribed" }]);
      const userToken = await server.token("ts-carol");
      const create = async (title: string) =>
        ((await server.post("/api/notes", { title, content: "" }, userToken)) as { id: string }).id;
      const before = await create("before");
      await waitFor(changes, (event) => event.id === before);

      held = new Promise<void>((r) => (release = r));
      await server.kill();
      await until(() => carol.state === "reconnecting");
      await server.start();
      const missed = [await create("missed one"), await create("missed two")];
      await new Promise((r) => setTimeout(r, 300));
      expect(changes.map((event) => event.id)).toEqual([before]);

      release();
      await waitFor(resumed, () => true);
      expect(resumed[0]).toMatchObject({ from_seq: changes[0]?.seq, replayed: 2, complete: true });
      await waitFor(changes, (event) => event.id === missed[1]);
      const live = await create("live again");
      await waitFor(changes, (event) => event.id === live);
      expect(changes.map((event) => event.id)).toEqual([before, ...missed, live]);
      const seqs = changes.map((event) => event.seq);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    } finally {
      carol.close();
    }
  });
});
