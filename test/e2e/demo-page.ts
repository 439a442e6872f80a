/**
 * Shared by the Chromium tests of the demo page and its `<edge-notify-inbox>`: a dev server, a
 * Chromium (Debian's, driven by playwright-core), signed-in pages, sends through the service API,
 * and axe-core injected into a page. Playwright's locators pierce the element's open shadow root.
 */
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const available = existsSync(CHROMIUM);
if (!available) {
  const message = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`;
  // CI must run these; a developer without Chromium is told, not failed.
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPING browser tests. ${message}`);
}

export type Harness = { server: DevServer; browser: Browser };

export async function startHarness(): Promise<Harness> {
  const server = await startDevServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return { server, browser };
}

export function stopHarness(harness: Harness | undefined) {
  void harness?.browser.close();
  harness?.server.stop();
}

export const uniqueUser = (() => {
  let n = 0;
  return () => `${Date.now()}${++n}`;
})();

/** A page of the demo, signed in as `user` through the dev sign-in, with its socket open. */
export async function signedIn(
  { server, browser }: Harness,
  user: string,
  options: BrowserContextOptions & { query?: string } = {},
): Promise<Page> {
  const { query = "", ...context } = options;
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 800 }, ...context })).newPage();
  await page.goto(`${server.base}/${query}`);
  await page.getByLabel("User id", { exact: true }).fill(user);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#status[data-state=open]").waitFor({ timeout: 10_000 });
  return page;
}

export const bell = (page: Page): Locator => page.locator("edge-notify-inbox .bell");
export const badge = (page: Page): Locator => page.locator("edge-notify-inbox .badge");
export const messages = (page: Page) => page.locator("edge-notify-inbox article .message .text").allTextContents();

/** The badge shows `value` ("" = no badge) within 2 s (the live inbox's bound), with no reload. */
export async function badgeBecomes(page: Page, value: string) {
  await expect
    .poll(async () => ((await badge(page).count()) === 0 ? "" : badge(page).textContent()), { timeout: 2000 })
    .toBe(value);
}

export async function send(server: DevServer, user: string, message: string, extra: object = {}) {
  const response = await fetch(`${server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user], ...extra }),
  });
  expect(response.status).toBe(201);
}

/** GET `path` as `user` (a dev token). */
async function getAs(server: DevServer, user: string, path: string) {
  const minted = await fetch(`${server.base}/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user_id: user }),
  });
  const { token } = (await minted.json()) as { token: string };
  return fetch(`${server.base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

export async function serverPreferences(server: DevServer, user: string) {
  const response = await getAs(server, user, "/api/v1/me/preferences");
  return (await response.json()) as { categories: Record<string, { enabled: boolean }> };
}

/** The user's counts as the server has them (GET /api/v1/me/notifications/counts). */
export async function serverCounts(server: DevServer, user: string) {
  const response = await getAs(server, user, "/api/v1/me/notifications/counts");
  const body = (await response.json()) as Record<string, number>;
  return {
    unread: body.unread_notifications,
    unseen: body.unseen_notifications,
    archived: body.archived_notifications,
  };
}

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's violations on the page (shadow roots included). The page's context must bypass CSP. */
export async function axeViolations(page: Page) {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(() =>
    (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ["violations"] }),
  );
  return (results.violations as { id: string; nodes: { target: unknown; failureSummary: string }[] }[]).map(
    (violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => [node.target, node.failureSummary]) }),
  );
}

export async function screenshot(page: Page, name: string) {
  mkdirSync("test-artifacts", { recursive: true });
  await page.screenshot({ path: `test-artifacts/${name}.png` });
}
