import { describe, expect, it } from "vitest";
import type { FridayClientOptions } from "../src/options.js";
import { flush, harness } from "./client-harness.js";

function dataChanged(seq: number) {
  return {
    type: "data_changed",
    seq,
    topic: "notes",
    entity: "note",
    action: "created",
    id: `n${seq}`,
    data: { id: `n${seq}` },
    timestamp: "2026-01-02T03:04:05.678Z",
  };
}

async function reconnect(h: ReturnType<typeof harness>): Promise<void> {
  h.socket.serverClose(1006);
  h.scheduler.advance(30_000);
  await flush();
}

/** A connecting client that records the seqs it delivers and the errors it reports. */
async function recording(options: Partial<FridayClientOptions> = {}) {
  const h = harness(options);
  const seqs: number[] = [];
  const errors: { code?: string; message: string }[] = [];
  h.client.on("data_changed", (message) => seqs.push(message.seq));
  h.client.on("client_error", (error) => errors.push(error as { code?: string; message: string }));
  h.client.connect();
  await flush();
  return Object.assign(h, { seqs, errors, codes: () => errors.map((error) => error.code ?? "") });
}

describe("FridayClient stream", () => {
  it("sends last_seq of the newest event seen when it reconnects", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept({ last_seq: 100 });
    h.socket.receive(dataChanged(101));
    h.socket.receive(dataChanged(102));
    await reconnect(h);
    expect(h.socket.query.get("last_seq")).toBe("102");
    expect(h.socket.query.get("token")).toBe("tok");
  });

  it("resumes from the server's last_seq at first connect when no event arrived", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    expect(h.socket.query.has("last_seq")).toBe(false);
    h.socket.accept({ last_seq: 500 });
    await reconnect(h);
    expect(h.socket.query.get("last_seq")).toBe("500");
  });

  it("does not treat the server's last_seq as seen: older offline notifications still arrive", async () => {
    const h = harness();
    const seen: number[] = [];
    h.client.on("notification", (message) => seen.push(message.seq));
    h.client.connect();
    await flush();
    h.socket.accept({ last_seq: 500 });
    h.socket.receive({
      type: "notification",
      seq: 40,
      topic: "notifications",
      message: "Task due",
      data: { notification_id: "x", title: "Task due", message: "Task due", notification_type: "task_reminder", created_at: "2026-01-01T00:00:00Z" },
      timestamp: "2026-01-02T03:04:05.678Z",
    });
    expect(seen).toEqual([40]);
  });

  it("drops events already delivered when the resume replays them", async () => {
    const h = await recording();
    h.socket.accept();
    h.socket.receive(dataChanged(1));
    h.socket.receive(dataChanged(2));
    await reconnect(h);
    h.socket.accept({ last_seq: 3 });
    h.socket.receive(dataChanged(2));
    h.socket.receive(dataChanged(3));
    h.socket.receive(dataChanged(3));
    h.socket.receive({ type: "resumed", from_seq: 2, to_seq: 3, replayed: 1, complete: true });
    expect(h.seqs).toEqual([1, 2, 3]);
    expect(h.client.lastSeq).toBe(3);
  });

  it("keeps dropping duplicates on a node a little behind the one it left, and reports no reset", async () => {
    const h = await recording();
    h.socket.accept({ last_seq: 100 });
    [101, 102, 103].forEach((seq) => h.socket.receive(dataChanged(seq)));
    await reconnect(h);
    expect(h.socket.query.get("last_seq")).toBe("103");
    // This node has delivered up to 101 so far: 102 and 103 still reach it, and so this client.
    h.socket.accept({ last_seq: 101 });
    h.socket.receive({ type: "resumed", from_seq: 103, to_seq: 103, replayed: 0, complete: true });
    [102, 103, 104].forEach((seq) => h.socket.receive(dataChanged(seq)));
    expect(h.seqs).toEqual([101, 102, 103, 104]);
    expect(h.codes()).not.toContain("stream_reset");
    await reconnect(h);
    expect(h.socket.query.get("last_seq")).toBe("104");
  });

  it("tells the application to refetch when the resume could not reach back, and still drops duplicates", async () => {
    const h = await recording();
    h.socket.accept({ last_seq: 0 });
    [1, 2, 3].forEach((seq) => h.socket.receive(dataChanged(seq)));
    await reconnect(h);
    h.socket.accept({ last_seq: 50_000 });
    h.socket.receive(dataChanged(3));
    h.socket.receive({ type: "resumed", from_seq: 3, to_seq: 50_000, replayed: 0, complete: false });
    h.socket.receive(dataChanged(3));
    h.socket.receive(dataChanged(50_001));
    expect(h.seqs).toEqual([1, 2, 3, 50_001]);
    expect(h.errors).toContainEqual(expect.objectContaining({ code: "stream_reset", message: expect.stringContaining("seq 3") }));
  });

  it("starts deduplication over when last_seq is below a seq known for longer than any node lags", async () => {
    const h = await recording();
    h.socket.accept({ last_seq: 100 });
    h.socket.receive(dataChanged(101));
    h.scheduler.advance(60_000);
    await reconnect(h);
    h.socket.accept({ last_seq: 0 });
    h.socket.receive(dataChanged(1));
    expect(h.seqs).toEqual([101, 1]);
    expect(h.codes()).toContain("stream_reset");
    await reconnect(h);
    expect(h.socket.query.get("last_seq")).toBe("1");
  });

  it("waits maxNodeLagMs before taking a lower last_seq for a new sequence", async () => {
    const h = await recording({ maxNodeLagMs: 5_000 });
    h.socket.accept({ last_seq: 100 });
    h.socket.serverClose(1006);
    h.scheduler.advance(4_000);
    await flush();
    h.socket.accept({ last_seq: 0 });
    expect(h.codes()).not.toContain("stream_reset");
    h.socket.serverClose(1006);
    h.scheduler.advance(2_000);
    await flush();
    h.socket.accept({ last_seq: 0 });
    expect(h.codes()).toContain("stream_reset");
  });

  it("emits typed events and every message on `message`", async () => {
    const h = harness();
    const types: string[] = [];
    const counts: number[] = [];
    h.client.on("message", (message) => types.push(message.type));
    h.client.on("unread_count", (message) => counts.push(message.data.count));
    h.client.connect();
    await flush();
    h.socket.accept();
    h.socket.receive({ type: "unread_count", data: { count: 5 } });
    h.socket.receive({ type: "system_status", topic: "status", data: { ok: true } });
    expect(types).toEqual(["connection", "unread_count", "system_status"]);
    expect(counts).toEqual([5]);
  });

  it("subscribes again to every topic and notification type after a reconnect", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    void h.client.subscribe(["notes", "tasks"]);
    void h.client.subscribe("system_status");
    void h.client.subscribeNotificationTypes(["task_reminder"]);
    void h.client.unsubscribe("tasks");
    await reconnect(h);
    h.socket.accept();
    expect(h.socket.sent).toEqual([
      { type: "subscribe", topics: ["notes", "system_status"], id: expect.any(String) },
      { type: "subscribe", notification_types: ["task_reminder"] },
    ]);
  });

  it("subscribes on connect to topics chosen before connecting", async () => {
    const h = harness();
    await h.client.subscribe("notes");
    h.client.connect();
    await flush();
    h.socket.accept();
    expect(h.socket.sent).toEqual([{ type: "subscribe", topic: "notes", id: expect.any(String) }]);
  });

  it("forgets a topic the server forbids, so it is not retried on reconnect", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    const result = h.client.subscribe("task:someone-elses");
    const id = h.socket.sent[0]?.id;
    h.socket.receive({ type: "error", code: "forbidden", message: "not yours", reply_to: id });
    await expect(result).resolves.toEqual([
      { topic: "task:someone-elses", status: "refused", error: expect.objectContaining({ code: "forbidden" }) },
    ]);
    expect(h.client.subscribedTopics).toEqual([]);
  });

  it("answers a subscribe to several topics per topic, after the last reply, and forgets only the refused", async () => {
    const h = harness();
    const refused: string[] = [];
    h.client.on("topic_refused", ({ topic, error }) => refused.push(`${topic}:${error.code}`));
    h.client.connect();
    await flush();
    h.socket.accept();
    let settled = false;
    const result = h.client.subscribe(["notes", "task:theirs", "note:gone", "bad topic", "tasks", "notes"]);
    void result.then(() => (settled = true));
    const id = h.socket.sent[0]?.id;
    expect(h.socket.sent[0]).toMatchObject({ topics: ["notes", "task:theirs", "note:gone", "bad topic", "tasks"] });
    h.socket.receive({ type: "subscription", topic: "notes", status: "subscribed", reply_to: id });
    await flush();
    expect(settled).toBe(false);
    h.socket.receive({ type: "error", code: "forbidden", message: "not yours", reply_to: id });
    h.socket.receive({ type: "error", code: "not_found", message: "no such note", reply_to: id });
    h.socket.receive({ type: "error", code: "invalid_message", message: "not a topic", reply_to: id });
    h.socket.receive({ type: "subscription", topic: "tasks", status: "subscribed", reply_to: id });
    expect((await result).map(({ topic, status }) => `${topic}:${status}`)).toEqual([
      "notes:subscribed",
      "task:theirs:refused",
      "note:gone:refused",
      "bad topic:refused",
      "tasks:subscribed",
    ]);
    expect(refused).toEqual(["task:theirs:forbidden", "note:gone:not_found", "bad topic:invalid_message"]);
    expect(h.client.subscribedTopics).toEqual(["notes", "tasks"]);
    await reconnect(h);
    h.socket.accept();
    expect(h.socket.sent[0]).toMatchObject({ type: "subscribe", topics: ["notes", "tasks"] });
  });

  it("keeps the topics not answered when the server fails the whole subscribe", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    const result = h.client.subscribe(["notes", "note:x", "tasks"]);
    const id = h.socket.sent[0]?.id;
    h.socket.receive({ type: "subscription", topic: "notes", status: "subscribed", reply_to: id });
    h.socket.receive({ type: "error", code: "internal_error", message: "database unavailable", reply_to: id });
    expect(await result).toEqual([
      { topic: "notes", status: "subscribed" },
      { topic: "note:x", status: "pending", error: expect.objectContaining({ code: "internal_error" }) },
      { topic: "tasks", status: "pending", error: expect.objectContaining({ code: "internal_error" }) },
    ]);
    expect(h.client.subscribedTopics).toEqual(["notes", "note:x", "tasks"]);
  });

  it("forgets a topic refused when it is subscribed again after a reconnect", async () => {
    const h = harness();
    const refused: string[] = [];
    h.client.on("topic_refused", ({ topic }) => refused.push(topic));
    await h.client.subscribe(["notes", "note:deleted-meanwhile"]);
    h.client.connect();
    await flush();
    h.socket.accept();
    const id = h.socket.sent[0]?.id;
    h.socket.receive({ type: "subscription", topic: "notes", status: "subscribed", reply_to: id });
    h.socket.receive({ type: "error", code: "not_found", message: "gone", reply_to: id });
    await flush();
    expect(refused).toEqual(["note:deleted-meanwhile"]);
    expect(h.client.subscribedTopics).toEqual(["notes"]);
  });

  it("sends more than 100 topics in messages of at most 100, and answers every topic", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    const topics = Array.from({ length: 150 }, (_, i) => `public.${i}`);
    const result = h.client.subscribe(topics);
    expect(h.socket.sent.map((message) => (message.topics as string[]).length)).toEqual([100, 50]);
    for (const message of h.socket.sent) {
      for (const topic of message.topics as string[]) {
        h.socket.receive({ type: "subscription", topic, status: "subscribed", reply_to: message.id });
      }
    }
    expect((await result).filter((r) => r.status === "subscribed")).toHaveLength(150);
  });

  it("resolves pending while disconnected, and when the connection drops before the replies", async () => {
    const h = harness();
    await expect(h.client.subscribe("tasks")).resolves.toEqual([{ topic: "tasks", status: "pending" }]);
    h.client.connect();
    await flush();
    h.socket.accept();
    const result = h.client.subscribe("notes");
    h.socket.serverClose(1006);
    await expect(result).resolves.toEqual([
      { topic: "notes", status: "pending", error: expect.objectContaining({ code: "connection_lost" }) },
    ]);
    expect(h.client.subscribedTopics).toEqual(["tasks", "notes"]);
  });

  it("queues messages while disconnected and sends them in order after the resubscription", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    void h.client.subscribe("notes");
    h.socket.serverClose(1006);
    h.client.send({ type: "get_unread_count" });
    h.client.send({ type: "mark_read", notification_id: "a" });
    h.client.send({ type: "get_unread", limit: 5 });
    h.scheduler.advance(30_000);
    await flush();
    h.socket.open();
    expect(h.socket.sent).toEqual([]);
    h.socket.accept();
    expect(h.socket.sent.map((message) => message.type)).toEqual([
      "subscribe",
      "get_unread_count",
      "mark_read",
      "get_unread",
    ]);
  });

  it("refuses to queue past maxQueueSize", async () => {
    const h = harness({ maxQueueSize: 2 });
    expect(h.client.send({ type: "ping" })).toBe(true);
    expect(h.client.send({ type: "ping" })).toBe(true);
    expect(h.client.send({ type: "ping" })).toBe(false);
    await expect(h.client.request({ type: "ping" })).rejects.toMatchObject({ code: "queue_full" });
  });
});

describe("FridayClient requests", () => {
  async function connected() {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    return h;
  }

  it("assigns an id and resolves with the reply carrying it as reply_to", async () => {
    const h = await connected();
    const count = h.client.getUnreadCount();
    const sent = h.socket.sent[0];
    expect(sent).toMatchObject({ type: "get_unread_count" });
    expect(typeof sent?.id).toBe("string");
    h.socket.receive({ type: "unread_count", data: { count: 9 }, reply_to: "someone-else" });
    h.socket.receive({ type: "unread_count", data: { count: 7 }, reply_to: sent?.id });
    await expect(count).resolves.toBe(7);
  });

  it("gives every request a different id", async () => {
    const h = await connected();
    void h.client.ping().catch(() => undefined);
    void h.client.ping().catch(() => undefined);
    const [a, b] = h.socket.sent;
    expect(a?.id).not.toBe(b?.id);
  });

  it("rejects with the error code when the reply is an error", async () => {
    const h = await connected();
    const read = h.client.markRead("missing");
    h.socket.receive({ type: "error", code: "not_found", message: "no such notification", reply_to: h.socket.sent[0]?.id });
    await expect(read).rejects.toMatchObject({ code: "not_found", message: "no such notification" });
  });

  it("rejects after 10 s without a reply by default", async () => {
    const h = await connected();
    const unread = h.client.getUnread(5);
    expect(h.socket.sent[0]).toMatchObject({ type: "get_unread", limit: 5 });
    h.scheduler.advance(9_999);
    h.socket.receive({ type: "heartbeat", timestamp: "2026-01-02T03:04:05.678Z" });
    h.scheduler.advance(1);
    await expect(unread).rejects.toMatchObject({ code: "timeout" });
  });

  it("sends a request made while disconnected after reconnecting, and resolves it", async () => {
    const h = await connected();
    h.socket.serverClose(1006);
    const pong = h.client.ping();
    h.scheduler.advance(500);
    await flush();
    h.socket.accept();
    const sent = h.socket.sent.find((message) => message.type === "ping");
    h.socket.receive({ type: "pong", reply_to: sent?.id });
    await expect(pong).resolves.toBeUndefined();
  });

  it("does not send a queued request that timed out", async () => {
    const h = await connected();
    h.socket.serverClose(1006);
    const pong = h.client.request({ type: "ping" }, { timeoutMs: 100 });
    h.scheduler.advance(100);
    await expect(pong).rejects.toMatchObject({ code: "timeout" });
    h.scheduler.advance(30_000);
    await flush();
    h.socket.accept();
    expect(h.socket.sentOfType("ping")).toEqual([]);
  });

  it("rejects a sent request at once when its connection is lost", async () => {
    const h = await connected();
    const pong = h.client.ping();
    h.socket.serverClose(1006);
    await expect(pong).rejects.toMatchObject({ code: "connection_lost" });
  });

  it("rejects pending requests on close", async () => {
    const h = harness();
    const pong = h.client.ping();
    h.client.close();
    await expect(pong).rejects.toMatchObject({ code: "closed" });
  });
});

describe("FridayClient dead-connection detection", () => {
  it("pings every heartbeat interval once connected", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept({ heartbeat_interval: 10 });
    h.scheduler.advance(10_000);
    h.socket.receive({ type: "pong" });
    h.scheduler.advance(10_000);
    expect(h.socket.sentOfType("ping")).toHaveLength(2);
  });

  it("closes and reconnects a connection silent for three heartbeat intervals", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    const first = h.socket;
    first.accept({ heartbeat_interval: 10 });
    h.scheduler.advance(35_000);
    expect(first.closedByClient).toBeDefined();
    expect(h.client.state).toBe("reconnecting");
    h.scheduler.advance(500);
    await flush();
    expect(h.sockets).toHaveLength(2);
  });

  it("checks at once when the tab becomes visible again", async () => {
    const target = new EventTarget();
    const h = harness({ lifecycleTargets: [target] });
    h.client.connect();
    await flush();
    h.socket.accept({ heartbeat_interval: 10 });
    h.scheduler.jump(60_000);
    target.dispatchEvent(new Event("visibilitychange"));
    expect(h.client.state).toBe("reconnecting");
  });

  it("retries at once when the network comes back instead of waiting out the backoff", async () => {
    const target = new EventTarget();
    const h = harness({ lifecycleTargets: [target], random: () => 0.999 });
    h.client.connect();
    await flush();
    h.socket.serverClose(1006);
    target.dispatchEvent(new Event("online"));
    await flush();
    expect(h.sockets).toHaveLength(2);
  });

  it("stops listening to lifecycle events after close", async () => {
    const target = new EventTarget();
    const h = harness({ lifecycleTargets: [target] });
    h.client.connect();
    await flush();
    h.client.close();
    target.dispatchEvent(new Event("online"));
    await flush();
    expect(h.sockets).toHaveLength(1);
  });
});
