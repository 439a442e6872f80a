/**
 * The demo page in a real Chromium (Debian's, driven by playwright-core) against `npm run dev`:
 * live badge updates without reload, a second tab of the same user, another user's page untouched.
 * A screenshot is kept in test-artifacts/ (not committed).
 */
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available) {
  const message = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`;
  // CI must run these; a developer without Chromium is told, not failed.
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPING browser tests. ${message}`);
}

let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  server = await startDevServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
});

async function signedIn(user: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  await page.goto(server.base);
  await page.getByLabel("User id", { exact: true }).fill(user);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#status[data-state=open]").waitFor({ timeout: 10_000 });
  return page;
}

const badge = (page: Page) => page.locator("#badge");

/** Waits at most 2 s (the bound) for the badge to show `value`, with no reload. */
const badgeBecomes = (page: Page, value: string) =>
  page.waitForFunction(
    // A function, not a string: the page's CSP forbids eval, as it should.
    (expected) => (globalThis as any).document.getElementById("badge")?.textContent === expected,
    value,
    { timeout: 2000 },
  );

async function send(user: string, message: string, extra: object = {}) {
  const response = await fetch(`${server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user], ...extra }),
  });
  expect(response.status).toBe(201);
}

describe.skipIf(!available)("demo page in Chromium", () => {
  it("updates the badge live, in every tab of the user and no one else's", { timeout: 60_000 }, async () => {
    const stamp = String(Date.now());
    const [userA, userB] = [`${stamp}1`, `${stamp}2`];
    const tabA = await signedIn(userA);
    const secondTabA = await signedIn(userA);
    const tabB = await signedIn(userB);
    for (const page of [tabA, secondTabA, tabB]) await expect.poll(() => badge(page).textContent()).toBe("0");

    await send(userA, "Deploy finished");
    // Within 2 s, without a reload.
    for (const page of [tabA, secondTabA]) {
      await badgeBecomes(page, "1");
    }
    await expect.poll(() => tabA.locator(".item .message").first().textContent()).toBe("Deploy finished");
    await expect.poll(() => tabA.getByRole("button", { name: "Notifications, 1 new" }).count()).toBe(1);

    mkdirSync("test-artifacts", { recursive: true });
    await tabA.screenshot({ path: "test-artifacts/demo-unread.png", fullPage: true });

    await tabA.getByRole("button", { name: "Mark all read" }).click();
    for (const page of [tabA, secondTabA]) {
      await badgeBecomes(page, "0");
    }
    // B saw none of it.
    expect(await badge(tabB).textContent()).toBe("0");
    expect(await tabB.locator(".item").count()).toBe(0);
  });

  it("sends from the page's own form and shows the notification live", { timeout: 60_000 }, async () => {
    const user = `${Date.now()}3`;
    const page = await signedIn(user);
    await page.getByLabel("Message", { exact: true }).fill("Hello from the form");
    await page.getByRole("button", { name: "Send" }).click();
    await badgeBecomes(page, "1");
    await expect.poll(() => page.locator(".item .message").first().textContent()).toBe("Hello from the form");
    await page.getByRole("button", { name: 'Remove "Hello from the form"' }).click();
    await badgeBecomes(page, "0");
    await expect.poll(() => page.locator(".item").count()).toBe(0);
    await page.screenshot({ path: "test-artifacts/demo-empty.png", fullPage: true });
  });

  it("shows seen and unseen, archive, a category filter and action buttons", { timeout: 60_000 }, async () => {
    const user = `${Date.now()}4`;
    const page = await signedIn(user);
    await send(user, "Invoice paid", { category: "billing" });
    await send(user, "Ada commented", {
      category: "comments",
      actions: [{ id: "reply", label: "Reply", url: "https://example.com/reply", style: "primary" }],
    });
    await badgeBecomes(page, "2");
    await expect.poll(() => page.getByRole("link", { name: "Reply" }).count()).toBe(1);
    // Opening the bell marks what is shown as seen: the badge clears, the items stay unread.
    await page.getByRole("button", { name: "Notifications, 2 new" }).click();
    await badgeBecomes(page, "0");
    await expect.poll(() => page.locator('.item[data-read="false"]').count()).toBe(2);
    await expect.poll(() => page.locator('.item[data-seen="false"]').count()).toBe(0);
    // The category filter.
    await expect.poll(() => page.locator("#category option").count()).toBe(3);
    await page.locator("#category").selectOption("billing");
    await expect.poll(() => page.locator(".item .message").allTextContents()).toEqual(["Invoice paid"]);
    await page.locator("#category").selectOption("");
    // Archive: out of the list, into "Archived".
    await page.getByRole("button", { name: 'Archive "Invoice paid"' }).click();
    await expect.poll(() => page.locator(".item .message").allTextContents()).toEqual(["Ada commented"]);
    await page.locator("#filter").selectOption("archived");
    await expect.poll(() => page.locator(".item .message").allTextContents()).toEqual(["Invoice paid"]);
    await page.locator("#filter").selectOption("");
    await page.screenshot({ path: "test-artifacts/demo-inbox-model.png", fullPage: true });
  });
});
