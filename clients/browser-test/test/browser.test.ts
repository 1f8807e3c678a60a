import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FridayServer } from "../../typescript/test/integration/friday-server.js";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const results = fileURLToPath(new URL("../test-results/", import.meta.url));
const pagePath = "/__browser-test/";
const contentTypes: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

describe("a React page on @friday/react in headless Chromium", () => {
  let server: FridayServer;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    server = await FridayServer.start();
    profile = mkdtempSync(join(tmpdir(), "friday-chromium-"));
    mkdirSync(results, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // A page fulfilled by the test has no address of its own, so Chromium would treat its
        // WebSocket to 127.0.0.1 as a public page reaching into the local network and block it.
        "--disable-features=LocalNetworkAccessChecks",
      ],
    });
    // The built page is served under the server's own origin, as an app behind the same host
    // would be: its REST calls and WebSocket are then same-origin.
    await context.route(`${server.baseUrl}${pagePath}**`, (route) => {
      const file = new URL(route.request().url()).pathname.slice(pagePath.length) || "index.html";
      return route.fulfill({
        body: readFileSync(join(dist, file)),
        contentType: contentTypes[extname(file)] ?? "application/octet-stream",
      });
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    if (profile) {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  async function openPage(userId: string): Promise<{ page: Page; token: string }> {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}${pagePath}index.html?user=${userId}`);
    await page.locator('main[data-ready="true"]').waitFor({ timeout: 30_000 });
    return { page, token: await server.token(userId) };
  }

  async function createNote(token: string, title: string): Promise<string> {
    return ((await server.post("/api/notes", { title, content: "" }, token)) as { id: string }).id;
  }

  async function listedIds(page: Page): Promise<string[]> {
    return page.locator("#notes li").evaluateAll((items) => items.map((item) => item.getAttribute("data-id") ?? ""));
  }

  /** Holds every token request of the page until released: while held it cannot reconnect. */
  async function holdTokenRequests(page: Page): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route(`${server.baseUrl}/api/dev/token`, async (route) => {
      await released;
      await route.continue();
    });
    return release;
  }

  it("shows a note created over REST, and a notification sent by a service", async () => {
    const { page, token } = await openPage("browser-alice");
    const id = await createNote(token, "Written over REST");
    await expect.poll(() => listedIds(page)).toEqual([id]);
    await expect.poll(() => page.locator("#notes li").first().textContent()).toBe("Written over REST");

    const service = await server.token("browser-service", ["service"]);
    await server.post("/api/notifications", { user_id: "browser-alice", type: "alert", title: "Deploy done", message: "v2 is live" }, service);
    await page.getByText("Deploy done").waitFor();
    // The package's default stylesheet applies: the unread item has its own background.
    const unreadBackground = await page.locator(".friday-notification.friday-unread").evaluate((item) => getComputedStyle(item).backgroundColor);
    expect(unreadBackground).toBe("rgb(241, 246, 254)");

    await page.getByText("Debug info").click();
    const debugValue = (label: string) => page.locator(`[data-debug="${label}"]`).textContent();
    // The notification came after the note, so its seq is the newest the page has seen.
    const noteSeq = Number(await page.locator("#notes li").first().getAttribute("data-seq"));
    await expect.poll(async () => Number(await debugValue("Last seq"))).toBeGreaterThan(noteSeq);
    expect(await debugValue("State")).toBe("open");
    expect(await debugValue("User")).toBe("browser-alice");
    expect(await debugValue("Client id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await debugValue("Topics")).toBe("notes");
    await page.screenshot({ path: join(results, "live.png"), fullPage: true });
    await page.close();
  });

  it("reconnects by itself after the server is killed and restarted, then shows new events once", async () => {
    const { page, token } = await openPage("browser-bob");
    const before = await createNote(token, "Before the crash");
    await expect.poll(() => listedIds(page)).toEqual([before]);

    await server.kill();
    await page.locator('main[data-state="reconnecting"]').waitFor();
    await server.start();
    await page.locator('main[data-ready="true"]').waitFor({ timeout: 30_000 });

    const after = await createNote(token, "After the restart");
    await expect.poll(() => listedIds(page)).toEqual([before, after]);
    await page.screenshot({ path: join(results, "after-restart.png"), fullPage: true });
    await page.close();
  });

  it("/test-ws works for a person on the TypeScript client's browser build", async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/test-ws`);
    await page.fill("#user", "browser-dave");
    await page.click("#token-btn");
    await expect.poll(() => page.inputValue("#token")).not.toBe("");
    await page.click("#connect");
    await page.locator("#state", { hasText: "open" }).waitFor();
    await page.click("#subscribe");
    await page.locator("#log", { hasText: '"status":"subscribed"' }).waitFor();
    await page.click("#heartbeat");
    await page.locator("#log .sys", { hasText: "heartbeat: alive" }).waitFor();
    // The server's periodic heartbeat carries `timestamp`; only the reply to the button has `status`.
    const heartbeatReply = await page.locator("#log .in", { hasText: '"status":"alive"' }).textContent();
    expect(heartbeatReply).toContain('"type":"heartbeat"');
    expect(heartbeatReply).toContain('"reply_to"');

    const id = await createNote(await server.token("browser-dave"), "Seen on /test-ws");
    await page.locator("#log", { hasText: `"id":"${id}"` }).waitFor();
    await page.fill("#raw", '{"type":"ping","id":"by-hand"}');
    await page.click("#send");
    await page.locator("#log", { hasText: '"reply_to":"by-hand"' }).waitFor();
    await page.fill("#topic", "Not a topic!");
    await page.click("#subscribe");
    await page.locator("#log .err", { hasText: "refused Not a topic!" }).waitFor();
    await page.screenshot({ path: join(results, "test-ws.png"), fullPage: true });
    await page.close();
  });

  it("shows the events created while it was away, each once, after the server restarts", async () => {
    const { page, token } = await openPage("browser-carol");
    const before = await createNote(token, "Before the crash");
    await expect.poll(() => listedIds(page)).toEqual([before]);

    const releaseTokens = await holdTokenRequests(page);
    await server.kill();
    await page.locator('main[data-state="reconnecting"]').waitFor();
    await server.start();
    const missed = [await createNote(token, "Missed one"), await createNote(token, "Missed two")];
    expect(await listedIds(page)).toEqual([before]);
    releaseTokens();

    await page.locator('main[data-ready="true"]').waitFor({ timeout: 30_000 });
    const live = await createNote(token, "Live again");
    await expect.poll(() => listedIds(page)).toEqual([before, ...missed, live]);
    await page.screenshot({ path: join(results, "resumed.png"), fullPage: true });
    await page.close();
  });

  it("says the sign-in was refused when the server closes with 4001, and does not retry", async () => {
    const page = await context.newPage();
    const attempts: string[] = [];
    page.on("websocket", (socket) => attempts.push(socket.url()));
    await page.goto(`${server.baseUrl}${pagePath}index.html?user=browser-erin&token=not-a-jwt`);
    await page.locator('main[data-state="closed"]').waitFor({ timeout: 30_000 });
    const alert = page.locator(".friday-connection-error");
    await expect.poll(() => alert.textContent()).toContain("The server refused the sign-in token");
    expect(await alert.textContent()).toContain("(4001)");
    expect(await page.getByRole("status").textContent()).toContain("Offline");
    await page.waitForTimeout(1_000);
    expect(attempts).toHaveLength(1);
    await page.screenshot({ path: join(results, "refused.png"), fullPage: true });
    await page.close();
  });
});
