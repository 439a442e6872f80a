/**
 * For browser tests of a page built into a directory and served from its own origin (the React
 * example and the hooks fixture): `npm run dev`, the build, a static server and Chromium, started
 * before the tests and stopped after them. `available` is false when Chromium is missing (CI fails
 * instead of skipping).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serveDirectory } from "../../examples/react/serve.mjs";
import { type DevServer, startDevServer } from "./dev-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type BrowserSite = { server: DevServer; browser: Browser; site: { url: string; close: () => void } };

export function browserSite(what: string, build: (outdir: string) => Promise<unknown>) {
  const available = existsSync(CHROMIUM);
  if (!available) {
    const message = `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`;
    if (process.env.CI) throw new Error(message);
    console.warn(`SKIPPING ${what}. ${message}`);
  }
  const outdir = mkdtempSync(join(tmpdir(), "edge-notify-site-"));
  const state = {} as BrowserSite;
  beforeAll(async () => {
    if (!available) return;
    [state.server] = await Promise.all([startDevServer(), build(outdir)]);
    state.site = await serveDirectory(outdir);
    state.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 90_000);
  afterAll(async () => {
    await state.browser?.close();
    state.site?.close();
    state.server?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });
  return { available, state };
}
