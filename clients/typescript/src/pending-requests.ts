import { FridayError } from "./errors.js";
import type { ServerMessage } from "./protocol.js";
import type { Scheduler } from "./scheduler.js";

interface Pending {
  /** Takes one reply; true when it was the last this request waits for. */
  take: (reply: ServerMessage) => boolean;
  reject: (error: FridayError) => void;
  timer: unknown;
  sent: boolean;
}

/** Requests waiting for the server messages whose `reply_to` names them. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly onTimeout: (id: string) => void,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** The first reply; an `error` reply rejects with its code. */
  wait(id: string, timeoutMs: number): Promise<ServerMessage> {
    return this.register<ServerMessage>(id, timeoutMs, (resolve, reject) => (reply) => {
      if (reply.type === "error") {
        reject(FridayError.fromServer(reply as Extract<ServerMessage, { type: "error" }>));
      } else {
        resolve(reply);
      }
      return true;
    });
  }

  /**
   * For a request the server answers with several messages (one per topic): `onReply` sees each,
   * `error` replies included, and returns true after the last. Rejects only on timeout or when the
   * connection is lost or closed first.
   */
  collect(id: string, timeoutMs: number, onReply: (reply: ServerMessage) => boolean): Promise<void> {
    return this.register<void>(id, timeoutMs, (resolve) => (reply) => {
      if (!onReply(reply)) {
        return false;
      }
      resolve();
      return true;
    });
  }

  private register<T>(
    id: string,
    timeoutMs: number,
    taker: (resolve: (value: T) => void, reject: (error: FridayError) => void) => (reply: ServerMessage) => boolean,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.pending.delete(id);
        this.onTimeout(id);
        reject(new FridayError("timeout", `no reply to request ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { take: taker(resolve, reject), reject, timer, sent: false });
    });
  }

  markSent(id: string): void {
    const entry = this.pending.get(id);
    if (entry) {
      entry.sent = true;
    }
  }

  /** Settles the request the message answers; false when it answers none. */
  settle(message: ServerMessage): boolean {
    const id = message.reply_to;
    if (typeof id !== "string") {
      return false;
    }
    const entry = this.pending.get(id);
    if (!entry) {
      return false;
    }
    if (entry.take(message)) {
      this.take(id);
    }
    return true;
  }

  fail(id: string, error: FridayError): void {
    this.take(id)?.reject(error);
  }

  /**
   * Rejects the requests already written to a socket that is gone: their replies would have come
   * on that socket only. Requests still queued stay pending and go out on the next connection.
   */
  failSent(error: FridayError): void {
    for (const [id, entry] of this.pending) {
      if (entry.sent) {
        this.take(id);
        entry.reject(error);
      }
    }
  }

  failAll(error: FridayError): void {
    for (const id of [...this.pending.keys()]) {
      this.fail(id, error);
    }
  }

  private take(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (entry) {
      this.pending.delete(id);
      this.scheduler.clearTimeout(entry.timer);
    }
    return entry;
  }
}
