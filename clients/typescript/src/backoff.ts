import { CloseCode } from "./protocol.js";

export interface BackoffOptions {
  /** Ceiling of the first retry's delay. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of any delay. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Retries after a lost or failed connection before giving up. Default: never give up. */
  maxRetries?: number;
}

export const defaultBackoff: Required<BackoffOptions> = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetries: Infinity,
};

/**
 * Full jitter: a uniformly random delay below the exponential ceiling, so that many clients
 * dropped at once by a server restart do not come back in synchronized waves.
 * `attempt` counts from 0 for the first retry.
 */
export function backoffDelay(
  attempt: number,
  options: Required<BackoffOptions>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Codes after which retrying cannot help: the client id is refused, or another connection with
 * the same client id has taken over (retrying would make the two evict each other forever).
 */
const finalCloseCodes: ReadonlySet<number> = new Set([CloseCode.forbidden, CloseCode.replaced]);

/**
 * 4001 (token refused or expired) is final with a fixed token, which would be refused again; a
 * token provider gives the next attempt a fresh token, so then it is retried like any loss.
 */
export function isRetryableClose(code: number, hasTokenProvider: boolean): boolean {
  if (code === CloseCode.unauthorized) {
    return hasTokenProvider;
  }
  return !finalCloseCodes.has(code);
}

export function mayRetry(attempt: number, options: Required<BackoffOptions>): boolean {
  return attempt < options.maxRetries;
}
