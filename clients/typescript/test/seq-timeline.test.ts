import { describe, expect, it } from "vitest";
import { SeqTimeline } from "../src/seq-timeline.js";

describe("SeqTimeline", () => {
  it("settles a seq once it has been known for the maximum lag", () => {
    const timeline = new SeqTimeline(60_000);
    timeline.record(10, 0);
    timeline.record(20, 30_000);
    expect(timeline.settled(59_999)).toBeUndefined();
    expect(timeline.settled(60_000)).toBe(10);
    expect(timeline.settled(90_000)).toBe(20);
  });

  it("ignores a seq that is not newer than the last recorded", () => {
    const timeline = new SeqTimeline(1_000);
    timeline.record(10, 0);
    timeline.record(5, 500);
    expect(timeline.settled(5_000)).toBe(10);
  });

  it("keeps memory bounded under a fast stream, and its answers on the safe side", () => {
    const timeline = new SeqTimeline(60_000);
    for (let at = 0; at <= 600_000; at += 10) {
      timeline.record(at + 1, at);
    }
    const entries = (timeline as unknown as { entries: unknown[] }).entries;
    expect(entries.length).toBeLessThanOrEqual(64);
    const settled = timeline.settled(600_000) as number;
    // Known at 540 000 ms (seq 540 001) or earlier, and not much earlier.
    expect(settled).toBeLessThanOrEqual(540_001);
    expect(settled).toBeGreaterThan(538_000);
  });

  it("forgets everything on clear", () => {
    const timeline = new SeqTimeline(1_000);
    timeline.record(10, 0);
    timeline.clear();
    expect(timeline.settled(10_000)).toBeUndefined();
  });
});
