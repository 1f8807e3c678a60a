import { type FridayClient, isUserNotification } from "@friday/client";
import { useEffect } from "react";

export type NotificationSoundSource = Pick<FridayClient, "on">;

/**
 * Plays the sound at `url` for each new, unread notification of the user as it arrives live;
 * broadcasts on public topics and notifications already read make no sound. No `url`, no sound.
 */
export function useNotificationSound(client: NotificationSoundSource, url: string | undefined): void {
  useEffect(() => {
    if (url === undefined) {
      return undefined;
    }
    return client.on("notification", (message) => {
      if (!isUserNotification(message) || message.data.read_at != null) {
        return;
      }
      // Browsers refuse to play before the user has interacted with the page; a missed sound
      // is not worth an error.
      new Audio(url).play().catch(() => undefined);
    });
  }, [client, url]);
}
