import type { ErrorMessage } from "./protocol.js";

/** Client-side codes beside the server's `ErrorCode`s. */
export type ClientErrorCode =
  | "timeout"
  | "connection_lost"
  | "closed"
  | "queue_full"
  | "token_provider_failed"
  /**
   * Reported through `token_renewal_failed`: the server took the provider's token, but it expires
   * no later than the one the connection had, so nothing was renewed.
   */
  | "stale_token"
  /**
   * Reported through `client_error`: events were missed (a `resumed` with `complete: false`, or a
   * sequence that started over); refetch over REST.
   */
  | "stream_reset";

export class FridayError extends Error {
  override readonly name = "FridayError";

  constructor(
    /** A server `ErrorCode` or a `ClientErrorCode`. */
    readonly code: string,
    message: string,
    /** The server's error message, when the error came from the server. */
    readonly reply?: ErrorMessage,
  ) {
    super(message);
  }

  static fromServer(reply: ErrorMessage): FridayError {
    return new FridayError(reply.code, reply.message, reply);
  }
}

/** An error's message, or whatever was thrown as text. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
