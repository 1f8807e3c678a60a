import { FridayError } from "./errors.js";
import type { ServerMessage } from "./protocol.js";
import type { Scheduler } from "./scheduler.js";

interface Pending {
  resolve: (reply: ServerMessage) => void;
  reject: (error: FridayError) => void;
  timer: unknown;
  sent: boolean;
}

/** Requests waiting for the first server message whose `reply_to` names them. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly onTimeout: (id: string) => void,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  wait(id: string, timeoutMs: number): Promise<ServerMessage> {
    return new Promise<ServerMessage>((resolve, reject) => {
      const timer = this.scheduler.setTimeout(() => {
        this.pending.delete(id);
        this.onTimeout(id);
        reject(new FridayError("timeout", `no reply to request ${id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, sent: false });
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
    const entry = this.take(id);
    if (!entry) {
      return false;
    }
    if (message.type === "error") {
      entry.reject(FridayError.fromServer(message as Extract<ServerMessage, { type: "error" }>));
    } else {
      entry.resolve(message);
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
