import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { NotificationCenter, useFriday } from "@friday/react";
import "@friday/react/notification-center.css";
import type { DataChangedMessage } from "@friday/client";

const params = new URLSearchParams(location.search);
const userId = params.get("user") ?? "alice";
// A fixed token instead of a fresh one from /api/dev/token: the test passes a bad one to see a refusal.
const fixedToken = params.get("token");

async function devToken(): Promise<string> {
  const response = await fetch("/api/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user_id: userId }),
  });
  if (!response.ok) {
    throw new Error(`token: HTTP ${response.status}`);
  }
  return ((await response.json()) as { token: string }).token;
}

interface NoteRow {
  id: string;
  seq: number;
  title: string;
}

function Notes() {
  const { client, state } = useFriday({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`,
    ...(fixedToken === null ? { tokenProvider: devToken } : { token: fixedToken }),
    initialDelayMs: 300,
    maxDelayMs: 2_000,
  });
  // Every data_changed the page received, in arrival order: the test checks there is no duplicate.
  const [notes, setNotes] = useState<NoteRow[]>([]);
  // The client resubscribes on every connection; until the server confirms, a change made
  // elsewhere may not reach this page, so the test waits for this rather than for "open".
  const [subscribed, setSubscribed] = useState(false);

  useEffect(() => {
    const offs = [
      client.on("data_changed", (event: DataChangedMessage) => {
        if (event.entity === "note" && event.action === "created") {
          const title = String((event.data as { title?: unknown } | null)?.title ?? "");
          setNotes((rows) => [...rows, { id: event.id, seq: event.seq, title }]);
        }
      }),
      client.on("subscription", (event) => {
        if (event.topic === "notes") {
          setSubscribed(event.status === "subscribed");
        }
      }),
      client.on("state", ({ state: next }) => {
        if (next !== "open") {
          setSubscribed(false);
        }
      }),
    ];
    void client.subscribe("notes");
    return () => offs.forEach((off) => off());
  }, [client]);

  return (
    <main data-state={state} data-ready={String(state === "open" && subscribed)}>
      <h1>Notes of {userId}</h1>
      <p>
        Connection: <strong id="state">{state}</strong>
      </p>
      <ul id="notes">
        {notes.map((note) => (
          <li key={`${note.seq}-${note.id}`} data-id={note.id} data-seq={note.seq}>
            {note.title}
          </li>
        ))}
      </ul>
      <NotificationCenter client={client} debug />
    </main>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(<Notes />);
