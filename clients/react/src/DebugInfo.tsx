import type { ConnectionState, FridayClient } from "@friday/client";
import { useEffect, useState } from "react";

export type DebugInfoSource = Pick<FridayClient, "on" | "state" | "connection" | "lastSeq" | "subscribedTopics">;

export interface DebugInfoProps {
  client: DebugInfoSource;
  state: ConnectionState;
  connectionError: string | undefined;
  unreadCount: number;
  shownCount: number;
}

interface Counters {
  messages: number;
  /** Times a connection opened again after the first. */
  reconnects: number;
}

/** A collapsed panel with what one asks first when notifications do not arrive. */
export function DebugInfo({ client, state, connectionError, unreadCount, shownCount }: DebugInfoProps) {
  const [counters, setCounters] = useState<Counters>({ messages: 0, reconnects: 0 });

  useEffect(() => {
    let opened = client.state === "open";
    const offs = [
      client.on("message", () => setCounters((c) => ({ ...c, messages: c.messages + 1 }))),
      client.on("state", (change) => {
        if (change.state === "open") {
          if (opened) {
            setCounters((c) => ({ ...c, reconnects: c.reconnects + 1 }));
          }
          opened = true;
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);

  const connection = client.connection;
  const rows: [string, string][] = [
    ["State", state],
    ["Client id", connection?.client_id ?? "–"],
    ["User", connection?.user_id ?? "–"],
    ["Last seq", String(client.lastSeq ?? "–")],
    ["Server last_seq at connect", String(connection?.last_seq ?? "–")],
    ["Heartbeat", connection ? `${connection.heartbeat_interval} s` : "–"],
    ["Topics", client.subscribedTopics.join(", ") || "–"],
    ["Unread", String(unreadCount)],
    ["Notifications shown", String(shownCount)],
    ["Messages received", String(counters.messages)],
    ["Reconnects", String(counters.reconnects)],
    ["Last error", connectionError ?? "–"],
  ];

  return (
    <details className="friday-debug">
      <summary>Debug info</summary>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="friday-debug-row">
            <dt>{label}</dt>
            <dd data-debug={label}>{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
