import { describe, expect, it, vi } from "vitest";
import { expectRetryDelays, flush, growingDelays, harness } from "./client-harness.js";

describe("FridayClient connection lifecycle", () => {
  it("passes the token in the query and opens at the connection message", async () => {
    const h = harness({ clientId: "tab-1" });
    h.client.connect();
    await flush();
    expect(h.socket.url).toBe("ws://127.0.0.1:5000/ws/tab-1?token=tok");
    h.socket.open();
    expect(h.client.state).toBe("connecting");
    h.socket.accept();
    expect(h.client.state).toBe("open");
    expect(h.states).toEqual(["connecting", "open"]);
  });

  it("goes connecting -> open -> reconnecting -> open -> closed", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    h.socket.serverClose(1006);
    h.scheduler.advance(250);
    await flush();
    h.socket.accept();
    h.client.close();
    expect(h.states).toEqual(["connecting", "open", "reconnecting", "open", "closed"]);
  });

  it("calls the token provider again for every connection attempt", async () => {
    let n = 0;
    const tokenProvider = vi.fn(async () => `token-${++n}`);
    const h = harness({ tokenProvider });
    h.client.connect();
    await flush();
    h.socket.accept();
    h.socket.serverClose(1001);
    h.scheduler.advance(250);
    await flush();
    h.socket.serverClose(1006);
    h.scheduler.advance(500);
    await flush();
    expect(tokenProvider).toHaveBeenCalledTimes(3);
    expect(h.sockets.map((socket) => socket.query.get("token"))).toEqual(["token-1", "token-2", "token-3"]);
  });

  it("retries after a token provider failure and reports it", async () => {
    const tokenProvider = vi.fn().mockRejectedValueOnce(new Error("auth down")).mockResolvedValue("t");
    const h = harness({ tokenProvider });
    const errors: string[] = [];
    h.client.on("client_error", (error) => errors.push(error.message));
    h.client.connect();
    await flush();
    expect(h.sockets).toHaveLength(0);
    expect(errors).toEqual(["auth down"]);
    h.scheduler.advance(250);
    await flush();
    expect(h.sockets).toHaveLength(1);
  });

  it("counts a token provider that never answers as a failed attempt, and goes on with backoff", async () => {
    const tokenProvider = vi.fn().mockReturnValueOnce(new Promise<string>(() => undefined)).mockResolvedValue("fresh");
    const h = harness({ tokenProvider });
    const errors: { code?: string; message: string }[] = [];
    h.client.on("client_error", (error) => errors.push(error as { code?: string; message: string }));
    h.client.connect();
    await flush();
    h.scheduler.advance(9_999);
    await flush();
    expect(errors).toEqual([]);
    h.scheduler.advance(1);
    await flush();
    expect(errors).toEqual([expect.objectContaining({ code: "token_provider_failed", message: expect.stringContaining("10000 ms") })]);
    expect(h.client.state).toBe("reconnecting");
    h.scheduler.advance(250);
    await flush();
    expect(h.sockets.map((socket) => socket.query.get("token"))).toEqual(["fresh"]);
  });

  it("waits tokenTimeoutMs for the token provider, and ignores its late answer", async () => {
    let release: (token: string) => void = () => undefined;
    const tokenProvider = vi.fn()
      .mockReturnValueOnce(new Promise<string>((resolve) => (release = resolve)))
      .mockReturnValue(new Promise<string>(() => undefined));
    const h = harness({ tokenProvider, tokenTimeoutMs: 2_000 });
    h.client.connect();
    await flush();
    h.scheduler.advance(2_000);
    await flush();
    expect(h.client.state).toBe("reconnecting");
    release("late");
    await flush();
    expect(h.sockets).toHaveLength(0);
  });

  it("leaves no timer behind when closed while the token provider hangs", async () => {
    const h = harness({ tokenProvider: () => new Promise<string>(() => undefined) });
    h.client.connect();
    await flush();
    h.client.close();
    expect(h.scheduler.pendingTimers).toBe(0);
  });

  it("waits a full-jitter backoff that grows with each failed attempt", async () => {
    const h = harness({ random: () => 0.999 });
    h.client.connect();
    await flush();
    await expectRetryDelays(h, growingDelays, (socket) => socket.serverClose(1006));
  });

  it("resets the attempt count once a connection message arrives", async () => {
    const h = harness({ random: () => 0.999 });
    h.client.connect();
    await flush();
    for (let i = 0; i < 3; i++) {
      h.socket.serverClose(1006);
      h.scheduler.advance(10_000);
      await flush();
    }
    h.socket.accept();
    const count = h.sockets.length;
    h.socket.serverClose(1006);
    h.scheduler.advance(499);
    await flush();
    expect(h.sockets).toHaveLength(count + 1);
  });

  it("keeps retrying without limit by default", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    for (let i = 0; i < 50; i++) {
      h.socket.serverClose(1006);
      h.scheduler.advance(30_000);
      await flush();
    }
    expect(h.sockets).toHaveLength(51);
    expect(h.client.state).toBe("reconnecting");
  });

  it("gives up after maxRetries", async () => {
    const h = harness({ maxRetries: 2 });
    h.client.connect();
    await flush();
    for (let i = 0; i < 3; i++) {
      h.socket.serverClose(1006);
      h.scheduler.advance(30_000);
      await flush();
    }
    expect(h.sockets).toHaveLength(3);
    expect(h.client.state).toBe("closed");
  });

  it.each([4001, 4003, 4008])("does not reconnect after close code %i", async (code) => {
    const h = harness();
    const changes: unknown[] = [];
    h.client.on("state", (change) => changes.push(change));
    h.client.connect();
    await flush();
    h.socket.open();
    h.socket.receive({ type: "error", code: "unauthorized", message: "bad token" });
    h.socket.serverClose(code, "go away");
    h.scheduler.advance(60_000);
    await flush();
    expect(h.sockets).toHaveLength(1);
    expect(h.client.state).toBe("closed");
    expect(changes).toContainEqual({ state: "closed", previous: "connecting", code, reason: "go away" });
  });

  it("does not reconnect after a deliberate close, and closes the socket", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.socket.accept();
    h.client.close();
    h.scheduler.advance(60_000);
    await flush();
    expect(h.sockets).toHaveLength(1);
    expect(h.socket.closedByClient?.code).toBe(1000);
    expect(h.scheduler.pendingTimers).toBe(0);
  });

  it("ignores a token that arrives after close", async () => {
    let release: (token: string) => void = () => undefined;
    const h = harness({ tokenProvider: () => new Promise<string>((resolve) => (release = resolve)) });
    h.client.connect();
    h.client.close();
    release("late");
    await flush();
    expect(h.sockets).toHaveLength(0);
  });

  it("can connect again after close", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.client.close();
    h.client.connect();
    await flush();
    expect(h.sockets).toHaveLength(2);
    expect(h.client.state).toBe("connecting");
  });
});
