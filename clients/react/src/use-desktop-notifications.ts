import { type FridayClient, isUserNotification } from "@friday/client";
import { useCallback, useEffect, useState } from "react";

export type DesktopNotificationsSource = Pick<FridayClient, "on">;

export interface DesktopNotificationsOptions {
  /** Nothing is shown, and permission never asked for, unless this is true. */
  enabled: boolean;
  /**
   * Also show them while the page is visible. Default false: the page's own list shows the
   * notification then, and a desktop one would say it twice.
   */
  whenVisible?: boolean;
  icon?: string;
}

export interface DesktopNotifications {
  /** The browser's permission, or `unsupported` where there is no Notification API. */
  permission: NotificationPermission | "unsupported";
  /**
   * Asks the browser for permission. Call it from a user action (a click): browsers ignore or
   * penalise permission prompts that no gesture asked for.
   */
  requestPermission: () => Promise<void>;
}

function notificationApi(): typeof Notification | undefined {
  return typeof globalThis.Notification === "function" ? globalThis.Notification : undefined;
}

/**
 * Shows each of the user's live notifications as a desktop notification (the browser's
 * Notification API), once the user has granted permission; broadcasts on public topics are not
 * shown. Opt-in: `enabled` must be true.
 */
export function useDesktopNotifications(
  client: DesktopNotificationsSource,
  { enabled, whenVisible = false, icon }: DesktopNotificationsOptions,
): DesktopNotifications {
  const [permission, setPermission] = useState<DesktopNotifications["permission"]>(
    () => notificationApi()?.permission ?? "unsupported",
  );

  const requestPermission = useCallback(async () => {
    const api = notificationApi();
    if (api) {
      setPermission(await api.requestPermission());
    }
  }, []);

  useEffect(() => {
    const api = notificationApi();
    if (!enabled || !api || permission !== "granted") {
      return undefined;
    }
    return client.on("notification", (message) => {
      if (!isUserNotification(message)) {
        return;
      }
      if (!whenVisible && globalThis.document?.visibilityState === "visible") {
        return;
      }
      // The tag makes a notification delivered twice (a replay, two tabs) replace itself.
      new api(message.data.title, {
        body: message.data.message === message.data.title ? "" : message.data.message,
        tag: message.data.notification_id,
        ...(icon === undefined ? {} : { icon }),
      });
    });
  }, [client, enabled, whenVisible, icon, permission]);

  return { permission, requestPermission };
}
