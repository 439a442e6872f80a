/**
 * How `<edge-notify-inbox>` looks and reads: axe-core finds no violations (panel closed and open,
 * light and dark), and screenshots (light, dark, mobile width, RTL) go to test-artifacts/ for a
 * person to look at. axe is injected, so these pages bypass the demo's CSP (which forbids it).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import {
  available,
  axeViolations,
  badgeBecomes,
  bell,
  type Harness,
  messages,
  screenshot,
  send,
  signedIn,
  startHarness,
  stopHarness,
  uniqueUser,
} from "./demo-page";

let harness: Harness;

beforeAll(async () => {
  if (available) harness = await startHarness();
}, 90_000);

afterAll(() => stopHarness(harness));

/** A user with a realistic inbox: a group, an action, read and unread, several categories. */
async function populated(user: string) {
  await send(harness.server, user, "Invoice #1042 was paid", { category: "billing" });
  await send(harness.server, user, "Deploy of edge-cache finished", { category: "deploys" });
  const people = [
    ["Grace", "Hopper"],
    ["Alan", "Turing"],
    ["Ada", "Lovelace"],
  ];
  for (const [index, [first_name, last_name]] of people.entries()) {
    const actor = `${user}0${index}`;
    const profile = await fetch(`${harness.server.base}/api/v1/users/${actor}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ first_name, last_name }),
    });
    expect(profile.status).toBe(200);
    await send(harness.server, user, "commented on “Checkout redesign”", {
      category: "comments",
      group_key: "comments:checkout",
      created_by: actor,
    });
  }
  await send(harness.server, user, "Katherine asked for a review of Billing v2", {
    category: "comments",
    actions: [
      { id: "review", label: "Review", url: "https://example.com/review", style: "primary" },
      { id: "later", label: "Later", url: "https://example.com/later", style: "secondary" },
    ],
  });
}

async function opened(page: Page) {
  await badgeBecomes(page, "6");
  await bell(page).click();
  await expect.poll(async () => (await messages(page)).length).toBe(4);
}

describe.skipIf(!available)("<edge-notify-inbox> accessibility and looks", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no axe violations, closed and open, ${colorScheme}`, async () => {
      const user = uniqueUser();
      const page = await signedIn(harness, user, { bypassCSP: true, colorScheme });
      await populated(user);
      await badgeBecomes(page, "6");
      expect(await axeViolations(page)).toEqual([]);
      await opened(page);
      expect(await axeViolations(page)).toEqual([]);
      // The group of three reads as one entry, newest actor first.
      expect(await page.locator("edge-notify-inbox [part~=actor]").first().textContent()).toBe(
        "Ada Lovelace and 2 others",
      );
      await screenshot(page, `inbox-${colorScheme}`);
      await page.getByRole("button", { name: "Notification settings" }).click();
      await page.getByRole("switch", { name: "Billing" }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      if (colorScheme === "light") await screenshot(page, "inbox-preferences");
    });
  }

  it("fits a 390 px phone", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user, { viewport: { width: 390, height: 844 }, bypassCSP: true });
    await populated(user);
    await opened(page);
    const panel = await page.locator("edge-notify-inbox .panel").boundingBox();
    expect(panel && panel.x >= 0 && panel.x + panel.width <= 390).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "inbox-mobile");
    // The tab row stays one line (badges and all) and scrolls sideways to the selected tab.
    const tabs = page.locator("edge-notify-inbox [role=tab]");
    const tops = new Set((await tabs.evaluateAll((all: any[]) => all.map((tab) => tab.offsetTop))) as number[]);
    expect(tops.size).toBe(1);
    const archived = page.getByRole("tab", { name: /^Archived/ });
    const shown = async () => {
      const [row, box] = [await page.locator("edge-notify-inbox .tabs").boundingBox(), await archived.boundingBox()];
      return Boolean(row && box && box.x >= row.x && box.x + box.width <= row.x + row.width);
    };
    expect(await shown()).toBe(false);
    await page.keyboard.press("End");
    expect(await archived.getAttribute("aria-selected")).toBe("true");
    await expect.poll(shown).toBe(true);
    await expect.poll(async () => (await messages(page)).length).toBe(0);
    await screenshot(page, "inbox-mobile-tabs");
    await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("tab", { name: /^All/ }).getAttribute("aria-selected")).toBe("true");
    await expect.poll(shown).toBe(false);
  });

  it("mirrors right to left", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user, { query: "?dir=rtl&locale=ar", bypassCSP: true });
    await populated(user);
    await opened(page);
    // The panel hangs from the bell toward the inline end: in RTL, the bell is at the left edge.
    const [bellBox, panel] = [
      await bell(page).boundingBox(),
      await page.locator("edge-notify-inbox .panel").boundingBox(),
    ];
    expect(bellBox && panel && Math.abs(panel.x - bellBox.x) < 2).toBe(true);
    // Relative times in the locale's language (Arabic here).
    expect(await page.locator("edge-notify-inbox time").first().textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "inbox-rtl");
    // Arrow keys follow the reading direction: Left is the next tab.
    await page.keyboard.press("ArrowLeft");
    expect(await page.getByRole("tab", { name: /^Unread/ }).getAttribute("aria-selected")).toBe("true");
  });

  it("takes theme=dark over a light system setting", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user, { query: "?theme=dark", colorScheme: "light" });
    await bell(page).click();
    const panel = page.locator("edge-notify-inbox .panel");
    expect(await panel.evaluate((node: any) => (globalThis as any).getComputedStyle(node).backgroundColor)).toBe(
      "rgb(29, 32, 39)",
    );
  });
});
