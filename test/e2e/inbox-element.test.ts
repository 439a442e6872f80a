/**
 * `<edge-notify-inbox>` on the demo page in Chromium against `npm run dev` (issue #13's
 * acceptance): live badge, opening clears unseen (on the server too), tabs, archive, mark all
 * read, a second tab of the same user, keyboard only, events for the host.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import {
  available,
  badge,
  badgeBecomes,
  bell,
  type Harness,
  messages,
  send,
  serverCounts,
  serverPreferences,
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

/** A tab by its label (its accessible name goes on with the unread count: "Unread, 2 unread"). */
const tab = (page: Page, name: string) => page.getByRole("tab", { name: new RegExp(`^${name}\\b`) });
const inboxButton = (page: Page, name: string) => page.locator("edge-notify-inbox").getByRole("button", { name });

/** What has focus inside the element: "tag:name". */
const focused = (page: Page) => () =>
  page.evaluate(() => {
    const root = (globalThis as any).document.querySelector("edge-notify-inbox")?.shadowRoot;
    const active = root?.activeElement;
    return active
      ? `${active.tagName.toLowerCase()}:${active.getAttribute("aria-label") ?? active.textContent?.trim()}`
      : null;
  });

describe.skipIf(!available)("<edge-notify-inbox> in Chromium", () => {
  it("shows a sent notification live with its badge; opening the bell clears unseen on the server", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await badgeBecomes(page, "");
    await send(harness.server, user, "Deploy finished", { category: "deploys" });
    await badgeBecomes(page, "1");
    await expect.poll(() => bell(page).getAttribute("aria-label")).toBe("Notifications, 1 new");
    expect(await bell(page).getAttribute("aria-expanded")).toBe("false");

    await bell(page).click();
    expect(await bell(page).getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => messages(page)).toEqual(["Deploy finished"]);
    await badgeBecomes(page, "");
    await expect.poll(async () => (await serverCounts(harness.server, user)).unseen).toBe(0);
    // Seen, not read: it keeps its unread styling.
    expect(await page.locator('edge-notify-inbox article[data-read="false"]').count()).toBe(1);

    // A notification arriving while the panel is open lands on top, unseen.
    await send(harness.server, user, "Second deploy finished", { category: "deploys" });
    await expect.poll(() => messages(page)).toEqual(["Second deploy finished", "Deploy finished"]);
    await badgeBecomes(page, "1");
    // And is announced politely to screen readers.
    const live = page.locator('edge-notify-inbox [aria-live="polite"]');
    await expect.poll(() => live.textContent()).toBe("New notification: Second deploy finished");

    // A click elsewhere on the page closes the panel.
    await page.mouse.click(100, 700);
    expect(await bell(page).getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator("edge-notify-inbox .panel").isVisible()).toBe(false);
  });

  it("filters by tab (Unread, a category, Archived); archive and mark all read work", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await send(harness.server, user, "Invoice paid", { category: "billing" });
    await send(harness.server, user, "Ada commented", { category: "comments" });
    await send(harness.server, user, "Grace commented", { category: "comments" });
    await badgeBecomes(page, "3");
    await bell(page).click();
    await expect.poll(() => messages(page)).toEqual(["Grace commented", "Ada commented", "Invoice paid"]);

    // Read one: it leaves the Unread tab.
    await inboxButton(page, "Mark as read").first().click();
    await tab(page, "Unread").click();
    await expect.poll(() => messages(page)).toEqual(["Ada commented", "Invoice paid"]);
    await tab(page, "Comments").click();
    await expect.poll(() => messages(page)).toEqual(["Grace commented", "Ada commented"]);

    // Archive: out of the list, into Archived.
    await inboxButton(page, "Archive").first().click();
    await expect.poll(() => messages(page)).toEqual(["Ada commented"]);
    await tab(page, "Archived").click();
    await expect.poll(() => messages(page)).toEqual(["Grace commented"]);
    await expect.poll(async () => (await serverCounts(harness.server, user)).archived).toBe(1);

    await tab(page, "All").click();
    await expect.poll(() => messages(page)).toEqual(["Ada commented", "Invoice paid"]);
    await inboxButton(page, "Mark all as read").click();
    await expect.poll(() => page.locator('edge-notify-inbox article[data-read="false"]').count()).toBe(0);
    await expect.poll(async () => (await serverCounts(harness.server, user)).unread).toBe(0);
    await tab(page, "Unread").click();
    await expect.poll(() => page.locator("edge-notify-inbox").getByText("No unread notifications.").count()).toBe(1);
  });

  it("reads and archives a whole group from its entry's buttons, named for the group, on the server", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    for (const [index, [first_name, last_name]] of [
      ["Grace", "Hopper"],
      ["Alan", "Turing"],
      ["Ada", "Lovelace"],
    ].entries()) {
      const actor = `${user}0${index}`;
      const profile = await fetch(`${harness.server.base}/api/v1/users/${actor}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ first_name, last_name }),
      });
      expect(profile.status).toBe(200);
      await send(harness.server, user, "deployed edge-cache", { group_key: "deploys:edge", created_by: actor });
    }
    await send(harness.server, user, "Invoice paid", { category: "billing" });
    await badgeBecomes(page, "4");
    await bell(page).click();
    await expect.poll(() => messages(page)).toEqual(["Invoice paid", "deployed edge-cache"]);

    const group = "3 notifications from Ada Lovelace and 2 others";
    await inboxButton(page, `Mark ${group} as read`).click();
    await expect.poll(async () => (await serverCounts(harness.server, user)).unread).toBe(1);
    await expect.poll(() => inboxButton(page, `Mark ${group} as unread`).count()).toBe(1);
    expect(await page.locator('edge-notify-inbox article[data-read="false"]').count()).toBe(1);

    await inboxButton(page, `Archive ${group}`).click();
    await expect.poll(() => messages(page)).toEqual(["Invoice paid"]);
    await expect.poll(() => serverCounts(harness.server, user)).toMatchObject({ archived: 3, unread: 1 });
    // Focus stays in the list (on the entry left), not on <body>.
    await expect.poll(focused(page)).toMatch(/^article:/);

    await inboxButton(page, "Mark as read").click();
    await expect.poll(() => serverCounts(harness.server, user)).toMatchObject({ archived: 3, unread: 0 });
    await tab(page, "Archived").click();
    await expect
      .poll(() => messages(page))
      .toEqual(["deployed edge-cache", "deployed edge-cache", "deployed edge-cache"]);
  });

  it("keeps a second tab of the same user in step, and no other user's", async () => {
    const [user, other] = [uniqueUser(), uniqueUser()];
    const first = await signedIn(harness, user);
    const second = await signedIn(harness, user);
    const stranger = await signedIn(harness, other);
    await send(harness.server, user, "Build green");
    for (const page of [first, second]) await badgeBecomes(page, "1");
    await second.locator("edge-notify-inbox").evaluate((element: any) => element.show());
    await expect.poll(() => messages(second)).toEqual(["Build green"]);

    // Opening the bell in the first tab clears the badge in both; reading there shows read in both.
    await bell(first).click();
    await badgeBecomes(second, "");
    await inboxButton(first, "Mark as read").click();
    await expect.poll(() => second.locator('edge-notify-inbox article[data-read="true"]').count()).toBe(1);
    await inboxButton(first, "Archive").click();
    await expect.poll(() => messages(second)).toEqual([]);
    expect(await badge(stranger).count()).toBe(0);
    expect(await serverCounts(harness.server, other)).toMatchObject({ unread: 0, unseen: 0 });
  });

  it("keeps keyboard focus in the panel when an action takes a notification out of the list", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await send(harness.server, user, "First");
    await send(harness.server, user, "Second");
    await badgeBecomes(page, "2");
    await bell(page).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => messages(page)).toEqual(["Second", "First"]);
    await page.keyboard.press("Tab"); // the notification "Second"
    await page.keyboard.press("Tab"); // its "Mark as read"
    await page.keyboard.press("Tab"); // its "Archive"
    await expect.poll(focused(page)).toBe("button:Archive");
    await page.keyboard.press("Enter");
    await expect.poll(() => messages(page)).toEqual(["First"]);
    await expect.poll(focused(page)).toMatch(/^article:/);
    // Mark all as read keeps focus though there is nothing left to read.
    await page.locator("edge-notify-inbox").getByRole("button", { name: "Mark all as read" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator('edge-notify-inbox article[data-read="false"]').count()).toBe(0);
    expect(await focused(page)()).toBe("button:Mark all as read");
    // Escape works from the bell too.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Escape");
    await expect.poll(focused(page)).toMatch(/^button:Notifications/);
    expect(await bell(page).getAttribute("aria-expanded")).toBe("false");
  });

  it("loads the next page by cursor as the list scrolls to its end", async () => {
    const user = uniqueUser();
    for (let n = 1; n <= 12; n++) await send(harness.server, user, `Note ${n}`);
    const page = await signedIn(harness, user, { query: "?page-size=5" });
    await badgeBecomes(page, "12");
    await bell(page).click();
    // Five do not fill the panel: the sentinel under them is in view and the next page comes at once;
    // ten do, so the third waits for a scroll.
    await expect.poll(async () => (await messages(page)).length).toBe(10);
    const scrollDown = () =>
      page.locator("edge-notify-inbox .body").evaluate((body: any) => {
        body.scrollTop = body.scrollHeight;
      });
    await expect
      .poll(async () => {
        await scrollDown();
        return (await messages(page)).length;
      })
      .toBe(12);
    expect((await messages(page)).at(-1)).toBe("Note 1");
    expect(await page.locator("edge-notify-inbox .sentinel").count()).toBe(0);
  });

  it("works from the keyboard alone: bell, tabs, a notification, its action, Escape back to the bell", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await send(harness.server, user, "Ada commented", {
      category: "comments",
      actions: [{ id: "reply", label: "Reply", url: "https://example.com/reply", style: "primary" }],
    });
    await badgeBecomes(page, "1");
    // The host hears the action and keeps the page (a cancelable event).
    await page.evaluate(() => {
      (globalThis as any).document.addEventListener("action-click", (event: any) => {
        event.preventDefault();
        (globalThis as any).clicked = `${event.detail.action.id}:${event.detail.item.notification.message}`;
      });
    });
    await bell(page).focus();
    await page.keyboard.press("Enter");
    await expect.poll(focused(page)).toBe("button:All");
    await page.keyboard.press("ArrowRight");
    await expect.poll(focused(page)).toMatch(/^button:Unread/);
    expect(await tab(page, "Unread").getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(focused(page)).toBe("button:All");
    // Each tab loads its list; the next Tab goes into it once it is there.
    await expect.poll(() => messages(page)).toEqual(["Ada commented"]);
    await page.keyboard.press("Tab");
    await expect.poll(focused(page)).toMatch(/^article:/);
    await page.keyboard.press("Tab");
    await expect.poll(focused(page)).toBe("a:Reply");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => (globalThis as any).clicked)).toBe("reply:Ada commented");
    expect(new URL(page.url()).hostname).toBe("127.0.0.1");
    // Clicking an action records the interaction, which reads it too.
    await expect.poll(async () => (await serverCounts(harness.server, user)).unread).toBe(0);
    await page.keyboard.press("Escape");
    await expect.poll(focused(page)).toMatch(/^button:Notifications/);
    expect(await bell(page).getAttribute("aria-expanded")).toBe("false");
  });

  it("turns a category off in the preferences view, on the server", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await send(harness.server, user, "Invoice paid", { category: "billing" });
    await badgeBecomes(page, "1");
    await bell(page).click();
    await inboxButton(page, "Notification settings").click();
    const billing = page.getByRole("switch", { name: "Billing" });
    expect(await billing.isChecked()).toBe(true);
    await billing.uncheck();
    await expect
      .poll(async () => (await serverPreferences(harness.server, user)).categories.billing?.enabled)
      .toBe(false);
    await inboxButton(page, "Back to notifications").click();
    await expect.poll(() => messages(page)).toEqual(["Invoice paid"]);
  });

  it("says when the browser is offline, and stops saying it when back", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await bell(page).click();
    await page.context().setOffline(true);
    const banner = page.locator("edge-notify-inbox [part~=banner-offline]");
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain("You are offline");
    await page.context().setOffline(false);
    await banner.waitFor({ state: "detached" });
    await send(harness.server, user, "Back online");
    await expect.poll(() => messages(page)).toEqual(["Back online"]);
  });

  it("takes the host's words, item renderer and colours", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await page.locator("edge-notify-inbox").evaluate((element: any) => {
      element.strings = {
        title: "Benachrichtigungen",
        bell: (n: number) => `Glocke, ${n} neu`,
        archive: "Archivieren",
      };
      element.renderItem = (item: any) => {
        const node = (globalThis as any).document.createElement("em");
        node.className = "custom";
        node.textContent = `Custom: ${item.notification.message}`;
        return node;
      };
      element.style.setProperty("--edge-notify-accent", "rgb(1, 2, 3)");
    });
    await send(harness.server, user, "Hallo");
    await expect.poll(() => bell(page).getAttribute("aria-label")).toBe("Glocke, 1 neu");
    expect(await badge(page).evaluate((node: any) => (globalThis as any).getComputedStyle(node).backgroundColor)).toBe(
      "rgb(1, 2, 3)",
    );
    await bell(page).click();
    await page.getByRole("heading", { name: "Benachrichtigungen" }).waitFor();
    expect(await page.locator("edge-notify-inbox article .custom").textContent()).toBe("Custom: Hallo");
    expect(await inboxButton(page, "Archivieren").count()).toBe(1);
  });

  it("tells the host about counts and clicks", async () => {
    const user = uniqueUser();
    const page = await signedIn(harness, user);
    await page.evaluate(() => {
      const log: string[] = [];
      (globalThis as any).events = log;
      (globalThis as any).document.addEventListener("counts-change", (event: any) =>
        log.push(`counts:${event.detail.counts.unseen}`),
      );
      (globalThis as any).document.addEventListener("notification-click", (event: any) => {
        event.preventDefault();
        log.push(`click:${event.detail.item.notification.message}`);
      });
    });
    await send(harness.server, user, "Hello");
    await badgeBecomes(page, "1");
    await bell(page).click();
    await page.locator("edge-notify-inbox article").click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as any).events))
      .toEqual(expect.arrayContaining(["counts:1", "counts:0", "click:Hello"]));
  });
});
