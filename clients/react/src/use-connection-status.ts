import { type ConnectionState, type FridayClient, isTopicRefusal } from "@friday/client";
import { useEffect, useState } from "react";
import { useConnectionState } from "./use-connection-state.js";

export type ConnectionStatusSource = Pick<FridayClient, "on" | "state">;

export interface ConnectionStatus {
  state: ConnectionState;
  /**
   * Why the connection is not usable, for display: the close that ended it for good (4001 token
   * refused, 4003, 4008, retries used up) with the server's `error` before it, a server `error`
   * that answers no request (such as a greeting the database could not serve), or a token provider
   * that failed. Cleared when a connection opens.
   */
  error: string | undefined;
}

const closeReasons: Record<number, string> = {
  4001: "The server refused the sign-in token",
  4003: "This client id belongs to another user",
  4008: "Another connection with this client id took over",
  1008: "The server closed the connection for a policy violation",
};

/** The connection state and, when something is wrong with it, what. */
export function useConnectionStatus(client: ConnectionStatusSource): ConnectionStatus {
  const state = useConnectionState(client);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    // The server's own words, kept until the close that usually follows (4001 after `unauthorized`).
    let serverError: string | undefined;
    const offs = [
      client.on("error", (message) => {
        if (message.reply_to !== undefined) {
          return;
        }
        // A warning, not a failure: with a token provider the client renews the token in-band;
        // with a fixed one the 4001 that follows at expiry is shown with its own message.
        if (message.code === "token_expiring") {
          return;
        }
        serverError = message.message;
        // A topic of `?topics=` refused at connect is the subscriber's business (`topic_refused`),
        // not the connection's; the same codes before a close are shown with the close.
        if (!isTopicRefusal(message.code)) {
          setError(`${message.message} (${message.code})`);
        }
      }),
      client.on("client_error", (failure) => {
        if ((failure as { code?: string }).code === "token_provider_failed") {
          setError(`Could not get a sign-in token: ${failure.message}`);
        }
      }),
      client.on("state", (change) => {
        if (change.state === "open") {
          serverError = undefined;
          setError(undefined);
        } else if (change.state === "closed" && change.code !== undefined) {
          const reason = closeReasons[change.code] ?? `The connection closed${change.reason ? `: ${change.reason}` : ""}`;
          setError(`${reason}${serverError ? ` — ${serverError}` : ""} (${change.code})`);
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);

  return { state, error };
}
