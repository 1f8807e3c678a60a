import { describe, expect, it, vi } from "vitest";
import { HeartbeatMonitor } from "../src/heartbeat.js";
import { FakeScheduler } from "./fake-scheduler.js";

function monitor(options = {}) {
  const scheduler = new FakeScheduler();
  const ping = vi.fn();
  const dead = vi.fn();
  const heartbeat = new HeartbeatMonitor(scheduler, options, ping, dead);
  return { scheduler, ping, dead, heartbeat };
}

describe("HeartbeatMonitor", () => {
  it("declares the connection dead after three silent server intervals", () => {
    const { scheduler, dead, heartbeat } = monitor();
    heartbeat.start();
    heartbeat.connected(10);
    scheduler.advance(30_000);
    expect(dead).not.toHaveBeenCalled();
    scheduler.advance(5_000);
    expect(dead).toHaveBeenCalledOnce();
  });

  it("counts silence from the last message received", () => {
    const { scheduler, dead, heartbeat } = monitor();
    heartbeat.start();
    heartbeat.connected(10);
    scheduler.advance(25_000);
    heartbeat.received();
    scheduler.advance(25_000);
    expect(dead).not.toHaveBeenCalled();
  });

  it("measures the wall clock, so a throttled tab sees the silence at its first check", () => {
    const { scheduler, dead, heartbeat } = monitor();
    heartbeat.start();
    heartbeat.connected(10);
    scheduler.jump(120_000);
    expect(heartbeat.check()).toBe(true);
    expect(dead).toHaveBeenCalledWith(120_000);
  });

  it("pings once per server heartbeat interval after connecting, and not before", () => {
    const { scheduler, ping, heartbeat } = monitor();
    heartbeat.start();
    scheduler.advance(60_000);
    expect(ping).not.toHaveBeenCalled();
    heartbeat.connected(20);
    scheduler.advance(60_000);
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it("stops every timer", () => {
    const { scheduler, heartbeat } = monitor();
    heartbeat.start();
    heartbeat.connected(20);
    heartbeat.stop();
    expect(scheduler.pendingTimers).toBe(0);
  });

  it("uses 30 s until the server tells its interval", () => {
    const { heartbeat } = monitor();
    expect(heartbeat.deadAfterMs).toBe(90_000);
  });
});
