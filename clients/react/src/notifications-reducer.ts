import type { NotificationData } from "@friday/client";

/**
 * `read` is the current state: from the server's `read_at` when the item arrived, then from each
 * `notification_update`, which carries no `read_at`; so `read_at` may still be `null` on a read item.
 */
export interface NotificationItem extends NotificationData {
  read: boolean;
}

export interface NotificationsState {
  /** Newest first. */
  notifications: NotificationItem[];
  unreadCount: number;
  error: string | undefined;
}

export type NotificationsAction =
  | { type: "loaded"; notifications: NotificationData[]; count: number }
  | { type: "received"; notification: NotificationData }
  | { type: "status"; notificationId: string; status: string }
  | { type: "count"; count: number }
  | { type: "failed"; error: string };

export const initialNotificationsState: NotificationsState = {
  notifications: [],
  unreadCount: 0,
  error: undefined,
};

/** Long-running pages would otherwise keep every notification ever received. */
export const maxKeptNotifications = 200;

export function notificationsReducer(
  state: NotificationsState,
  action: NotificationsAction,
): NotificationsState {
  switch (action.type) {
    case "loaded": {
      const loaded = action.notifications.map(toItem);
      const loadedIds = new Set(loaded.map((n) => n.notification_id));
      const kept = state.notifications.filter((n) => !loadedIds.has(n.notification_id));
      return {
        notifications: newestFirst([...loaded, ...kept]),
        unreadCount: action.count,
        error: undefined,
      };
    }
    case "received": {
      if (state.notifications.some((n) => n.notification_id === action.notification.notification_id)) {
        return state;
      }
      const item = toItem(action.notification);
      return {
        ...state,
        notifications: newestFirst([item, ...state.notifications]),
        unreadCount: item.read ? state.unreadCount : state.unreadCount + 1,
      };
    }
    case "status": {
      const read = action.status === "read";
      let wasUnreadNowRead = false;
      const notifications = state.notifications.map((n) => {
        if (n.notification_id !== action.notificationId || n.read === read) {
          return n;
        }
        wasUnreadNowRead = read;
        return { ...n, read };
      });
      return {
        ...state,
        notifications,
        unreadCount: wasUnreadNowRead ? Math.max(0, state.unreadCount - 1) : state.unreadCount,
      };
    }
    case "count":
      return { ...state, unreadCount: action.count };
    case "failed":
      return { ...state, error: action.error };
  }
}

function toItem(notification: NotificationData): NotificationItem {
  return { ...notification, read: notification.read_at != null };
}

function newestFirst(items: NotificationItem[]): NotificationItem[] {
  return [...items]
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))
    .slice(0, maxKeptNotifications);
}
