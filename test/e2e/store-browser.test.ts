/**
 * InboxStore in Chromium against `npm run dev`: two tabs of one user, each with a store from the
 * package's browser bundle, stay equal to each other and to the REST feed through creates,
 * actions in either tab and one tab's socket dropped; a hidden tab does not reconnect until it
 * shows again.
 */
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "./dev-server";
import { allEqual, clientFor, send, sign } from "./store-harness";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPING browser store tests. ${message}`);
}

let server: DevServer;
let browser: Browser;
let pages: Server;
let origin: string;

const PAGE = `<!doctype html><meta charset="utf-8"><title>store</title>
<script type="module">
  import { InboxStore, NotificationsClient } from "/client.js";
  const base = new URLSearchParams(location.search).get("base");
  const token = location.hash.slice(1);
  const client = new NotificationsClient({ baseUrl: base, getToken: () => token, minDelayMs: 100, maxDelayMs: 2000 });
  window.store = new InboxStore(client, { pageSize: 50 });
  window.started = window.store.start();
</script>`;

beforeAll(async () => {
  if (!available) return;
  server = await startDevServer();
  // The package's browser entry, bundled as scripts/bundle.mjs does, from the current source.
  const bundle = await build({
    entryPoints: ["packages/client/src/index.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  pages = createServer((request, response) => {
    const js = request.url === "/client.js";
    response.writeHead(200, { "Content-Type": js ? "text/javascript" : "text/html" });
    response.end(js ? script : PAGE);
  });
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  pages?.close();
  await server?.stop();
});

/** A tab of `user` whose sockets are remembered in `window.sockets`, so the test can cut one. */
async function tab(user: string): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const w = globalThis as any;
    const Native = w.WebSocket;
    w.sockets = [];
    w.WebSocket = class extends Native {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        w.sockets.push(this);
      }
    };
  });
  await page.goto(`${origin}/?base=${encodeURIComponent(server.base)}#${await sign(user)}`);
  await page.waitForFunction(() => (globalThis as any).store?.getState().connection === "open");
  await page.evaluate(() => (globalThis as any).started);
  return page;
}

const state = (page: Page) => () =>
  page.evaluate(() => {
    const { items, counts } = (globalThis as any).store.getState();
    return { items, counts };
  });
const act = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (globalThis as any).store[m as string](...(a as unknown[])), [method, args] as const);
const connection = (page: Page) => page.evaluate(() => (globalThis as any).store.getState().connection as string);
const sockets = (page: Page) => page.evaluate(() => (globalThis as any).sockets.length as number);

describe.skipIf(!available)("InboxStore in two Chromium tabs", () => {
  it("stay equal through creates, actions in either tab and a dropped socket", { timeout: 90_000 }, async () => {
    const user = `${Date.now()}81`;
    const rest = clientFor(server.base, user);
    const [one, two] = [await tab(user), await tab(user)];
    const uids = [];
    for (const n of [1, 2, 3]) uids.push(await send(server.base, user, `b${n}`));
    await allEqual([state(one), state(two)], rest, "three creates");
    await act(one, "markAsRead", [uids[0]]);
    await act(two, "archive", [uids[1]]);
    await allEqual([state(one), state(two)], rest, "actions in both tabs");

    await one.evaluate(() => (globalThis as any).sockets.at(-1).close());
    await act(two, "markAllAsSeen");
    uids.push(await send(server.base, user, "b4"));
    await expect.poll(() => connection(one), { timeout: 10_000 }).toBe("open");
    await allEqual([state(one), state(two)], rest, "after one tab's socket dropped");
    await act(one, "remove", [uids[3]]);
    await allEqual([state(one), state(two)], rest, "remove in the tab that came back");
  });

  it("does not reconnect a hidden tab until it is visible again", { timeout: 60_000 }, async () => {
    const user = `${Date.now()}82`;
    const rest = clientFor(server.base, user);
    const page = await tab(user);
    const setVisibility = (value: string) =>
      page.evaluate((v) => {
        const d = (globalThis as any).document;
        Object.defineProperty(d, "visibilityState", { value: v, configurable: true });
        d.dispatchEvent(new Event("visibilitychange"));
      }, value);
    await setVisibility("hidden");
    const before = await sockets(page);
    await page.evaluate(() => (globalThis as any).sockets.at(-1).close());
    await expect.poll(() => connection(page)).toBe("paused");
    await send(server.base, user, "while hidden");
    // Longer than many backoff rounds at these settings (100 ms doubling, 2 s cap).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await sockets(page)).toBe(before);
    expect(await connection(page)).toBe("paused");
    await setVisibility("visible");
    await expect.poll(() => connection(page), { timeout: 10_000 }).toBe("open");
    expect(await sockets(page)).toBe(before + 1);
    await allEqual([state(page)], rest, "after showing again");
  });
});
