/**
 * The client as a stranger installs it: `npm pack` the workspace package, install the tarball
 * (with `ws`, as Node 20 needs) into a project outside this repository, and run a script there
 * against `npm run dev` that connects, receives counts, lists, marks read and closes; then a plain
 * page served from that project's directory (another origin) imports the package's browser bundle
 * and shows live counts in Chromium.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDirectory } from "../../examples/react/serve.mjs";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

let server: DevServer;
const project = mkdtempSync(join(tmpdir(), "edge-notify-consumer-"));
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let pages: { url: string; close: () => void } | undefined;

beforeAll(async () => {
  server = await startDevServer();
  npm(["pack", "-w", "@edge-notify/client", "--pack-destination", project], process.cwd());
  const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
  expect(tarball).toMatch(/^edge-notify-client-\d+\.\d+\.\d+\.tgz$/);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", "--prefer-offline", `./${tarball}`, "ws@8"], project);
}, 180_000);

afterAll(() => {
  pages?.close();
  server?.stop();
  rmSync(project, { recursive: true, force: true });
});

/** A dev token for `user`, as `npm run token` prints it. */
const tokenFor = (user: string) =>
  spawnSync(process.execPath, ["scripts/token.mjs", "--user", user], { encoding: "utf8" }).stdout.trim();

async function notify(user: string, message: string) {
  const create = await fetch(`${server.base}/api/v1/notifications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message, model: "Blog", instance: { id: 1 }, user_ids: [user] }),
  });
  expect(create.status).toBe(201);
}

const SCRIPT = `
import WebSocket from "ws";
import { NotificationsClient, NotificationsApiError } from "@edge-notify/client";

const [base, token, user] = process.argv.slice(2);
const client = new NotificationsClient({ baseUrl: base, getToken: () => token, WebSocket });
const counts = [];
client.onCounts((c) => counts.push(c));
client.connect();
const until = async (check) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error("timed out; counts so far: " + JSON.stringify(counts));
};
await until(() => counts.length > 0);
const feed = await client.list({ pageSize: 10 });
const changed = await client.markAsRead([feed.notifications[0].uid]);
await until(() => client.counts?.read_notifications === 1);
let refused = null;
try { await client.get("not-a-uid"); } catch (e) { refused = e instanceof NotificationsApiError ? e.status : String(e); }
client.close();
console.log(JSON.stringify({ first: counts[0], listed: feed.notifications.length, changed: changed.changed, last: client.counts, refused }));
`;

describe("the packed @edge-notify/client", () => {
  it("installs from its tarball outside the repository and works from Node 20 with ws", async () => {
    writeFileSync(join(project, "run.mjs"), SCRIPT);
    const user = `${Date.now()}7`;
    await notify(user, "packed");
    const run = spawnSync(process.execPath, ["run.mjs", server.base, tokenFor(user), user], {
      cwd: project,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      first: { total_notifications: 1, read_notifications: 0, unread_notifications: 1, unseen_notifications: 1 },
      listed: 1,
      changed: 1,
      last: { total_notifications: 1, read_notifications: 1, unread_notifications: 0, unseen_notifications: 0 },
      refused: 404,
    });
  }, 60_000);

  it("says what is missing when the runtime has no WebSocket and none is passed", () => {
    writeFileSync(
      join(project, "no-ws.mjs"),
      `import { NotificationsClient } from "@edge-notify/client";
delete globalThis.WebSocket; // Node 20 has none; Node 22 does
const client = new NotificationsClient({ baseUrl: "http://127.0.0.1:9", getToken: () => "t" });
try { client.connect(); console.log("connected"); } catch (error) { console.log(error.message); }`,
    );
    const run = spawnSync(process.execPath, ["no-ws.mjs"], { cwd: project, encoding: "utf8", timeout: 10_000 });
    expect(run.stdout).toMatch(/^No WebSocket in this runtime .*"ws"/);
  });

  it.skipIf(!existsSync(CHROMIUM))(
    "works in a plain page on another origin through its browser bundle, no bundler",
    async () => {
      const user = `${Date.now()}8`;
      // The page a newcomer writes: one module script importing the installed package's file.
      const html = `<!doctype html><meta charset="utf-8"><title>counts</title><p id="unread">...</p>
<script type="module">
  import { NotificationsClient } from "./node_modules/@edge-notify/client/dist/browser.js";
  const client = new NotificationsClient({ baseUrl: ${JSON.stringify(server.base)}, getToken: () => location.hash.slice(1) });
  client.onCounts((c) => (document.getElementById("unread").textContent = "unread " + c.unread_notifications));
  client.connect();
</script>`;
      writeFileSync(join(project, "index.html"), html);
      pages = await serveDirectory(project);
      const origin = pages.url;

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 360, height: 120 } });
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await page.goto(`${origin}/#${tokenFor(user)}`);
        await expect.poll(() => page.locator("#unread").textContent(), { timeout: 10_000 }).toBe("unread 0");
        await notify(user, "to the page");
        await expect.poll(() => page.locator("#unread").textContent(), { timeout: 5_000 }).toBe("unread 1");
        mkdirSync("test-artifacts", { recursive: true });
        await page.screenshot({ path: "test-artifacts/packed-client-page.png" });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe("the dev build (scripts/build-client.mjs, run by npm run build, pretest and npm run dev)", () => {
  it("builds dist/browser.js, the ./browser export, in a checkout that never ran prepack", async () => {
    // A copy of what the build reads, so the real checkout's dist (which other tests use) is untouched.
    const checkout = mkdtempSync(join(tmpdir(), "edge-notify-checkout-"));
    const alone = mkdtempSync(join(tmpdir(), "edge-notify-bundle-"));
    try {
      const paths = ["packages/client/src", "packages/client/scripts", "src/demo"];
      // The demo imports the inbox element, which the build makes too.
      paths.push("packages/inbox/src", "packages/inbox/scripts");
      // And @edge-notify/react on top of both.
      paths.push("packages/react/src");
      for (const path of paths) {
        cpSync(path, join(checkout, path), { recursive: true });
      }
      const files = ["packages/client/package.json", "packages/client/tsconfig.json"];
      files.push("packages/inbox/package.json", "packages/inbox/tsconfig.json");
      files.push("packages/react/package.json", "packages/react/tsconfig.json");
      for (const file of files) {
        cpSync(file, join(checkout, file));
      }
      symlinkSync(resolve("node_modules"), join(checkout, "node_modules"));
      const build = () =>
        spawnSync(process.execPath, [resolve("scripts/build-client.mjs")], { cwd: checkout, encoding: "utf8" });
      const bundle = join(checkout, "packages/client/dist/browser.js");

      const first = build();
      expect(first.status, first.stderr).toBe(0);
      expect(existsSync(bundle)).toBe(true);
      // The packages on top of the client are built too (the e2e tests of the element and the React example import them).
      for (const built of [
        "packages/inbox/dist/index.js",
        "packages/react/dist/index.js",
        "packages/react/dist/index.d.ts",
      ]) {
        expect(existsSync(join(checkout, built)), built).toBe(true);
      }
      // One file (a page without a bundler resolves no bare import):
      // it loads alone, away from any node_modules.
      cpSync(bundle, join(alone, "browser.mjs"));
      cpSync(`${bundle}.map`, join(alone, "browser.js.map"));
      const { NotificationsClient } = await import(pathToFileURL(join(alone, "browser.mjs")).href);
      expect(typeof NotificationsClient.prototype.archiveAll).toBe("function");

      expect(build().stdout).toContain("up to date");
      rmSync(bundle);
      expect(build().stdout).not.toContain("up to date");
      expect(existsSync(bundle)).toBe(true);
      // The package manifest and the bundle script are inputs: changing either rebuilds.
      for (const input of ["packages/client/package.json", "packages/client/scripts/bundle.mjs"]) {
        writeFileSync(join(checkout, input), `${readFileSync(join(checkout, input), "utf8")}\n`);
        expect(build().stdout, input).not.toContain("up to date");
      }
    } finally {
      rmSync(checkout, { recursive: true, force: true });
      rmSync(alone, { recursive: true, force: true });
    }
  }, 120_000);
});
