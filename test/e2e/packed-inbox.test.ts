/**
 * The inbox element as a stranger installs it: `npm pack` the workspace package, check what the
 * tarball holds, then serve a plain page on another origin that is exactly the README's three
 * lines (the package's browser bundle, the tag, getToken) and see it live in Chromium.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../../examples/react/serve.mjs";
import { available, send } from "./demo-page";
import { type DevServer, startDevServer } from "./dev-server";

let server: DevServer;
let pages: { url: string; close: () => void } | undefined;
const project = mkdtempSync(join(tmpdir(), "edge-notify-inbox-consumer-"));

beforeAll(async () => {
  server = await startDevServer();
  execFileSync("npm", ["pack", "-w", "@edge-notify/inbox", "--pack-destination", project, "--loglevel=error"], {
    encoding: "utf8",
  });
  const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
  expect(tarball).toMatch(/^edge-notify-inbox-\d+\.\d+\.\d+\.tgz$/);
  mkdirSync(join(project, "node_modules/@edge-notify/inbox"), { recursive: true });
  execFileSync("tar", ["-xzf", tarball as string, "-C", "node_modules/@edge-notify/inbox", "--strip-components=1"], {
    cwd: project,
  });
}, 120_000);

afterAll(() => {
  pages?.close();
  server?.stop();
  rmSync(project, { recursive: true, force: true });
});

const tokenFor = (user: string) =>
  spawnSync(process.execPath, ["scripts/token.mjs", "--user", user], { encoding: "utf8" }).stdout.trim();

describe("@edge-notify/inbox, packed", () => {
  it("ships its modules, types, browser bundle and README, no sources", () => {
    const root = join(project, "node_modules/@edge-notify/inbox");
    for (const file of ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/browser.js"]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    expect(existsSync(join(root, "src"))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(manifest.exports["./browser"].import).toBe("./dist/browser.js");
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@edge-notify/client", "lit"]);
  });

  it.skipIf(!available)(
    "works as the README's three lines in a plain page on another origin",
    async () => {
      const user = `${Date.now()}9`;
      const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>three lines</title><body>
<script type="module" src="./node_modules/@edge-notify/inbox/dist/browser.js"></script>
<edge-notify-inbox base-url=${JSON.stringify(server.base)}></edge-notify-inbox>
<script type="module">document.querySelector("edge-notify-inbox").getToken = () => location.hash.slice(1);</script>
</body></html>`;
      writeFileSync(join(project, "index.html"), html);
      pages = await serveDirectory(project);
      const origin = pages.url;

      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 480, height: 400 } });
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await page.goto(`${origin}/#${tokenFor(user)}`);
        const bell = page.locator("edge-notify-inbox .bell");
        await expect.poll(() => bell.getAttribute("aria-label"), { timeout: 10_000 }).toBe("Notifications");
        await send(server, user, "From another origin");
        await expect.poll(() => bell.getAttribute("aria-label"), { timeout: 5_000 }).toBe("Notifications, 1 new");
        await bell.click();
        await expect
          .poll(() => page.locator("edge-notify-inbox article .text").allTextContents())
          .toEqual(["From another origin"]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
