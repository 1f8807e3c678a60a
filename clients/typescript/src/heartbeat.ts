import type { Scheduler } from "./scheduler.js";

export interface HeartbeatOptions {
  /**
   * Seconds between server heartbeats, used until the `connection` message gives the server's
   * own value. Default 30.
   */
  defaultIntervalSeconds?: number;
  /** A connection silent for this many heartbeat intervals is taken as dead. Default 3. */
  deadAfterIntervals?: number;
  /** How often to look for silence. Default 5000 ms. */
  checkEveryMs?: number;
  /** How often to send `ping`; default: once per server heartbeat interval. */
  pingEveryMs?: number;
}

export const defaultHeartbeat = {
  defaultIntervalSeconds: 30,
  deadAfterIntervals: 3,
  checkEveryMs: 5_000,
} as const;

/**
 * Detects a dead connection by the age of the last message received, not by counting timer
 * ticks: background tabs throttle timers to a minute or more, so the only reliable measure is
 * the wall clock compared whenever the code gets a chance to run.
 */
export class HeartbeatMonitor {
  private lastReceivedAt: number;
  private intervalMs: number;
  private checkTimer: unknown;
  private pingTimer: unknown;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly options: HeartbeatOptions,
    private readonly sendPing: () => void,
    private readonly onDead: (silentForMs: number) => void,
  ) {
    this.lastReceivedAt = scheduler.now();
    this.intervalMs =
      (options.defaultIntervalSeconds ?? defaultHeartbeat.defaultIntervalSeconds) * 1000;
  }

  /** Starts watching; counts silence from now, which also bounds a connect that hangs. */
  start(): void {
    this.stop();
    this.lastReceivedAt = this.scheduler.now();
    this.checkTimer = this.scheduler.setInterval(
      () => this.check(),
      this.options.checkEveryMs ?? defaultHeartbeat.checkEveryMs,
    );
  }

  /** The server told its interval; pinging starts now that the connection is usable. */
  connected(heartbeatIntervalSeconds: number): void {
    if (heartbeatIntervalSeconds > 0) {
      this.intervalMs = heartbeatIntervalSeconds * 1000;
    }
    this.clearPing();
    this.pingTimer = this.scheduler.setInterval(
      () => this.sendPing(),
      this.options.pingEveryMs ?? this.intervalMs,
    );
  }

  received(): void {
    this.lastReceivedAt = this.scheduler.now();
  }

  get deadAfterMs(): number {
    return this.intervalMs * (this.options.deadAfterIntervals ?? defaultHeartbeat.deadAfterIntervals);
  }

  /** True (and `onDead` called) when the connection has been silent too long. */
  check(): boolean {
    const silentFor = this.scheduler.now() - this.lastReceivedAt;
    if (silentFor > this.deadAfterMs) {
      this.onDead(silentFor);
      return true;
    }
    return false;
  }

  stop(): void {
    if (this.checkTimer !== undefined) {
      this.scheduler.clearInterval(this.checkTimer);
      this.checkTimer = undefined;
    }
    this.clearPing();
  }

  private clearPing(): void {
    if (this.pingTimer !== undefined) {
      this.scheduler.clearInterval(this.pingTimer);
      this.pingTimer = undefined;
    }
  }
}
