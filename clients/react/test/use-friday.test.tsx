import type { WebSocketLike } from "@friday/client";
import { act, renderHook } from "@testing-library/react";
import { StrictMode } from "react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { useFriday } from "../src/use-friday.js";

/** Records the URLs the client dials and never opens, which is all these tests need. */
function recordingWebSocket() {
  const urls: string[] = [];
  const sockets: Recording[] = [];
  class Recording implements WebSocketLike {
    readyState = 0;
    onopen: WebSocketLike["onopen"] = null;
    onmessage: WebSocketLike["onmessage"] = null;
    onclose: WebSocketLike["onclose"] = null;
    onerror: WebSocketLike["onerror"] = null;
    closed = false;
    readonly sent: Record<string, unknown>[] = [];
    constructor(url: string) {
      urls.push(url);
      sockets.push(this);
    }
    send(data: string): void {
      this.sent.push(JSON.parse(data) as Record<string, unknown>);
    }
    /** Plays the server: the upgrade, then `message`. */
    receive(message: object): void {
      this.readyState = 1;
      this.onmessage?.({ data: JSON.stringify(message) });
    }
    close(): void {
      this.closed = true;
    }
  }
  return { WebSocket: Recording, urls, sockets };
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe("useFriday", () => {
  it("connects on mount and closes on unmount", async () => {
    const ws = recordingWebSocket();
    const { result, unmount } = renderHook(() =>
      useFriday({ url: "ws://h/ws", token: "t", WebSocket: ws.WebSocket, lifecycleTargets: [] }),
    );
    await act(tick);
    expect(ws.urls).toEqual(["ws://h/ws?token=t"]);
    expect(result.current.state).toBe("connecting");
    unmount();
    expect(result.current.client.state).toBe("closed");
  });

  it("keeps one client across re-renders and survives StrictMode's double mount", async () => {
    const ws = recordingWebSocket();
    const wrapper = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;
    const { result, rerender } = renderHook(
      () => useFriday({ url: "ws://h/ws", token: "t", WebSocket: ws.WebSocket, lifecycleTargets: [] }),
      { wrapper },
    );
    const first = result.current.client;
    rerender();
    await act(tick);
    expect(result.current.client).toBe(first);
    expect(result.current.state).toBe("connecting");
  });

  it("makes a new client when the token changes", async () => {
    const ws = recordingWebSocket();
    const { result, rerender } = renderHook(
      ({ token }) => useFriday({ url: "ws://h/ws", token, WebSocket: ws.WebSocket, lifecycleTargets: [] }),
      { initialProps: { token: "a" } },
    );
    const first = result.current.client;
    rerender({ token: "b" });
    await act(tick);
    expect(result.current.client).not.toBe(first);
    expect(first.state).toBe("closed");
    expect(ws.urls[ws.urls.length - 1]).toBe("ws://h/ws?token=b");
  });

  it("uses the latest token provider without reconnecting", async () => {
    const ws = recordingWebSocket();
    const { result, rerender } = renderHook(
      ({ token }) =>
        useFriday({ url: "ws://h/ws", tokenProvider: async () => token, WebSocket: ws.WebSocket, lifecycleTargets: [], initialDelayMs: 1 }),
      { initialProps: { token: "a" } },
    );
    const first = result.current.client;
    await act(tick);
    rerender({ token: "b" });
    expect(result.current.client).toBe(first);
    await act(async () => {
      ws.sockets[ws.sockets.length - 1]?.onclose?.({ code: 1006, reason: "" });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(ws.urls[ws.urls.length - 1]).toBe("ws://h/ws?token=b");
  });

  it("renews the token in-band with the latest token provider, on the same connection", async () => {
    const ws = recordingWebSocket();
    const { result, rerender } = renderHook(
      ({ token }) => useFriday({ url: "ws://h/ws", tokenProvider: async () => token, WebSocket: ws.WebSocket, lifecycleTargets: [] }),
      { initialProps: { token: "a" } },
    );
    await act(tick);
    const socket = ws.sockets[0];
    act(() =>
      socket?.receive({ type: "connection", status: "connected", client_id: "c", user_id: "u", heartbeat_interval: 30, last_seq: 0, timestamp: "2026-01-02T03:04:05.000Z" }),
    );
    rerender({ token: "b" });
    await act(async () => {
      socket?.receive({ type: "error", code: "token_expiring", message: "soon", expires_at: "2026-01-02T03:05:00.000Z" });
      await tick();
    });

    expect(socket?.sent.filter((message) => message.type === "auth").map((message) => message.token)).toEqual(["b"]);
    expect(ws.sockets).toHaveLength(1);
    expect(result.current.state).toBe("open");
  });
});
