import type { WebSocketLike } from "@friday/client";
import { act, renderHook } from "@testing-library/react";
import { StrictMode } from "react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { useFriday } from "../src/use-friday.js";

/** Records the URLs the client dials and never opens, which is all these tests need. */
function recordingWebSocket() {
  const urls: string[] = [];
  const sockets: WebSocketLike[] = [];
  class Recording implements WebSocketLike {
    readyState = 0;
    onopen = null;
    onmessage: WebSocketLike["onmessage"] = null;
    onclose = null;
    onerror: WebSocketLike["onerror"] = null;
    closed = false;
    constructor(url: string) {
      urls.push(url);
      sockets.push(this);
    }
    send(): void {}
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
});
