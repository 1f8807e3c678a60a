import type { NotificationMessage, UserNotificationMessage } from "./protocol.js";

/** The topic that carries the user's own notifications; every other topic's are broadcasts. */
export const userNotificationsTopic = "notifications";

/** True for the user's own notification, false for a broadcast on a public topic. */
export function isUserNotification(message: NotificationMessage): message is UserNotificationMessage {
  return message.topic === userNotificationsTopic;
}
