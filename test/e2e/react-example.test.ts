/**
 * The acceptance of examples/react (issue #13): the tests build the example, serve it from its own
 * origin and drive it in Chromium against `npm run dev`. A notification sent from the server
 * appears live in the element and in the useCounts badge; opening the bell clears the unseen
 * badge; archive and mark all read work; axe-core finds nothing. Screenshot:
 * test-artifacts/react.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildExample } from "../../examples/react/build.mjs";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { browserSite } from "./browser-site";

const { available, state } = browserSite("the React example test", buildExample);
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function signedIn(user: string): Promise<Page> {
  const page = await state.browser.newPage({ viewport: { width: 1100, height: 760 } });
  page.setDefaultTimeout(8000); // a failing step names itself before the test's own timeout
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${state.site.url}/?api=${encodeURIComponent(state.server.base)}`);
  await page.getByLabel("User id").fill(user);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator('[data-testid=connection][data-state="open"]').waitFor({ timeout: 10_000 });
  expect(errors).toEqual([]);
  return page;
}

async function send(user: string, message: string, category = "billing") {
  const response = await fetch(`${state.server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user], category }),
  });
  expect(response.status).toBe(201);
}

const badge = (page: Page) => page.getByTestId("counts-badge").textContent();
const activity = (page: Page) => page.getByTestId("activity").locator(".message").allTextContents();
/** The bell of <edge-notify-inbox> (Playwright's role locators see into its shadow root). */
const bell = (page: Page) => page.locator("edge-notify-inbox").getByRole("button", { name: /^Notifications/ });
const panel = (page: Page) => page.locator("edge-notify-inbox").getByRole("dialog");

describe.skipIf(!available)("examples/react in Chromium", () => {
  it("shows a notification live in the element and the useCounts badge; the bell clears the badge", async () => {
    const user = `${Date.now()}81`;
    const page = await signedIn(user);
    await expect.poll(() => badge(page)).toBe("0 unread · 0 new");

    await send(user, "Invoice paid");
    await expect.poll(() => badge(page)).toBe("1 unread · 1 new");
    await expect.poll(() => bell(page).getAttribute("aria-label")).toContain("1");
    await expect.poll(() => activity(page)).toEqual(["Invoice paid"]);

    await bell(page).click();
    await expect.poll(() => panel(page).getByText("Invoice paid").count()).toBe(1);
    // Opening the bell marks what it shows as seen: both badges clear, the item stays unread.
    await expect.poll(() => badge(page)).toBe("1 unread · 0 new");
    await page.close();
  });

  it("archives and marks all read from the element, the page's list following", async () => {
    const user = `${Date.now()}82`;
    const page = await signedIn(user);
    await send(user, "Build failed", "comments");
    await send(user, "Invoice paid");
    await send(user, "Ada commented", "comments");
    await expect.poll(() => activity(page)).toEqual(["Ada commented", "Invoice paid", "Build failed"]);

    // Closed: the bell's badge and the page's own badge, before anything is seen.
    expect(await axe(page)).toEqual([]);
    await bell(page).click();
    await panel(page).locator("article", { hasText: "Invoice paid" }).getByRole("button", { name: "Archive" }).click();
    await expect.poll(() => activity(page)).toEqual(["Ada commented", "Build failed"]);
    await expect.poll(() => badge(page)).toBe("2 unread · 0 new");
    // Open, with unread items: what the screenshot shows.
    expect(await axe(page)).toEqual([]);
    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/react.png" });

    await panel(page).getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => badge(page)).toBe("0 unread · 0 new");
    await expect.poll(() => page.getByTestId("activity").locator('li[data-read="false"]').count()).toBe(0);
    await expect.poll(() => panel(page).locator('article[data-read="false"]').count()).toBe(0);
    await page.close();
  });

  it("passes props to the element as properties and its events to the handlers", async () => {
    const user = `${Date.now()}83`;
    const page = await signedIn(user);
    await send(user, "Deploy finished");
    await bell(page).click();
    // The categories array became tabs (a property: an attribute would have been one string).
    await expect
      .poll(() => panel(page).getByRole("tab").allTextContents())
      .toEqual([
        expect.stringContaining("All"),
        expect.stringContaining("Unread"),
        expect.stringContaining("Billing"),
        expect.stringContaining("Comments"),
        expect.stringContaining("Archived"),
      ]);
    // onNotificationClick ran; the element then recorded the click, which reads the notification.
    await panel(page).locator("article", { hasText: "Deploy finished" }).click();
    await expect.poll(() => page.getByTestId("opened").textContent()).toBe("Opened “Deploy finished”");
    await expect.poll(() => badge(page)).toBe("0 unread · 0 new");

    // A prop changed after mount reaches the element (its theme attribute reflects the property).
    await page.getByLabel("Inbox theme").selectOption("dark");
    await expect.poll(() => page.locator("edge-notify-inbox").getAttribute("theme")).toBe("dark");
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: "test-artifacts/react-dark.png" });
    await page.setViewportSize({ width: 390, height: 760 });
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: "test-artifacts/react-mobile.png" });
    await page.close();
  });
});

/** axe-core's violations on the page (the element's shadow DOM included), as "rule: targets". */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const results = await (globalThis as any).axe.run((globalThis as any).document);
    return results.violations.map(
      (v: { id: string; nodes: { target: unknown }[] }) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
}
