/**
 * The demo app shell in a real Chromium against `npm run dev`: nothing of a session before the
 * sign-in (the old header said "offline / Sign out" to nobody), a favicon, the inbox element live
 * after the dev sign-in, the page's own send form, sign-out. The element itself: inbox-*.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  available,
  badgeBecomes,
  bell,
  type Harness,
  messages,
  screenshot,
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

describe.skipIf(!available)("demo page in Chromium", () => {
  it("shows no session before the sign-in, and links a favicon that is served", async () => {
    const page = await harness.browser.newPage();
    await page.goto(harness.server.base);
    await page.getByLabel("User id", { exact: true }).waitFor();
    for (const selector of ["edge-notify-inbox", "#status", "#user-menu", "#sign-out"]) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
    expect(await page.getByText("offline").count()).toBe(0);
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    const response = await fetch(new URL(icon ?? "", harness.server.base));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    await screenshot(page, "demo-signed-out");
  });

  it("signs in to a live inbox and out again", async () => {
    const page = await signedIn(harness, uniqueUser());
    expect(await page.locator("#status-text").textContent()).toBe("live");
    expect(await bell(page).isVisible()).toBe(true);
    await page.getByRole("button", { name: /^User / }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Lumen" }).waitFor();
    expect(await page.locator("edge-notify-inbox").isVisible()).toBe(false);
    // The session is gone for a reload too.
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Lumen" }).waitFor();
    expect(await page.locator("#user-menu").isVisible()).toBe(false);
  });

  it("sends from the page's own form (category, group key, action, expiry) and shows it live", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await page.getByLabel("Message", { exact: true }).fill("Hello from the form");
    await page.getByLabel("Category", { exact: true }).fill("billing");
    await page.getByLabel("Group key (optional)").fill("invoices");
    await page.getByLabel("Action button label (optional)").fill("Open invoice");
    await page.getByLabel("Action URL").fill("https://example.com/invoice");
    await page.getByLabel("Expires after minutes (optional)").fill("60");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await badgeBecomes(page, "1");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await badgeBecomes(page, "2");
    expect(await page.locator("#send-result").textContent()).toBe("Sent to 1 user(s).");

    await bell(page).click();
    // One group of two, with its action.
    await expect.poll(() => messages(page)).toEqual(["Hello from the form"]);
    await expect.poll(() => page.locator("edge-notify-inbox [part~=group-size]").textContent()).toBe("2 notifications");
    expect(await page.getByRole("link", { name: "Open invoice" }).getAttribute("href")).toBe(
      "https://example.com/invoice",
    );
    await screenshot(page, "demo-inbox");
  });
});
