import type { WebSocketConstructor, WebSocketLike } from "../src/websocket-like.js";

/** An in-memory WebSocket whose server side the test plays. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  closedByClient: { code?: number | undefined; reason?: string | undefined } | undefined;

  constructor(readonly url: string) {}

  get query(): URLSearchParams {
    return new URL(this.url).searchParams;
  }

  send(data: string): void {
    if (this.readyState !== 1) {
      throw new Error("send on a socket that is not open");
    }
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  /** The upgrade succeeded. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** Upgrade plus the server's first message. */
  accept(fields: { last_seq?: number; heartbeat_interval?: number } = {}): void {
    this.open();
    this.receive({
      type: "connection",
      status: "connected",
      client_id: "c1",
      user_id: "alice",
      heartbeat_interval: fields.heartbeat_interval ?? 30,
      last_seq: fields.last_seq ?? 0,
      timestamp: "2026-01-02T03:04:05.678Z",
    });
  }

  serverClose(code: number, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter((message) => message.type === type);
  }
}

/** A WebSocket class bound to its own list of created sockets, one list per test. */
export function fakeWebSocketClass(): { WebSocket: WebSocketConstructor; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  class BoundFakeSocket extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: BoundFakeSocket, sockets };
}
