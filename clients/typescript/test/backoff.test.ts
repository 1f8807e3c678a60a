import { describe, expect, it } from "vitest";
import { backoffDelay, defaultBackoff, isRetryableClose, mayRetry } from "../src/backoff.js";

const options = { initialDelayMs: 500, maxDelayMs: 30_000, maxRetries: Infinity };

describe("backoffDelay", () => {
  it("uses defaults of 500 ms initial, 30 s cap and unlimited retries", () => {
    expect(defaultBackoff).toEqual(options);
  });

  it("is full jitter: anywhere from 0 up to (not including) the ceiling", () => {
    expect(backoffDelay(0, options, () => 0)).toBe(0);
    expect(backoffDelay(0, options, () => 0.5)).toBe(250);
    expect(backoffDelay(0, options, () => 0.999999)).toBe(499);
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(4000);
    }
  });

  it("doubles the ceiling with each attempt", () => {
    const ceilings = [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options, () => 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it("caps the ceiling at maxDelayMs, even for huge attempt numbers", () => {
    expect(backoffDelay(6, options, () => 1)).toBe(30_000);
    expect(backoffDelay(10_000, options, () => 1)).toBe(30_000);
    expect(backoffDelay(10_000, options, () => 0.5)).toBe(15_000);
  });
});

describe("mayRetry", () => {
  it("never gives up by default", () => {
    expect(mayRetry(1_000_000, options)).toBe(true);
  });

  it("stops after maxRetries", () => {
    const limited = { ...options, maxRetries: 2 };
    expect([0, 1, 2].map((attempt) => mayRetry(attempt, limited))).toEqual([true, true, false]);
  });
});

describe("isRetryableClose", () => {
  it("does not retry forbidden (4003) or replaced (4008), whatever the token source", () => {
    for (const hasTokenProvider of [false, true]) {
      expect(isRetryableClose(4003, hasTokenProvider)).toBe(false);
      expect(isRetryableClose(4008, hasTokenProvider)).toBe(false);
    }
  });

  it("retries unauthorized (4001) only with a token provider, which gives the next attempt a fresh token", () => {
    expect(isRetryableClose(4001, false)).toBe(false);
    expect(isRetryableClose(4001, true)).toBe(true);
  });

  it("retries abnormal closes, shutdown, policy, size and overload closes", () => {
    for (const code of [1000, 1001, 1006, 1008, 1009, 1011, 1013]) {
      expect(isRetryableClose(code, false)).toBe(true);
    }
  });
});
