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
