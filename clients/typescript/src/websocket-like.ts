/**
 * The part of the WebSocket API the client uses, declared here so that neither the DOM library
 * nor Node's types are needed by users, and so the `ws` package's class fits as well.
 */

/** Method-style signature so handler parameters compare bivariantly, as DOM and `ws` events need. */
type Listener<E> = { bivariance(event: E): void }["bivariance"];

export interface WebSocketLike {
  readonly readyState: number;
  onopen: Listener<unknown> | null;
  onmessage: Listener<{ data: unknown }> | null;
  onclose: Listener<{ code: number; reason: string }> | null;
  onerror: Listener<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export const WS_OPEN = 1;
