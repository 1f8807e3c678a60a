/**
 * `connecting`: first attempt after `connect()`; `open`: the server's `connection` message
 * arrived; `reconnecting`: waiting for or making a retry after a loss; `closed`: not trying.
 */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

export type ConnectionEvent =
  /** The application asked to connect. */
  | "connect"
  /** The server's `connection` message arrived. */
  | "connected"
  /** The socket closed or was found dead, and a retry is allowed. */
  | "lost"
  /** The application closed, the server refused for good, or retries ran out. */
  | "stop";

/** Returns the next state, or the same state when the event does not apply to it. */
export function nextState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event) {
    case "connect":
      return state === "closed" ? "connecting" : state;
    case "connected":
      return state === "connecting" || state === "reconnecting" ? "open" : state;
    case "lost":
      return state === "closed" ? state : "reconnecting";
    case "stop":
      return "closed";
  }
}

export interface StateChange {
  state: ConnectionState;
  previous: ConnectionState;
  /** Close code of the socket whose end caused the change, when there was one. */
  code?: number;
  reason?: string;
}
