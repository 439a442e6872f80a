/**
 * The API reference (/docs) in Debian's Chromium against `npm run dev`: every asset from the
 * worker itself (no other host is contacted), no CSP violation, every operation rendered. A
 * screenshot is kept in test-artifacts/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "./dev-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);

let server: DevServer;

beforeAll(async () => {
  if (available) server = await startDevServer();
}, 90_000);

afterAll(() => server?.stop());

describe.skipIf(!available)("/docs", () => {
  it("renders the OpenAPI document offline, under the strict CSP", async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const elsewhere: string[] = [];
      const problems: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(server.base) && !request.url().startsWith("data:")) elsewhere.push(request.url());
      });
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(String(error)));

      await page.goto(`${server.base}/docs`);
      await page.locator(".opblock").first().waitFor({ timeout: 15_000 });
      const document = (await (await fetch(`${server.base}/openapi.json`)).json()) as { paths: object };
      const operations = Object.values(document.paths).flatMap((ops) => Object.keys(ops)).length;
      expect(await page.locator(".opblock").count()).toBe(operations);
      await expect(page.locator(".title").first().textContent()).resolves.toContain("edge-notify");

      mkdirSync("test-artifacts", { recursive: true });
      await page.screenshot({ path: "test-artifacts/docs.png", fullPage: false });
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
