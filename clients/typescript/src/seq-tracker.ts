/**
 * Remembers the newest stream `seq` seen, so that events replayed on resume and delivered again
 * (for instance as offline notifications) reach the application once.
 */
export class SeqTracker {
  private highestSeen: number | undefined;

  constructor(initial?: number) {
    this.highestSeen = initial;
  }

  get highest(): number | undefined {
    return this.highestSeen;
  }

  /** Forgets what was seen: the server's sequence started over. */
  reset(): void {
    this.highestSeen = undefined;
  }

  /** True when the message should be delivered; messages without a numeric `seq` always are. */
  accept(message: object): boolean {
    const seq = (message as { seq?: unknown }).seq;
    if (typeof seq !== "number" || !Number.isFinite(seq)) {
      return true;
    }
    if (this.highestSeen !== undefined && seq <= this.highestSeen) {
      return false;
    }
    this.highestSeen = seq;
    return true;
  }
}
