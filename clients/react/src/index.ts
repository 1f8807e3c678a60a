export { useFriday } from "./use-friday.js";
export type { UseFridayResult } from "./use-friday.js";
export { useConnectionState } from "./use-connection-state.js";
export type { ConnectionStateSource } from "./use-connection-state.js";
export { useConnectionStatus } from "./use-connection-status.js";
export type { ConnectionStatus, ConnectionStatusSource } from "./use-connection-status.js";
export { useDesktopNotifications } from "./use-desktop-notifications.js";
export type {
  DesktopNotifications,
  DesktopNotificationsOptions,
  DesktopNotificationsSource,
} from "./use-desktop-notifications.js";
export { useNotificationSound } from "./use-notification-sound.js";
export type { NotificationSoundSource } from "./use-notification-sound.js";
export { DebugInfo } from "./DebugInfo.js";
export type { DebugInfoProps, DebugInfoSource } from "./DebugInfo.js";
export { useNotifications } from "./use-notifications.js";
export type { NotificationSource, UseNotificationsResult } from "./use-notifications.js";
export { NotificationCenter } from "./NotificationCenter.js";
export type { NotificationCenterProps } from "./NotificationCenter.js";
export { notificationsReducer, initialNotificationsState } from "./notifications-reducer.js";
export type { NotificationItem, NotificationsAction, NotificationsState } from "./notifications-reducer.js";
