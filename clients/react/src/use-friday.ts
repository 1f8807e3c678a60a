import { FridayClient } from "@friday/client";
import type { ConnectionState, FridayClientOptions } from "@friday/client";
import { useEffect, useMemo, useRef } from "react";
import { useConnectionState } from "./use-connection-state.js";

export interface UseFridayResult {
  client: FridayClient;
  state: ConnectionState;
}

/**
 * Owns a FridayClient for the component's lifetime. A new client is made only when `url`,
 * `clientId` or `token` change; the latest `tokenProvider` is always used without reconnecting,
 * and other options are read when the client is made.
 */
export function useFriday(options: FridayClientOptions): UseFridayResult {
  const latest = useRef(options);
  latest.current = options;
  const { url, clientId, token } = options;
  const hasTokenProvider = options.tokenProvider !== undefined;

  const client = useMemo(() => {
    const current = latest.current;
    const initialProvider = current.tokenProvider;
    if (!initialProvider) {
      return new FridayClient(current);
    }
    return new FridayClient({
      ...current,
      tokenProvider: () => (latest.current.tokenProvider ?? initialProvider)(),
    });
  }, [url, clientId, token, hasTokenProvider]);

  // Connecting in an effect (not during render) lets StrictMode's mount-unmount-mount cycle
  // close and reopen the same client cleanly.
  useEffect(() => {
    client.connect();
    return () => client.close();
  }, [client]);

  return { client, state: useConnectionState(client) };
}
