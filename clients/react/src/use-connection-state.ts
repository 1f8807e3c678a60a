import type { ConnectionState, FridayClient } from "@friday/client";
import { useCallback, useSyncExternalStore } from "react";

export type ConnectionStateSource = Pick<FridayClient, "on" | "state">;

/** The client's connection state, re-rendering on every change. */
export function useConnectionState(client: ConnectionStateSource): ConnectionState {
  const subscribe = useCallback((onChange: () => void) => client.on("state", onChange), [client]);
  const read = () => client.state;
  return useSyncExternalStore(subscribe, read, read);
}
