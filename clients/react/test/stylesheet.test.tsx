/// <reference types="node" />
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { act, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NotificationCenter } from "../src/NotificationCenter.js";
import { FakeClient, notification } from "./fake-client.js";

// Not `new URL("..", import.meta.url)`: happy-dom's URL replaces Node's, which fileURLToPath refuses.
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const specifier = "@friday/react/notification-center.css";

/** The browser's Notification API, which decides whether the enable button or the "blocked" line shows. */
function browserPermission(permission: NotificationPermission) {
  vi.stubGlobal(
    "Notification",
    class {
      static permission = permission;
      static requestPermission = async () => permission;
    },
  );
}

describe("the default stylesheet", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is what an app gets from the package's export, ships in the package, and is kept by bundlers", () => {
    // The package resolving its own name goes through `exports`, as an app's import does.
    const resolved = createRequire(import.meta.url).resolve(specifier);
    expect(readFileSync(resolved, "utf8")).toContain(".friday-notification-center");

    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageDir, encoding: "utf8" }),
    ) as [{ files: { path: string }[] }];
    expect(packed.files.map((file) => file.path)).toContain("styles/notification-center.css");

    // With `sideEffects: false` a bundler may drop a bare `import "….css"` as unused.
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { sideEffects: unknown };
    expect(manifest.sideEffects).toEqual(["**/*.css"]);
  }, 30_000);

  it("styles only class names NotificationCenter renders", async () => {
    const css = readFileSync(createRequire(import.meta.url).resolve(specifier), "utf8");
    const styled = new Set([...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/\.(friday-[a-z-]+)/g)].map((m) => m[1] ?? ""));
    expect(styled.size).toBeGreaterThan(10);

    const rendered = new Set<string>();
    const collect = (root: HTMLElement) =>
      root.querySelectorAll("[class]").forEach((element) => element.classList.forEach((name) => rendered.add(name)));

    browserPermission("default");
    const busy = new FakeClient();
    busy.state = "open";
    busy.unread = {
      type: "unread_notifications",
      count: 1,
      notifications: [
        { ...notification("unread", "2026-01-02T00:00:00Z"), message: "Body" },
        notification("read", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"),
      ],
    };
    const first = render(<NotificationCenter client={busy} debug desktopNotifications />);
    await waitFor(() => expect(first.container.querySelector(".friday-mark-read")).not.toBeNull());
    act(() => busy.emit("error", { type: "error", code: "internal_error", message: "The database is unavailable" }));
    collect(first.container);

    browserPermission("denied");
    const failing = new FakeClient();
    failing.state = "open";
    failing.getUnread.mockRejectedValueOnce(new Error("timeout"));
    const idle = render(<NotificationCenter client={failing} desktopNotifications />);
    await waitFor(() => expect(idle.container.querySelector(".friday-notification-error")).not.toBeNull());
    collect(idle.container);

    expect([...styled].filter((name) => !rendered.has(name))).toEqual([]);
  });
});
