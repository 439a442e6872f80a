/**
 * @edge-notify/react's hooks in a real Chromium (react-dom, StrictMode, development build) on a
 * real InboxStore against `npm run dev`: live updates, one socket despite StrictMode's double
 * effects, useCounts re-rendering only on count changes, the socket closed on unmount.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { browserSite } from "./browser-site";
import { buildFixture } from "./react-fixture/build";

const { available, state } = browserSite("React hook tests", buildFixture);

type Probe = {
  renders: { counts: number; list: number; itemCount: number };
  inbox: {
    items: { uid: string }[];
    setView(view: object): Promise<void>;
    markAsRead(uids: string[]): Promise<void>;
    markAllAsSeen(): Promise<void>;
    markAllAsRead(): Promise<void>;
    archive(uids: string[]): Promise<void>;
  };
  store: { getState(): { counts: unknown }; subscribe(listener: () => void): () => void };
  unmount: () => void;
};
type Sockets = { url: string; readyState: number }[];
// WebSocket.readyState values (Node 20 has no global WebSocket to read them from).
const [OPEN, CLOSED] = [1, 3];

/** The fixture page for `user`, every WebSocket it makes recorded on window.sockets. */
/** Errors the page logged or threw (React reports an unsettled snapshot or an update loop there). */
const problems = new WeakMap<Page, string[]>();

async function open(user: string, onRequest?: (url: string) => unknown): Promise<Page> {
  const page = await state.browser.newPage();
  const seen: string[] = [];
  problems.set(page, seen);
  page.on("pageerror", (error) => seen.push(error.message));
  page.on("console", (message) => message.type() === "error" && seen.push(message.text()));
  if (onRequest) page.on("request", (request) => onRequest(request.url()));
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
  await page.goto(`${state.site.url}/?api=${encodeURIComponent(state.server.base)}&user=${user}`);
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
  const response = await fetch(`${state.server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user], category: "billing" }),
  });
  expect(response.status).toBe(201);
}

describe.skipIf(!available)("@edge-notify/react hooks in Chromium", () => {
  it("follow the server live on one socket, though StrictMode runs every effect twice", async () => {
    const user = `${Date.now()}71`;
    const tickets: string[] = [];
    const page = await open(user, (url) => url.endsWith("/ws-ticket") && tickets.push(url));
    await expect.poll(() => counts(page)).toBe("unread 0, unseen 0");

    await send(user, "Invoice paid");
    await expect.poll(() => messages(page)).toEqual(["Invoice paid"]);
    await expect.poll(() => counts(page)).toBe("unread 1, unseen 1");
    // StrictMode mounted, unmounted and mounted the provider: one socket, opened with one ticket
    // (a stop and restart would have fetched a second ticket for a socket thrown away).
    const made = await sockets(page);
    expect(made.map((socket) => socket.readyState)).toEqual([OPEN]);
    expect(made[0]?.url).toContain("protocol=events.v1");
    expect(tickets).toHaveLength(1);
    // An inline selector (new object each call) with an inline isEqual, re-rendered by its parent
    // on every store change: its slice changed identity only when its count did (0, then 1; the
    // mount counts twice in StrictMode).
    expect(await page.locator("#item-count").textContent()).toBe("1");
    const { list, itemCount } = await renders(page);
    expect(list).toBeGreaterThan(4);
    expect(itemCount).toBe(3);
    expect(problems.get(page)).toEqual([]);
    await page.close();
  });

  it("useCounts re-renders when a count changes, not when the store changes otherwise", async () => {
    const user = `${Date.now()}72`;
    const page = await open(user);
    await send(user, "First");
    await expect.poll(() => counts(page)).toBe("unread 1, unseen 1");
    const uid = await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.inbox.items[0]?.uid ?? "");
    await page.evaluate((uid) => (globalThis as unknown as { probe: Probe }).probe.inbox.markAsRead([uid]), uid);
    await expect.poll(() => counts(page)).toBe("unread 0, unseen 0");
    const before = await renders(page);
    // From here, every new counts object and every change of their values, as the store holds them.
    await page.evaluate(() => {
      const { store } = (globalThis as unknown as { probe: Probe }).probe;
      let last = store.getState().counts;
      const seen = { objects: 0, values: 0 };
      (globalThis as unknown as { seen: typeof seen }).seen = seen;
      store.subscribe(() => {
        const next = store.getState().counts;
        if (next !== last) seen.objects++;
        if (JSON.stringify(next) !== JSON.stringify(last)) seen.values++;
        last = next;
      });
    });

    // A new view: the list reloads, the counts stay. Reading what is read: new counts objects
    // (optimistic, then the server's), the same values.
    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.inbox.setView({ category: "other" }));
    await expect.poll(() => messages(page)).toEqual([]);
    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.inbox.setView({}));
    await expect.poll(() => messages(page)).toEqual(["First"]);
    await page.evaluate((uid) => (globalThis as unknown as { probe: Probe }).probe.inbox.markAsRead([uid]), uid);
    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.inbox.markAllAsSeen());
    // One real change: frames come in order, so once it shows, whatever the no-ops sent is in too.
    await send(user, "Second");
    await expect.poll(() => counts(page)).toBe("unread 1, unseen 1");

    const after = await renders(page);
    const seen = await page.evaluate(
      () => (globalThis as unknown as { seen: { objects: number; values: number } }).seen,
    );
    expect(after.list).toBeGreaterThan(before.list + 3);
    expect(seen.objects).toBeGreaterThan(seen.values);
    expect(after.counts - before.counts).toBe(seen.values);
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
      await inbox.archive([inbox.items[0]?.uid ?? ""]);
      await inbox.markAllAsRead();
    });
    await expect.poll(() => messages(page)).toEqual(["One"]);
    await expect.poll(() => counts(page)).toBe("unread 0, unseen 0");
    // The server agrees: a fresh list over REST.
    const { token } = await fetch(`${state.server.base}/dev/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user_id: user }),
    }).then((response) => response.json() as Promise<{ token: string }>);
    const feed = await fetch(`${state.server.base}/api/v1/me/notifications/counts`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((response) => response.json());
    expect(feed).toMatchObject({ unread_notifications: 0, archived_notifications: 1 });

    await page.evaluate(() => (globalThis as unknown as { probe: Probe }).probe.unmount());
    await page.locator("#unmounted").waitFor();
    await expect.poll(async () => (await sockets(page)).map((socket) => socket.readyState)).toEqual([CLOSED]);
    await page.close();
  });
});
