import type { BackoffOptions } from "./backoff.js";
import type { HeartbeatOptions } from "./heartbeat.js";
import type { Scheduler } from "./scheduler.js";
import type { WebSocketConstructor } from "./websocket-like.js";

/** An object that fires `visibilitychange` or `online`, such as `document` or `window`. */
export interface LifecycleTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface FridayClientOptions extends BackoffOptions {
  /** WebSocket base URL, e.g. `ws://127.0.0.1:5000/ws`. */
  url: string;
  /** A fixed JWT. Prefer `tokenProvider` for tokens that expire. */
  token?: string;
  /** Called before every connection attempt, first or retry, so a refreshed token is used. */
  tokenProvider?: () => string | Promise<string>;
  /**
   * How long one call of `tokenProvider` may take; past it the attempt counts as failed
   * (`client_error` `token_provider_failed`) and the next one follows the backoff. Default 10 000 ms.
   */
  tokenTimeoutMs?: number;
  /** Stable client id; the client then connects to `{url}/{clientId}`. */
  clientId?: string;
  /** WebSocket implementation; defaults to `globalThis.WebSocket` (in Node 20 pass `ws`). */
  WebSocket?: WebSocketConstructor;
  heartbeat?: HeartbeatOptions;
  /** How long `request` waits for the reply. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** Messages kept while disconnected. Default 1000. */
  maxQueueSize?: number;
  /**
   * How far one node of the deployment may lag behind another in delivering the stream. A
   * `connection` whose `last_seq` is below a seq this client has known for longer than this is
   * taken as a sequence that started over (`stream_reset`); a smaller gap is a node catching up.
   * Default 60 000 ms, far above the backplane's milliseconds and the event log's 1 s sweep.
   */
  maxNodeLagMs?: number;
  /**
   * Where to listen for `visibilitychange` and `online`, which let a throttled background tab
   * notice a dead connection at once. Defaults to `document` and `window` when present;
   * `[]` turns it off.
   */
  lifecycleTargets?: LifecycleTarget[];
  /** Clock and timers; for tests. */
  scheduler?: Scheduler;
  /** Source of backoff jitter in [0, 1); for tests. */
  random?: () => number;
}

export const defaultRequestTimeoutMs = 10_000;
export const defaultTokenTimeoutMs = 10_000;
export const defaultMaxQueueSize = 1_000;
export const defaultMaxNodeLagMs = 60_000;

export function defaultLifecycleTargets(): LifecycleTarget[] {
  const scope = globalThis as { document?: unknown; addEventListener?: unknown };
  return [scope.document, scope]
    .filter((target): target is LifecycleTarget =>
      typeof (target as Partial<LifecycleTarget> | undefined)?.addEventListener === "function")
    .filter((target, index, all) => all.indexOf(target) === index);
}
