import { type ConnectionState, type FridayClient, isUserNotification } from "@friday/client";
import { useCallback, useEffect, useReducer } from "react";
import { initialNotificationsState, notificationsReducer } from "./notifications-reducer.js";
import type { NotificationItem } from "./notifications-reducer.js";
import { useConnectionStatus } from "./use-connection-status.js";

export type NotificationSource = Pick<FridayClient, "on" | "state" | "getUnread" | "markRead">;

export interface UseNotificationsResult {
  notifications: NotificationItem[];
  unreadCount: number;
  /** The last failure of a load or mark-as-read, for display. */
  error: string | undefined;
  connectionState: ConnectionState;
  /** `connectionState === "open"`. */
  isConnected: boolean;
  /** Why the connection is not usable (a refused token, a server error), for display; see `useConnectionStatus`. */
  connectionError: string | undefined;
  markRead: (notificationId: string) => Promise<void>;
  /** Fetches the unread notifications again; also done on every (re)connection. */
  refresh: () => void;
}

/**
 * The user's notifications, kept live: unread ones are fetched whenever the connection opens
 * (what happened while offline is then included), and later ones arrive as events. Broadcasts on
 * public topics are left out; an app shows those from the client's `notification` event.
 */
export function useNotifications(client: NotificationSource, limit = 50): UseNotificationsResult {
  const [state, dispatch] = useReducer(notificationsReducer, initialNotificationsState);
  const connection = useConnectionStatus(client);

  const refresh = useCallback(() => {
    client.getUnread(limit).then(
      (reply) => dispatch({ type: "loaded", notifications: reply.notifications, count: reply.count }),
      (error: unknown) => dispatch({ type: "failed", error: describe(error) }),
    );
  }, [client, limit]);

  useEffect(() => {
    const subscriptions = [
      // A broadcast on a public topic is everyone's, not an item of this user's inbox.
      client.on("notification", (message) => {
        if (isUserNotification(message)) {
          dispatch({ type: "received", notification: message.data });
        }
      }),
      client.on("notification_update", (message) =>
        dispatch({ type: "status", notificationId: message.data.notification_id, status: message.data.status }),
      ),
      client.on("unread_count", (message) => dispatch({ type: "count", count: message.data.count })),
      client.on("state", (change) => {
        if (change.state === "open") {
          refresh();
        }
      }),
    ];
    if (client.state === "open") {
      refresh();
    }
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }, [client, refresh]);

  const markRead = useCallback(
    async (notificationId: string) => {
      dispatch({ type: "status", notificationId, status: "read" });
      try {
        await client.markRead(notificationId);
      } catch (error) {
        dispatch({ type: "failed", error: describe(error) });
        // The optimistic "read" may be wrong now; the server's list is the truth.
        refresh();
        throw error;
      }
    },
    [client, refresh],
  );

  return {
    ...state,
    connectionState: connection.state,
    isConnected: connection.state === "open",
    connectionError: connection.error,
    markRead,
    refresh,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
