import type { Scheduler } from "../src/scheduler.js";

interface Timer {
  id: number;
  at: number;
  every?: number;
  callback: () => void;
}

/** A hand-driven clock: time moves only through `advance`, firing due timers in order. */
export class FakeScheduler implements Scheduler {
  private time = 1_000_000;
  private nextId = 1;
  private timers = new Map<number, Timer>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  setInterval(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.time + ms, every: ms, callback });
    return id;
  }

  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves the clock without firing timers, as a throttled background tab experiences it. */
  jump(ms: number): void {
    this.time += ms;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.values()]
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) {
        break;
      }
      this.time = due.at;
      if (due.every !== undefined) {
        due.at += due.every;
      } else {
        this.timers.delete(due.id);
      }
      due.callback();
    }
    this.time = end;
  }
}
