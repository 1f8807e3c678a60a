import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { FridayClient } from "../src/client.js";
import type { DataChangedMessage, StateChange } from "../src/index.js";

/**
 * A few lines of the Friday server, on 127.0.0.1, so the client is exercised through the real
 * `ws` package as Node users will run it: real frames, real close codes, real timers.
 */
function startServer() {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  const history: DataChangedMessage[] = [];
  const urls: string[] = [];
  const sockets = new Set<WebSocket>();
  const event = (seq: number): DataChangedMessage => ({
    type: "data_changed",
    seq,
    topic: "notes",
    entity: "note",
    action: "created",
    id: `n${seq}`,
    data: { id: `n${seq}` },
    timestamp: new Date().toISOString(),
  });
  server.on("connection", (socket, request) => {
    urls.push(request.url ?? "");
    const query = new URL(request.url ?? "/", "http://x").searchParams;
    if (query.get("token") !== "good") {
      socket.send(JSON.stringify({ type: "error", code: "unauthorized", message: "bad token" }));
      socket.close(4001, "unauthorized");
      return;
    }
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    const newest = history.length === 0 ? 10 : history[history.length - 1]!.seq;
    socket.send(JSON.stringify({ type: "connection", status: "connected", client_id: "c", user_id: "alice", heartbeat_interval: 30, last_seq: newest, timestamp: new Date().toISOString() }));
    const lastSeq = query.get("last_seq");
    if (lastSeq !== null) {
      // One event more than asked for, as a resume racing a live delivery can send, so the
      // client's duplicate dropping is exercised too.
      const replay = history.filter((e) => e.seq >= Number(lastSeq));
      replay.forEach((e) => socket.send(JSON.stringify(e)));
      socket.send(JSON.stringify({ type: "resumed", from_seq: Number(lastSeq), to_seq: newest, replayed: replay.length, complete: true }));
    }
    socket.on("message", (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string; topic?: string };
      if (message.type === "ping") {
        socket.send(JSON.stringify({ type: "pong", reply_to: message.id }));
      } else if (message.type === "subscribe") {
        socket.send(JSON.stringify({ type: "subscription", topic: message.topic, status: "subscribed", reply_to: message.id }));
      }
    });
  });
  return {
    server,
    urls,
    url: () => `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws`,
    publish(seq: number) {
      const e = event(seq);
      history.push(e);
      sockets.forEach((socket) => socket.send(JSON.stringify(e)));
    },
    dropAll() {
      sockets.forEach((socket) => socket.terminate());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) {
        resolve();
      } else if (Date.now() - start > timeoutMs) {
        reject(new Error("condition not met in time"));
      } else {
        setTimeout(poll, 5);
      }
    };
    poll();
  });
}

describe("FridayClient over the real ws package", () => {
  let server: ReturnType<typeof startServer>;
  let client: FridayClient | undefined;

  beforeEach(async () => {
    server = startServer();
    await new Promise((resolve) => server.server.once("listening", resolve));
  });

  afterEach(async () => {
    client?.close();
    await server.close();
  });

  it("connects, answers a request, resumes after a drop and drops the replayed duplicate", async () => {
    client = new FridayClient({ url: server.url(), token: "good", WebSocket, initialDelayMs: 10, lifecycleTargets: [] });
    const seqs: number[] = [];
    const states: string[] = [];
    client.on("data_changed", (message) => seqs.push(message.seq));
    client.on("state", (change) => states.push(change.state));
    client.connect();
    await until(() => client?.state === "open");
    await client.ping();
    await client.subscribe("notes");
    server.publish(11);
    server.publish(12);
    await until(() => seqs.length === 2);
    server.dropAll();
    // Recorded rather than polled: on loopback the reconnect can be over between two polls.
    await until(() => states.includes("reconnecting"));
    server.publish(13);
    await until(() => states.lastIndexOf("open") > states.indexOf("reconnecting"));
    await until(() => seqs.length === 3);
    expect(seqs).toEqual([11, 12, 13]);
    expect(server.urls[1]).toContain("last_seq=12");
  });

  it("stops for good when the server answers 4001", async () => {
    client = new FridayClient({ url: server.url(), token: "bad", WebSocket, initialDelayMs: 10, lifecycleTargets: [] });
    const changes: StateChange[] = [];
    const codes: string[] = [];
    client.on("state", (change) => changes.push(change));
    client.on("error", (error) => codes.push(error.code));
    client.connect();
    await until(() => client?.state === "closed");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(codes).toEqual(["unauthorized"]);
    expect(changes[changes.length - 1]).toMatchObject({ state: "closed", code: 4001 });
    expect(server.urls).toHaveLength(1);
  });
});
