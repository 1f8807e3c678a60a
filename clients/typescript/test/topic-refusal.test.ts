import { describe, expect, it } from "vitest";
import { isTopicRefusal } from "../src/index.js";

describe("isTopicRefusal", () => {
  it("is true for the codes that refuse one topic, false for those that answer the whole message", () => {
    expect(["forbidden", "not_found", "invalid_message"].map(isTopicRefusal)).toEqual([true, true, true]);
    expect(["internal_error", "rate_limited", "unauthorized", "token_expiring"].map(isTopicRefusal)).toEqual([false, false, false, false]);
  });
});
