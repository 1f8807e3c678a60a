/**
 * Messages written while the socket is not open, kept in order until the next connection.
 * Bounded so that a long outage cannot grow memory without limit; when full the newest message
 * is refused (the caller learns it) rather than silently dropping an older one someone awaits.
 */
export class OutgoingQueue<T> {
  private readonly items: T[] = [];
  private readonly capacity: number;

  constructor(capacity: number) {
    if (!(capacity >= 0)) {
      throw new RangeError(`queue capacity must be >= 0, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.items.length;
  }

  /** False when the queue is full and the item was not kept. */
  push(item: T): boolean {
    if (this.items.length >= this.capacity) {
      return false;
    }
    this.items.push(item);
    return true;
  }

  /** Removes and returns everything, oldest first. */
  drain(): T[] {
    return this.items.splice(0, this.items.length);
  }

  /** Removes the items matching the predicate, e.g. a request that timed out before it was sent. */
  remove(predicate: (item: T) => boolean): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (predicate(this.items[i] as T)) {
        this.items.splice(i, 1);
      }
    }
  }
}
