import type { ConnectionState } from "@friday/client";
import { DebugInfo } from "./DebugInfo.js";
import type { DebugInfoSource } from "./DebugInfo.js";
import { useDesktopNotifications } from "./use-desktop-notifications.js";
import type { DesktopNotifications } from "./use-desktop-notifications.js";
import { useNotificationSound } from "./use-notification-sound.js";
import { useNotifications } from "./use-notifications.js";
import type { NotificationSource } from "./use-notifications.js";
import type { NotificationItem } from "./notifications-reducer.js";

export interface NotificationCenterProps {
  client: NotificationSource & DebugInfoSource;
  title?: string;
  /** How many unread notifications to fetch on each connection. */
  limit?: number;
  className?: string;
  /** A collapsed "Debug info" panel: state, client id, last seq, topics, counts, last error. */
  debug?: boolean;
  /**
   * Desktop notifications (the browser's Notification API) for live notifications while the page
   * is hidden. Opt-in; a button asks for the browser's permission, which needs the user's click.
   */
  desktopNotifications?: boolean;
  /**
   * URL of a sound played for each new, unread notification of the user as it arrives (not for
   * broadcasts). Browsers stay silent until the user has interacted with the page.
   */
  sound?: string;
}

const stateLabels: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  open: "Live",
  reconnecting: "Reconnecting…",
  closed: "Offline",
};

const stateColors: Record<ConnectionState, string> = {
  connecting: "#d9a400",
  open: "#1a9f4b",
  reconnecting: "#d9a400",
  closed: "#b3261e",
};

/**
 * Unstyled apart from the indicator colour, with `friday-*` class names so an app can style it
 * without fighting inline rules; `@friday/react/notification-center.css` is a default style.
 */
export function NotificationCenter({
  client,
  title = "Notifications",
  limit,
  className,
  debug = false,
  desktopNotifications = false,
  sound,
}: NotificationCenterProps) {
  const { notifications, unreadCount, error, markRead, connectionState: state, connectionError } =
    useNotifications(client, limit);
  const desktop = useDesktopNotifications(client, { enabled: desktopNotifications });
  useNotificationSound(client, sound);

  return (
    <section className={["friday-notification-center", className].filter(Boolean).join(" ")} aria-label={title}>
      <header className="friday-notification-header">
        <span
          className={`friday-connection friday-connection-${state}`}
          role="status"
          aria-label={`Connection: ${stateLabels[state]}`}
        >
          <span className="friday-connection-dot" aria-hidden="true" style={{ color: stateColors[state] }}>
            ●
          </span>{" "}
          {stateLabels[state]}
        </span>
        <h2 className="friday-notification-title">
          {title}
          {unreadCount > 0 && (
            <span className="friday-badge" aria-label={`${unreadCount} unread`}>
              {unreadCount > 99 ? "99+" : unreadCount}
            </span>
          )}
        </h2>
      </header>
      {connectionError !== undefined && (
        <p className="friday-connection-error" role="alert">
          {connectionError}
        </p>
      )}
      {error !== undefined && (
        <p className="friday-notification-error" role="alert">
          {error}
        </p>
      )}
      {desktopNotifications && <DesktopNotificationsControl desktop={desktop} />}
      {notifications.length === 0 ? (
        <p className="friday-notification-empty">No notifications</p>
      ) : (
        <ul className="friday-notification-list">
          {notifications.map((notification) => (
            <NotificationRow
              key={notification.notification_id}
              notification={notification}
              onMarkRead={(id) => {
                // The hook already shows the failure; nothing else to do with it here.
                markRead(id).catch(() => undefined);
              }}
            />
          ))}
        </ul>
      )}
      {debug && (
        <DebugInfo
          client={client}
          state={state}
          connectionError={connectionError}
          unreadCount={unreadCount}
          shownCount={notifications.length}
        />
      )}
    </section>
  );
}

function DesktopNotificationsControl({ desktop }: { desktop: DesktopNotifications }) {
  switch (desktop.permission) {
    case "default":
      return (
        <button type="button" className="friday-desktop-enable" onClick={() => void desktop.requestPermission()}>
          Enable desktop notifications
        </button>
      );
    case "denied":
      return <p className="friday-desktop-denied">Desktop notifications are blocked in this browser's settings.</p>;
    default:
      return null;
  }
}

function NotificationRow({
  notification,
  onMarkRead,
}: {
  notification: NotificationItem;
  onMarkRead: (id: string) => void;
}) {
  return (
    <li className={`friday-notification ${notification.read ? "friday-read" : "friday-unread"}`}>
      <strong className="friday-notification-item-title">{notification.title}</strong>
      {notification.message !== notification.title && (
        <p className="friday-notification-message">{notification.message}</p>
      )}
      <time className="friday-notification-time" dateTime={notification.created_at}>
        {new Date(notification.created_at).toLocaleString()}
      </time>
      {!notification.read && (
        <button type="button" className="friday-mark-read" onClick={() => onMarkRead(notification.notification_id)}>
          Mark as read
        </button>
      )}
    </li>
  );
}
