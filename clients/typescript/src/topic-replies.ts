import { FridayError } from "./errors.js";
import type { ErrorMessage, ServerMessage } from "./protocol.js";

/** What became of one topic of a `subscribe`. */
export type TopicSubscription =
  | { topic: string; status: "subscribed" }
  /** The server refused this topic (`forbidden`, `not_found`, `invalid_message`); it is forgotten. */
  | { topic: string; status: "refused"; error: FridayError }
  /**
   * Not answered on this connection (not connected, the connection was lost, a timeout, or the
   * server could not handle the message: `error` says which); it is sent again on the next one.
   */
  | { topic: string; status: "pending"; error?: FridayError };

const topicRefusals: ReadonlySet<string> = new Set(["forbidden", "not_found", "invalid_message"]);

/**
 * Whether an `error` code refuses one topic of a subscribe (`forbidden`, `not_found`,
 * `invalid_message`); any other code answers for the whole message. Exported so that UIs tell a
 * refused topic from a failing connection by the same rule as the client.
 */
export function isTopicRefusal(code: string): boolean {
  return topicRefusals.has(code);
}

/**
 * The answers to one `subscribe`: the server sends one `subscription` or `error` per distinct topic,
 * in the order the topics were sent, all carrying the request's `id` as `reply_to`. An error whose
 * code is not a topic's refusal (`internal_error`, `rate_limited`, …) ends the answers.
 */
export class TopicReplies {
  readonly results: TopicSubscription[];
  private next = 0;

  constructor(private readonly topics: readonly string[]) {
    this.results = topics.map((topic) => ({ topic, status: "pending" }));
  }

  /** Takes one reply; true when no more will come. */
  take(reply: ServerMessage): boolean {
    const topic = this.topics[this.next];
    if (topic === undefined) {
      return true;
    }
    if (reply.type === "subscription") {
      this.results[this.next] = { topic, status: "subscribed" };
    } else if (reply.type === "error") {
      const error = FridayError.fromServer(reply as ErrorMessage);
      if (!isTopicRefusal(error.code)) {
        this.fail(error);
        return true;
      }
      this.results[this.next] = { topic, status: "refused", error };
    } else {
      return false;
    }
    this.next++;
    return this.next >= this.topics.length;
  }

  /** No more answers will come: the topics not answered yet stay pending, with the reason. */
  fail(error: FridayError): void {
    for (let i = this.next; i < this.topics.length; i++) {
      this.results[i] = { topic: this.topics[i] as string, status: "pending", error };
    }
    this.next = this.topics.length;
  }
}
