/**
 * When stream `seq`s became known to this client, to tell a node that lags behind from a history
 * that started over. A `seq` seen at time t was issued before t; every node of a deployment delivers
 * an issued `seq` within its propagation delay (backplane milliseconds, the event-log sweep a second
 * later at worst). So a node whose `last_seq` is below a `seq` this client knew more than
 * `maxLagMs` ago is not lagging: its history is a different one.
 */
export class SeqTimeline {
  /** Ascending in both `seq` and `at`, roughly `granularityMs` apart; older ones are pruned. */
  private entries: { seq: number; at: number }[] = [];

  constructor(
    readonly maxLagMs: number,
    private readonly granularityMs = 1_000,
  ) {}

  /** `seq` was issued no later than `at`. */
  record(seq: number, at: number): void {
    const last = this.entries[this.entries.length - 1];
    if (last !== undefined && seq <= last.seq) {
      return;
    }
    const beforeLast = this.entries[this.entries.length - 2];
    // The newest entry moves forward until it is a granularity step past the one before: the
    // later time only weakens its claim, and memory stays bounded however fast events come.
    if (last !== undefined && beforeLast !== undefined && at - beforeLast.at < this.granularityMs) {
      last.seq = seq;
      last.at = at;
    } else {
      this.entries.push({ seq, at });
    }
    this.prune(at);
  }

  /** The highest `seq` known at least `maxLagMs` before `now`: every node has delivered it by now. */
  settled(now: number): number | undefined {
    this.prune(now);
    const first = this.entries[0];
    return first !== undefined && first.at <= now - this.maxLagMs ? first.seq : undefined;
  }

  clear(): void {
    this.entries = [];
  }

  /** Keeps the newest entry old enough to be settled, and everything after it. */
  private prune(now: number): void {
    const cutoff = now - this.maxLagMs;
    let drop = 0;
    while (drop + 1 < this.entries.length && (this.entries[drop + 1] as { at: number }).at <= cutoff) {
      drop++;
    }
    if (drop > 0) {
      this.entries.splice(0, drop);
    }
  }
}
