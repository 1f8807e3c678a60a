import { describe, expect, it, vi } from "vitest";
import { FridayError } from "../src/errors.js";
import { PendingRequests } from "../src/pending-requests.js";
import { FakeScheduler } from "./fake-scheduler.js";

describe("PendingRequests", () => {
  it("resolves with the message whose reply_to matches", async () => {
    const pending = new PendingRequests(new FakeScheduler(), () => undefined);
    const reply = pending.wait("r1", 1000);
    expect(pending.settle({ type: "pong" })).toBe(false);
    expect(pending.settle({ type: "pong", reply_to: "other" })).toBe(false);
    expect(pending.settle({ type: "pong", reply_to: "r1" })).toBe(true);
    await expect(reply).resolves.toEqual({ type: "pong", reply_to: "r1" });
    expect(pending.size).toBe(0);
  });

  it("rejects with the server's code on an error reply", async () => {
    const pending = new PendingRequests(new FakeScheduler(), () => undefined);
    const reply = pending.wait("r1", 1000);
    pending.settle({ type: "error", code: "forbidden", message: "no", reply_to: "r1" });
    await expect(reply).rejects.toMatchObject({ name: "FridayError", code: "forbidden", message: "no" });
  });

  it("collects several replies, errors included, until the taker says the last one came", async () => {
    const pending = new PendingRequests(new FakeScheduler(), () => undefined);
    const seen: string[] = [];
    const done = pending.collect("r1", 1000, (reply) => {
      seen.push(reply.type);
      return seen.length === 3;
    });
    pending.settle({ type: "subscription", reply_to: "r1" });
    pending.settle({ type: "error", code: "forbidden", message: "no", reply_to: "r1" });
    expect(pending.size).toBe(1);
    pending.settle({ type: "subscription", reply_to: "r1" });
    await expect(done).resolves.toBeUndefined();
    expect(seen).toEqual(["subscription", "error", "subscription"]);
    expect(pending.size).toBe(0);
  });

  it("times out and reports which request did", async () => {
    const scheduler = new FakeScheduler();
    const onTimeout = vi.fn();
    const pending = new PendingRequests(scheduler, onTimeout);
    const reply = pending.wait("r1", 1000);
    scheduler.advance(1000);
    await expect(reply).rejects.toMatchObject({ code: "timeout" });
    expect(onTimeout).toHaveBeenCalledWith("r1");
    expect(pending.settle({ type: "pong", reply_to: "r1" })).toBe(false);
  });

  it("fails only the requests that were sent when the socket is lost", async () => {
    const pending = new PendingRequests(new FakeScheduler(), () => undefined);
    const sent = pending.wait("sent", 1000);
    const queued = pending.wait("queued", 1000);
    pending.markSent("sent");
    pending.failSent(new FridayError("connection_lost", "gone"));
    await expect(sent).rejects.toMatchObject({ code: "connection_lost" });
    expect(pending.size).toBe(1);
    pending.settle({ type: "pong", reply_to: "queued" });
    await expect(queued).resolves.toMatchObject({ type: "pong" });
  });
});
