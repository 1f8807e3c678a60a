/// <reference types="node" />
import process from "node:process";
import { act, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NotificationCenter } from "../src/NotificationCenter.js";
import { FakeClient, broadcast, liveNotification, notification } from "./fake-client.js";

/** The browser's Audio, replaced at its boundary: records what was played. */
function fakeAudio(play: () => Promise<void> = async () => undefined) {
  const played: string[] = [];
  class FakeAudio {
    constructor(private readonly src: string) {}
    play(): Promise<void> {
      played.push(this.src);
      return play();
    }
  }
  vi.stubGlobal("Audio", FakeAudio);
  return played;
}

describe("NotificationCenter sound", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("plays for a new unread notification of the user, not for a broadcast or one already read", () => {
    const played = fakeAudio();
    const client = new FakeClient();
    render(<NotificationCenter client={client} sound="/sounds/ding.mp3" />);
    act(() => client.emit("notification", broadcast("system_alerts", "Maintenance at 18:00")));
    act(() => client.emit("notification", liveNotification(notification("read", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"))));
    expect(played).toEqual([]);
    act(() => client.emit("notification", liveNotification(notification("new", "2026-01-02T00:00:00Z"))));
    expect(played).toEqual(["/sounds/ding.mp3"]);
  });

  it("plays nothing without the option", () => {
    const played = fakeAudio();
    const client = new FakeClient();
    render(<NotificationCenter client={client} />);
    act(() => client.emit("notification", liveNotification(notification("new", "2026-01-02T00:00:00Z"))));
    expect(played).toEqual([]);
  });

  it("ignores a browser that refuses to play before the user interacted with the page", async () => {
    // Vitest under happy-dom does not fail on an unhandled rejection, so the test listens itself:
    // in a page each one would be an "Uncaught (in promise) NotAllowedError" in the console.
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const played = fakeAudio(() => Promise.reject(new DOMException("play() needs a user gesture", "NotAllowedError")));
      const client = new FakeClient();
      render(<NotificationCenter client={client} sound="/sounds/ding.mp3" />);
      act(() => client.emit("notification", liveNotification(notification("new", "2026-01-02T00:00:00Z"))));
      act(() => client.emit("notification", liveNotification(notification("next", "2026-01-03T00:00:00Z"))));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(played).toHaveLength(2);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });
});
