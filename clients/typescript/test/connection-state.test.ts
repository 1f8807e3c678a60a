import { describe, expect, it } from "vitest";
import { nextState } from "../src/connection-state.js";
import type { ConnectionEvent, ConnectionState } from "../src/connection-state.js";

describe("nextState", () => {
  const cases: [ConnectionState, ConnectionEvent, ConnectionState][] = [
    ["closed", "connect", "connecting"],
    ["connecting", "connected", "open"],
    ["connecting", "lost", "reconnecting"],
    ["open", "lost", "reconnecting"],
    ["reconnecting", "lost", "reconnecting"],
    ["reconnecting", "connected", "open"],
    ["open", "stop", "closed"],
    ["connecting", "stop", "closed"],
    ["reconnecting", "stop", "closed"],
    ["open", "connect", "open"],
    ["reconnecting", "connect", "reconnecting"],
    ["closed", "connected", "closed"],
    ["closed", "lost", "closed"],
    ["open", "connected", "open"],
  ];

  it.each(cases)("%s + %s -> %s", (state, event, expected) => {
    expect(nextState(state, event)).toBe(expected);
  });
});
