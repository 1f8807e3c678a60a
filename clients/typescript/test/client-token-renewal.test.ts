import { describe, expect, it, vi } from "vitest";
import type { FridayClientOptions } from "../src/options.js";
import type { TokenRenewalFailure, TokenRenewed } from "../src/token-renewal.js";
import { expectRetryDelays, flush, growingDelays, harness } from "./client-harness.js";
import type { FakeSocket } from "./fake-websocket.js";

const firstExpiry = "2026-01-02T03:05:00.000Z";
const laterExpiry = "2026-01-02T04:05:00.000Z";

function warn(socket: FakeSocket, expiresAt = firstExpiry): void {
  socket.receive({ type: "error", code: "token_expiring", message: "The token expires soon", expires_at: expiresAt });
}

function lastAuth(socket: FakeSocket): { id: string; token: string } {
  const auths = socket.sentOfType("auth");
  return auths[auths.length - 1] as { id: string; token: string };
}

function answerAuth(socket: FakeSocket, expiresAt = laterExpiry): void {
  socket.receive({ type: "auth", status: "ok", expires_at: expiresAt, reply_to: lastAuth(socket).id });
}

/** An open client whose provider hands out token-1, token-2, …; `renewals` records the renewal events. */
async function openWithProvider(options: Partial<FridayClientOptions> = {}) {
  let n = 0;
  const tokenProvider = vi.fn(async () => `token-${++n}`);
  const h = harness({ tokenProvider, ...options });
  const renewals: (TokenRenewed | TokenRenewalFailure)[] = [];
  h.client.on("token_renewed", (event) => renewals.push(event));
  h.client.on("token_renewal_failed", (event) => renewals.push(event));
  h.client.connect();
  await flush();
  h.socket.accept();
  return Object.assign(h, { tokenProvider, renewals });
}

/** An open client whose first renewal's auth the server refused with `code`. */
async function refusedRenewal(code: string) {
  const h = await openWithProvider();
  warn(h.socket);
  await flush();
  h.socket.receive({ type: "error", code, message: `${code} token`, reply_to: lastAuth(h.socket).id });
  await flush();
  return h;
}

describe("FridayClient token renewal", () => {
  it("answers token_expiring with auth carrying the provider's new token, on the same connection", async () => {
    const h = await openWithProvider();

    warn(h.socket);
    await flush();
    expect(h.tokenProvider).toHaveBeenCalledTimes(2);
    expect(lastAuth(h.socket)).toEqual({ type: "auth", id: expect.any(String), token: "token-2" });
    answerAuth(h.socket);
    await flush();

    expect(h.renewals).toEqual([{ expiresAt: laterExpiry }]);
    expect(h.sockets).toHaveLength(1);
    expect(h.states).toEqual(["connecting", "open"]);
  });

  it("renews nothing with a fixed token, and stops at the 4001 that ends the connection at expiry", async () => {
    const h = harness();
    const renewals: unknown[] = [];
    h.client.on("token_renewed", (event) => renewals.push(event));
    h.client.on("token_renewal_failed", (event) => renewals.push(event));
    h.client.connect();
    await flush();
    h.socket.accept();

    warn(h.socket);
    await flush();
    h.socket.receive({ type: "error", code: "unauthorized", message: "The token expired" });
    h.socket.serverClose(4001, "Token expired.");
    h.scheduler.advance(60_000);
    await flush();

    expect(h.socket.sentOfType("auth")).toEqual([]);
    expect(renewals).toEqual([]);
    expect(h.sockets).toHaveLength(1);
    expect(h.client.state).toBe("closed");
  });

  it("retries a provider that failed after the backoff delay, and reports each outcome", async () => {
    const h = await openWithProvider();
    h.tokenProvider.mockRejectedValueOnce(new Error("auth down"));

    warn(h.socket);
    await flush();
    expect(h.socket.sentOfType("auth")).toEqual([]);
    expect(h.renewals).toEqual([
      { error: expect.objectContaining({ code: "token_provider_failed", message: "auth down" }), expiresAt: firstExpiry, willRetry: true },
    ]);
    h.scheduler.advance(249);
    await flush();
    expect(h.socket.sentOfType("auth")).toEqual([]);
    h.scheduler.advance(1);
    await flush();
    answerAuth(h.socket);
    await flush();

    // The failed call handed out no token: the retry gets the provider's second one.
    expect(lastAuth(h.socket).token).toBe("token-2");
    expect(h.renewals[1]).toEqual({ expiresAt: laterExpiry });
  });

  it("counts a provider that does not answer within tokenTimeoutMs as a failed renewal", async () => {
    const h = await openWithProvider({ tokenTimeoutMs: 2_000 });
    h.tokenProvider.mockReturnValueOnce(new Promise<string>(() => undefined));

    warn(h.socket);
    await flush();
    h.scheduler.advance(2_000);
    await flush();

    expect(h.renewals).toEqual([
      { error: expect.objectContaining({ code: "token_provider_failed", message: expect.stringContaining("2000 ms") }), expiresAt: firstExpiry, willRetry: true },
    ]);
  });

  it("retries after the server refused the new token as unauthorized", async () => {
    const h = await refusedRenewal("unauthorized");
    h.scheduler.advance(250);
    await flush();

    expect(h.renewals).toEqual([{ error: expect.objectContaining({ code: "unauthorized" }), expiresAt: firstExpiry, willRetry: true }]);
    expect(h.socket.sentOfType("auth").map((auth) => auth.token)).toEqual(["token-2", "token-3"]);
  });

  it("gives up on a token of another user (forbidden): retrying cannot change whose it is", async () => {
    const h = await refusedRenewal("forbidden");
    h.scheduler.advance(60_000);
    await flush();

    expect(h.renewals).toEqual([{ error: expect.objectContaining({ code: "forbidden" }), expiresAt: firstExpiry, willRetry: false }]);
    expect(h.socket.sentOfType("auth")).toHaveLength(1);
  });

  it("takes a token that expires no later than the current one as stale, and tries again later", async () => {
    const h = await openWithProvider();

    warn(h.socket);
    await flush();
    answerAuth(h.socket, firstExpiry);
    await flush();
    // The server warns again at once: it took the token, whose expiry is as near as before.
    warn(h.socket);
    await flush();
    expect(h.socket.sentOfType("auth")).toHaveLength(1);
    h.scheduler.advance(250);
    await flush();
    answerAuth(h.socket);
    await flush();

    expect(h.renewals).toEqual([
      { error: expect.objectContaining({ code: "stale_token" }), expiresAt: firstExpiry, willRetry: true },
      { expiresAt: laterExpiry },
    ]);
  });

  it("spaces renewals out by the backoff when the server warns again right after one", async () => {
    const h = await openWithProvider({ random: () => 0.999 });
    const expiries = ["2026-01-02T03:05:01.000Z", "2026-01-02T03:05:02.000Z", "2026-01-02T03:05:03.000Z"];

    warn(h.socket);
    await flush();
    answerAuth(h.socket, expiries[0]);
    await flush();
    for (const [i, delay] of [499, 999].entries()) {
      warn(h.socket, expiries[i]);
      await flush();
      h.scheduler.advance(delay - 1);
      await flush();
      expect(h.socket.sentOfType("auth")).toHaveLength(i + 1);
      h.scheduler.advance(1);
      await flush();
      answerAuth(h.socket, expiries[i + 1]);
      await flush();
    }

    expect(h.socket.sentOfType("auth")).toHaveLength(3);
    expect(h.renewals).toHaveLength(3);
  });

  it("acts on a warning for the renewed token that was read before the auth reply was acted on", async () => {
    const h = await openWithProvider();
    const renewedExpiry = "2026-01-02T03:05:30.000Z";

    warn(h.socket);
    await flush();
    answerAuth(h.socket, renewedExpiry);
    warn(h.socket, renewedExpiry);
    await flush();
    expect(h.socket.sentOfType("auth")).toHaveLength(1);
    h.scheduler.advance(250);
    await flush();

    expect(h.socket.sentOfType("auth")).toHaveLength(2);
  });

  it("renews at once again when the previous renewal was longer than maxDelayMs ago", async () => {
    const h = await openWithProvider({ maxDelayMs: 5_000 });

    warn(h.socket);
    await flush();
    answerAuth(h.socket);
    await flush();
    h.scheduler.advance(5_000);
    warn(h.socket, laterExpiry);
    await flush();

    expect(h.socket.sentOfType("auth")).toHaveLength(2);
  });

  it("fails a renewal whose auth gets no reply with timeout", async () => {
    const h = await openWithProvider({ requestTimeoutMs: 3_000 });

    warn(h.socket);
    await flush();
    h.scheduler.advance(3_000);
    await flush();

    expect(h.renewals).toEqual([{ error: expect.objectContaining({ code: "timeout" }), expiresAt: firstExpiry, willRetry: true }]);
  });

  it("drops a renewal under way when the connection is lost, and never sends its auth on the next one", async () => {
    const h = await openWithProvider();
    let release: (token: string) => void = () => undefined;
    h.tokenProvider.mockReturnValueOnce(new Promise<string>((resolve) => (release = resolve)));

    warn(h.socket);
    await flush();
    h.socket.serverClose(1006);
    h.scheduler.advance(250);
    await flush();
    h.socket.accept();
    release("late");
    await flush();

    expect(h.sockets).toHaveLength(2);
    expect(h.sockets.flatMap((socket) => socket.sentOfType("auth"))).toEqual([]);
    expect(h.renewals).toEqual([]);
  });

  it("drops a renewal whose auth is unanswered when the client closes: nothing reported, no retry after close", async () => {
    const h = await openWithProvider();

    warn(h.socket);
    await flush();
    expect(h.socket.sentOfType("auth")).toHaveLength(1);
    h.client.close();
    await flush();

    expect(h.renewals).toEqual([]);
    expect(h.scheduler.pendingTimers).toBe(0);
  });

  it("reports no renewal when the client is closed as the auth reply arrives", async () => {
    const h = await openWithProvider();
    h.client.on("message", (message) => {
      if (message.type === "auth") {
        h.client.close();
      }
    });

    warn(h.socket);
    await flush();
    answerAuth(h.socket);
    await flush();

    expect(h.client.state).toBe("closed");
    expect(h.renewals).toEqual([]);
  });

  it("reconnects with a fresh token after a failed renewal ends in 4001", async () => {
    const h = await openWithProvider({ maxDelayMs: 5_000 });
    h.tokenProvider.mockRejectedValueOnce(new Error("auth down"));

    h.scheduler.advance(10_000);
    warn(h.socket);
    await flush();
    h.socket.receive({ type: "error", code: "unauthorized", message: "The token expired" });
    h.socket.serverClose(4001, "Token expired.");
    expect(h.client.state).toBe("reconnecting");
    h.scheduler.advance(250);
    await flush();

    expect(h.sockets).toHaveLength(2);
    expect(h.socket.query.get("token")).toBe("token-2");
    h.socket.accept();
    expect(h.states).toEqual(["connecting", "open", "reconnecting", "open"]);
  });

  it("keeps backing off when the provider's tokens are refused at connect", async () => {
    const h = harness({ tokenProvider: async () => "refused", random: () => 0.999 });
    h.client.connect();
    await flush();
    await expectRetryDelays(h, growingDelays, (socket) => {
      socket.open();
      socket.receive({ type: "error", code: "unauthorized", message: "A valid token is required" });
      socket.serverClose(4001, "unauthorized");
      expect(h.client.state).toBe("reconnecting");
    });
  });

  it("keeps backing off when each connection ends in 4001 within maxDelayMs of opening", async () => {
    const h = harness({ tokenProvider: async () => "nearly-expired", random: () => 0.999 });
    h.client.connect();
    await flush();
    await expectRetryDelays(h, growingDelays, (socket) => {
      socket.accept();
      h.scheduler.advance(100);
      socket.serverClose(4001, "Token expired.");
    });
  });

  it("starts the backoff over after a 4001 on a connection that was open for maxDelayMs", async () => {
    const h = harness({ tokenProvider: async () => "t", random: () => 0.999, maxDelayMs: 5_000 });
    h.client.connect();
    await flush();
    for (let i = 0; i < 3; i++) {
      h.socket.serverClose(1006);
      h.scheduler.advance(5_000);
      await flush();
    }
    h.socket.accept();
    h.scheduler.advance(5_000);
    h.socket.serverClose(4001, "Token expired.");
    h.scheduler.advance(499);
    await flush();

    expect(h.sockets).toHaveLength(5);
  });

  it("leaves no timer behind when closed while a renewal waits for its retry", async () => {
    const h = await openWithProvider();
    h.tokenProvider.mockRejectedValueOnce(new Error("auth down"));

    warn(h.socket);
    await flush();
    h.client.close();

    expect(h.scheduler.pendingTimers).toBe(0);
  });
});
