import { expect } from "vitest";
import { FridayClient } from "../src/client.js";
import type { FridayClientOptions } from "../src/options.js";
import { FakeScheduler } from "./fake-scheduler.js";
import { fakeWebSocketClass } from "./fake-websocket.js";
import type { FakeSocket } from "./fake-websocket.js";

/** Lets the client's awaited token provider and promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function harness(options: Partial<FridayClientOptions> = {}) {
  const scheduler = new FakeScheduler();
  const { WebSocket, sockets } = fakeWebSocketClass();
  const client = new FridayClient({
    url: "ws://127.0.0.1:5000/ws",
    token: "tok",
    WebSocket,
    scheduler,
    random: () => 0.5,
    lifecycleTargets: [],
    ...options,
  });
  const states: string[] = [];
  client.on("state", (change) => states.push(change.state));
  return {
    client,
    scheduler,
    sockets,
    states,
    /** The newest socket the client created. */
    get socket(): FakeSocket {
      const socket = sockets[sockets.length - 1];
      if (!socket) {
        throw new Error("no socket was created");
      }
      return socket;
    },
  };
}

/**
 * With `random: () => 0.999`, each failed attempt's backoff: 499, 999, 1998, 3996 ms for the
 * default 500 ms initial delay.
 */
export const growingDelays = [499, 999, 1998, 3996];

/**
 * Ends the newest connection with `end` once per delay, and checks that the next attempt comes
 * exactly that delay later: none a millisecond before, one at it.
 */
export async function expectRetryDelays(
  h: ReturnType<typeof harness>,
  delays: number[],
  end: (socket: FakeSocket) => void,
): Promise<void> {
  for (const delay of delays) {
    const count = h.sockets.length;
    end(h.socket);
    h.scheduler.advance(delay - 1);
    await flush();
    expect(h.sockets).toHaveLength(count);
    h.scheduler.advance(1);
    await flush();
    expect(h.sockets).toHaveLength(count + 1);
  }
}
