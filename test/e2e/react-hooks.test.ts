/**
 * @edge-notify/react's hooks in a real Chromium (react-dom, StrictMode, development build) on a
 * real InboxStore against `npm run dev`: live updates, one socket despite StrictMode's double
 * effects, useCounts re-rendering only on count changes, the socket closed on unmount.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../../examples/react/serve.mjs";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";
import { buildFixture } from "./react-fixture/build";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPING React hook tests. ${message}`);
}

let server: DevServer;
let browser: Browser;
let site: { url: string; close: () => void };
const outdir = mkdtempSync(join(tmpdir(), "edge-notify-react-hooks-"));

beforeAll(async () => {
  if (!available) return;
  [server] = await Promise.all([startDevServer(), buildFixture(outdir)]);
  site = await serveDirectory(outdir);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  site?.close();
  server?.stop();
  rmSync(outdir, { recursive: true, force: true });
});

type Probe = {
  renders: { counts: number; list: number };
  inbox: Record<string, (...args: unknown[]) => Promise<void>> & { items: { uid: string }[] };
  unmount: () => void;
};
type Sockets = { url: string; readyState: number }[];

/** The fixture page for `user`, every WebSocket it makes recorded on window.sockets. */
async function open(user: string): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const Native = globalThis.WebSocket;
    const sockets: WebSocket[] = [];
    (globalThis as unknown as { sockets: WebSocket[] }).sockets = sockets;
    globalThis.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    };
  });
  await page.goto(`${site.url}/?api=${encodeURIComponent(server.base)}&user=${user}`);
  await page.locator("#connection", { hasText: "open" }).waitFor({ timeout: 10_000 });
  return page;
}

const sockets = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as { sockets: Sockets }).sockets.map(({ url, readyState }) => ({ url, readyState })),
  );
const renders = (page: Page) => page.evaluate(() => ({ ...(globalThis as unknown as { probe: Probe }).probe.renders }));
const counts = (page: Page) => page.locator("#counts").textContent();
const messages = (page: Page) => page.locator("#list li").allTextContents();

async function send(user: string, message: string) {
  const response = await fetch(`${server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user], category: "billing" }),
  });
  expect(response.status).toBe(201);
}

describe.skipIf(!available)("@edge-notify/react hooks in Chromium", () => {
  it("follow the server live on one socket, though StrictMode runs every effect twice", async () => {
    const user = `${Date.now()}71`;
    const page = await open(user);
    await expect.poll(() => counts(page)).toBe("unread 0, unseen 0");

    await send(user, "Invoice paid");
    await expect.poll(() => messages(page)).toEqual(["Invoice paid"]);
    await expect.poll(() => counts(page)).toBe("unread 1, unseen 1");
    // StrictMode mounted, unmounted and mounted the provider: still one socket, and it is open.
    const made = await sockets(page);
    expect(made.map((socket) => socket.readyState)).toEqual([WebSocket.OPEN]);
    expect(made[0]?.url).toContain("protocol=events.v1");
    await page.close();
  });

  it("useCounts re-renders only when a count changes; useInbox on every change", async () => {
    const user = `${Date.now()}72`;
    const page = await open(user);
    await send(user, "First");
    await expect.poll(() => counts(page)).toBe("unread 1, unseen 1");
    const before = await renders(page);

    // A new view: the list reloads (loading, then entries), the counts stay the same.
    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.inbox.setView({ category: "other" }));
    await expect.poll(() => messages(page)).toEqual([]);
    const afterView = await renders(page);
    expect(afterView.list).toBeGreaterThan(before.list);
    expect(afterView.counts).toBe(before.counts);

    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.inbox.setView({}));
    await expect.poll(() => messages(page)).toEqual(["First"]);
    await page.evaluate(async () => {
      const { inbox } = (globalThis as unknown as { probe: Probe }).probe;
      await inbox.markAllAsSeen();
    });
    await expect.poll(() => counts(page)).toBe("unread 1, unseen 0");
    expect((await renders(page)).counts).toBeGreaterThan(afterView.counts);
    await page.close();
  });

  it("actions from useInbox reach the server, and unmounting closes the socket", async () => {
    const user = `${Date.now()}73`;
    const page = await open(user);
    await send(user, "One");
    await send(user, "Two");
    await expect.poll(() => messages(page)).toEqual(["Two", "One"]);
    await page.evaluate(async () => {
      const { inbox } = (globalThis as unknown as { probe: Probe }).probe;
      await inbox.archive([inbox.items[0]?.uid]);
      await inbox.markAllAsRead();
    });
    await expect.poll(() => messages(page)).toEqual(["One"]);
    await expect.poll(() => counts(page)).toBe("unread 0, unseen 0");
    // The server agrees: a fresh list over REST.
    const token = await page.evaluate(async (api) => {
      const response = await fetch(`${api}/dev/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user_id: new URLSearchParams(location.search).get("user") }),
      });
      return ((await response.json()) as { token: string }).token;
    }, server.base);
    const feed = await fetch(`${server.base}/api/v1/me/notifications/counts`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((response) => response.json());
    expect(feed).toMatchObject({ unread_notifications: 0, archived_notifications: 1 });

    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.unmount());
    await page.locator("#unmounted").waitFor();
    await expect.poll(async () => (await sockets(page)).map((socket) => socket.readyState)).toEqual([WebSocket.CLOSED]);
    await page.close();
  });
});
