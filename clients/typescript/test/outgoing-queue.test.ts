import { describe, expect, it } from "vitest";
import { OutgoingQueue } from "../src/outgoing-queue.js";

describe("OutgoingQueue", () => {
  it("drains in the order items were pushed and is empty afterwards", () => {
    const queue = new OutgoingQueue<number>(10);
    [1, 2, 3].forEach((n) => queue.push(n));
    expect(queue.drain()).toEqual([1, 2, 3]);
    expect(queue.size).toBe(0);
  });

  it("refuses new items when full and keeps the old ones", () => {
    const queue = new OutgoingQueue<string>(2);
    expect(queue.push("a")).toBe(true);
    expect(queue.push("b")).toBe(true);
    expect(queue.push("c")).toBe(false);
    expect(queue.drain()).toEqual(["a", "b"]);
  });

  it("removes matching items", () => {
    const queue = new OutgoingQueue<number>(10);
    [1, 2, 3, 4].forEach((n) => queue.push(n));
    queue.remove((n) => n % 2 === 0);
    expect(queue.drain()).toEqual([1, 3]);
  });

  it("rejects a negative capacity", () => {
    expect(() => new OutgoingQueue(-1)).toThrow(RangeError);
  });
});
