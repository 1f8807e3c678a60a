import { describe, expect, it } from "vitest";
import { buildConnectUrl } from "../src/url.js";

describe("buildConnectUrl", () => {
  it("adds the token and last_seq as query parameters", () => {
    expect(buildConnectUrl({ baseUrl: "ws://127.0.0.1:5000/ws", token: "a.b.c", lastSeq: 42 })).toBe(
      "ws://127.0.0.1:5000/ws?token=a.b.c&last_seq=42",
    );
  });

  it("appends the client id as a path segment", () => {
    expect(buildConnectUrl({ baseUrl: "ws://h/ws/", clientId: "tab-1" })).toBe("ws://h/ws/tab-1");
  });

  it("keeps a query the base already has and encodes values", () => {
    expect(buildConnectUrl({ baseUrl: "wss://h/ws?x=1", token: "a+b/c=" })).toBe(
      "wss://h/ws?x=1&token=a%2Bb%2Fc%3D",
    );
  });

  it("names the held topics with last_seq, so the server replays them", () => {
    expect(buildConnectUrl({ baseUrl: "ws://h/ws", token: "t", lastSeq: 7, topics: ["notes", "task:1"] })).toBe(
      "ws://h/ws?token=t&last_seq=7&topics=notes%2Ctask%3A1",
    );
  });

  it("sends no topics without last_seq: the first connect subscribes them normally", () => {
    expect(buildConnectUrl({ baseUrl: "ws://h/ws", token: "t", topics: ["notes"] })).toBe("ws://h/ws?token=t");
  });

  it("leaves out last_seq when none is known", () => {
    expect(buildConnectUrl({ baseUrl: "ws://h/ws", token: "t" })).toBe("ws://h/ws?token=t");
  });
});
