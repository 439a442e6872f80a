/**
 * The client as a stranger installs it: `npm pack` the workspace package, install the tarball
 * (with `ws`, as Node 20 needs) into a project outside this repository, and run a script there
 * against `npm run dev` that connects, receives counts, lists, marks read and closes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

let server: DevServer;
const project = mkdtempSync(join(tmpdir(), "edge-notify-consumer-"));
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

beforeAll(async () => {
  server = await startDevServer();
}, 90_000);

afterAll(() => {
  server?.stop();
  rmSync(project, { recursive: true, force: true });
});

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
    npm(["pack", "-w", "@edge-notify/client", "--pack-destination", project], process.cwd());
    const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"));
    expect(tarball).toMatch(/^edge-notify-client-\d+\.\d+\.\d+\.tgz$/);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    npm(["install", "--prefer-offline", `./${tarball}`, "ws@8"], project);
    writeFileSync(join(project, "run.mjs"), SCRIPT);

    const user = `${Date.now()}7`;
    const create = await fetch(`${server.base}/api/v1/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "packed", model: "Blog", instance: { id: 1 }, user_ids: [user, user + 1] }),
    });
    expect(create.status).toBe(201);
    const token = spawnSync(process.execPath, ["scripts/token.mjs", "--user", user], {
      encoding: "utf8",
    }).stdout.trim();

    const run = spawnSync(process.execPath, ["run.mjs", server.base, token, user], { cwd: project, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      first: { total_notifications: 1, read_notifications: 0, unread_notifications: 1 },
      listed: 1,
      changed: 1,
      last: { total_notifications: 1, read_notifications: 1, unread_notifications: 0 },
      refused: 404,
    });
  }, 120_000);
});
