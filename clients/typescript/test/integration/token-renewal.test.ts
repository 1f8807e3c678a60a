import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { FridayClient } from "../../src/index.js";
import type {
  DataChangedMessage,
  ErrorMessage,
  StateChange,
  TokenRenewalFailure,
  TokenRenewed,
  WebSocketConstructor,
} from "../../src/index.js";
import { FridayServer } from "./friday-server.js";
import { until, waitFor } from "./wait.js";

// JWT expiry has whole-second resolution, so a token issued for 6 s lives 5 to 6 s; the server
// warns 3 s before it, which leaves a loaded machine seconds to renew in time.
const warningSeconds = 3;
const lifetimeSeconds = 6;

describe("token renewal against a real Friday server with short-lived tokens", () => {
  let server: FridayServer;

  beforeAll(async () => {
    server = await FridayServer.start({ Realtime__TokenExpiryWarningSeconds: String(warningSeconds) });
  });

  afterAll(async () => {
    await server?.stop();
  });

  function watch(client: FridayClient) {
    const seen = {
      states: [] as StateChange[],
      connections: 0,
      warnings: [] as ErrorMessage[],
      renewed: [] as TokenRenewed[],
      failures: [] as TokenRenewalFailure[],
      changes: [] as DataChangedMessage[],
    };
    client.on("state", (change) => seen.states.push(change));
    client.on("connection", () => seen.connections++);
    client.on("error", (error) => {
      if (error.code === "token_expiring") {
        seen.warnings.push(error);
      }
    });
    client.on("token_renewed", (event) => seen.renewed.push(event));
    client.on("token_renewal_failed", (event) => seen.failures.push(event));
    client.on("data_changed", (event) => seen.changes.push(event));
    return seen;
  }

  function connect(options: { token?: string; tokenProvider?: () => Promise<string> }): FridayClient {
    return new FridayClient({
      url: server.wsUrl,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      initialDelayMs: 200,
      maxDelayMs: 1_000,
      lifecycleTargets: [],
      ...options,
    });
  }

  async function createNote(userId: string, title: string): Promise<string> {
    const token = await server.token(userId);
    return ((await server.post("/api/notes", { title, content: "" }, token)) as { id: string }).id;
  }

  it("renews in-band, so the connection stays open past the old token's expiry and events keep arriving", async () => {
    const user = "ts-renew";
    const client = connect({ tokenProvider: () => server.token(user, [], lifetimeSeconds) });
    const seen = watch(client);
    try {
      client.connect();
      await until(() => client.state === "open");
      await client.subscribe("notes");
      const firstExpiry = Date.parse((await waitFor(seen.warnings, () => true)).expires_at as string);

      await until(() => seen.renewed.length >= 2 && Date.now() > firstExpiry + 2_000);
      const id = await createNote(user, "after the first token expired");
      await waitFor(seen.changes, (event) => event.id === id);

      expect(Date.parse(seen.renewed[seen.renewed.length - 1]?.expiresAt as string)).toBeGreaterThan(firstExpiry);
      expect(seen.failures).toEqual([]);
      expect(seen.states.map((change) => change.state)).toEqual(["connecting", "open"]);
      expect(seen.connections).toBe(1);
      expect(client.state).toBe("open");
    } finally {
      client.close();
    }
  });

  it("with a fixed token renews nothing: the server closes with 4001 at expiry and the client stops", async () => {
    const client = connect({ token: await server.token("ts-fixed", [], lifetimeSeconds) });
    const seen = watch(client);
    try {
      client.connect();
      await until(() => client.state === "closed");

      expect(seen.warnings).toHaveLength(1);
      expect(seen.renewed).toEqual([]);
      expect(seen.states.map((change) => [change.state, change.code])).toEqual([
        ["connecting", undefined],
        ["open", undefined],
        ["closed", 4001],
      ]);
    } finally {
      client.close();
    }
  });

  it("after a failed renewal lets the 4001 come, then reconnects with a fresh token", async () => {
    const user = "ts-renew-fails";
    let refusing = false;
    const client = connect({
      tokenProvider: async () => {
        if (refusing) {
          throw new Error("the sign-in service is down");
        }
        return server.token(user, [], lifetimeSeconds);
      },
    });
    const seen = watch(client);
    client.on("state", (change) => {
      if (change.code === 4001) {
        refusing = false;
      }
    });
    try {
      client.connect();
      await until(() => client.state === "open");
      await client.subscribe("notes");
      refusing = true;

      await until(() => seen.connections === 2 && client.state === "open");
      const id = await createNote(user, "after the reconnect");
      await waitFor(seen.changes, (event) => event.id === id);

      expect(seen.failures.length).toBeGreaterThan(0);
      expect(seen.failures.every((failure) => failure.error.code === "token_provider_failed" && failure.willRetry)).toBe(true);
      expect(seen.states.map((change) => [change.state, change.code])).toEqual([
        ["connecting", undefined],
        ["open", undefined],
        ["reconnecting", 4001],
        ["open", undefined],
      ]);
    } finally {
      client.close();
    }
  });
});
