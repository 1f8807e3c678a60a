import { describe, expect, it } from "vitest";
import { SeqTracker } from "../src/seq-tracker.js";

describe("SeqTracker", () => {
  it("accepts increasing seqs and remembers the highest", () => {
    const tracker = new SeqTracker();
    expect(tracker.highest).toBeUndefined();
    expect(tracker.accept({ seq: 5 })).toBe(true);
    expect(tracker.accept({ seq: 9 })).toBe(true);
    expect(tracker.highest).toBe(9);
  });

  it("drops a seq equal to or below the highest seen", () => {
    const tracker = new SeqTracker(10);
    expect(tracker.accept({ seq: 10 })).toBe(false);
    expect(tracker.accept({ seq: 3 })).toBe(false);
    expect(tracker.highest).toBe(10);
  });

  it("always accepts messages that are not stream events", () => {
    const tracker = new SeqTracker(10);
    expect(tracker.accept({ type: "pong" })).toBe(true);
    expect(tracker.accept({ seq: "11" })).toBe(true);
    expect(tracker.accept({ seq: null })).toBe(true);
    expect(tracker.highest).toBe(10);
  });
});
