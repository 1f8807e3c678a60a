import { backoffDelay, mayRetry } from "./backoff.js";
import type { BackoffOptions } from "./backoff.js";
import { describe, FridayError } from "./errors.js";
import type { AuthMessage, Timestamp } from "./protocol.js";
import type { Scheduler } from "./scheduler.js";

export interface TokenRenewed {
  /** The connection now lives until this time (server clock), unless renewed again. */
  expiresAt: Timestamp;
}

export interface TokenRenewalFailure {
  /**
   * `token_provider_failed` (it threw, returned nothing, or did not answer within
   * `tokenTimeoutMs`), the server's `unauthorized` or `forbidden`, `timeout` (no reply to `auth`),
   * or `stale_token` (the new token expires no later than the current one).
   */
  error: FridayError;
  /** When the connection's current token expires: the server closes it with 4001 then. */
  expiresAt: Timestamp;
  /** True when another attempt follows after the backoff delay. */
  willRetry: boolean;
}

/** What a renewal needs from the client it belongs to. */
export interface TokenRenewalHost {
  /** Calls the token provider, failing with `token_provider_failed` past `tokenTimeoutMs`. */
  fetchToken(): Promise<string | undefined>;
  /** Sends `auth` on the current connection only and resolves with the server's reply. */
  sendAuth(token: string): Promise<AuthMessage>;
  renewed(event: TokenRenewed): void;
  failed(event: TokenRenewalFailure): void;
}

/**
 * Keeps one connection's token fresh in-band: on the server's `token_expiring` it asks the token
 * provider for a new token and sends it as `auth`, so the connection outlives the old token.
 * Attempts are paced like reconnects: a failed one is retried after the backoff delay, and a
 * warning that comes again soon after a renewal (tokens that live little longer than the server's
 * warning) waits that delay too, so client and server cannot ping-pong `auth` and `token_expiring`.
 */
export class TokenRenewal {
  private expiresAt: Timestamp | undefined;
  /** From a warning until a renewal succeeds. */
  private engaged = false;
  /**
   * A warning that came meanwhile. The server warns at once when the renewed token is already
   * within its warning time, and that warning can be read before the `auth` reply is acted on.
   */
  private rewarned: Timestamp | undefined;
  private attempt = 0;
  private renewedAt: number | undefined;
  private retryTimer: unknown;
  /** Bumped when the connection ends, so that an answer for the old one is ignored. */
  private generation = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly backoff: Required<BackoffOptions>,
    private readonly random: () => number,
    private readonly host: TokenRenewalHost,
  ) {}

  /** The server's `token_expiring`: the current token expires at `expiresAt`. */
  expiring(expiresAt: Timestamp): void {
    if (this.engaged) {
      this.rewarned = expiresAt;
      return;
    }
    this.expiresAt = expiresAt;
    this.engaged = true;
    this.rewarned = undefined;
    if (this.renewedAt !== undefined && this.scheduler.now() - this.renewedAt < this.backoff.maxDelayMs) {
      this.retryLater();
      return;
    }
    this.attempt = 0;
    void this.run();
  }

  /** The connection ended: its renewal ends with it; the next connection starts with a fresh token. */
  reset(): void {
    this.generation++;
    if (this.retryTimer !== undefined) {
      this.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    this.expiresAt = undefined;
    this.engaged = false;
    this.rewarned = undefined;
    this.attempt = 0;
    this.renewedAt = undefined;
  }

  /** `reset()` clears the timer, so it never fires for a connection that has ended. */
  private retryLater(): void {
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = undefined;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    const before = this.expiresAt as Timestamp;
    let reply: AuthMessage;
    try {
      const token = await this.host.fetchToken();
      if (generation !== this.generation) {
        return;
      }
      if (!token) {
        throw new FridayError("token_provider_failed", "the token provider returned no token");
      }
      reply = await this.host.sendAuth(token);
    } catch (error) {
      if (generation === this.generation) {
        this.fail(error instanceof FridayError ? error : new FridayError("token_provider_failed", describe(error)));
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    // The server keeps the expiry of the token it was last given, even an earlier one.
    this.expiresAt = reply.expires_at;
    if (!(Date.parse(reply.expires_at) > Date.parse(before))) {
      this.fail(new FridayError(
        "stale_token",
        `the token provider's token expires at ${reply.expires_at}, no later than the current one (${before})`,
      ));
      return;
    }
    this.engaged = false;
    this.renewedAt = this.scheduler.now();
    this.host.renewed({ expiresAt: reply.expires_at });
    const rewarned = this.rewarned;
    this.rewarned = undefined;
    if (rewarned !== undefined && Date.parse(rewarned) >= Date.parse(reply.expires_at)) {
      this.expiring(rewarned);
    }
  }

  /** Another user's token (`forbidden`) will not become this user's by retrying. */
  private fail(error: FridayError): void {
    const willRetry = error.code !== "forbidden" && mayRetry(this.attempt, this.backoff);
    if (willRetry) {
      this.retryLater();
    }
    this.host.failed({ error, expiresAt: this.expiresAt as Timestamp, willRetry });
  }
}
