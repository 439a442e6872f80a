/**
 * `npm run import` end to end: a generated dump with the original's dumpdata layout is imported
 * into the local D1 of a `npm run dev`, then read back through the REST API (every user's counts,
 * every field of a sample). Also: a second run imports nothing twice, an interrupted run resumes,
 * and the SQL-file path of --remote writes the same rows.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { sampleRecords, writeSampleDump } from "../../scripts/import/sample-dump.mjs";
import { signHmacToken } from "../../src/auth/hmac";
import { type DevServer, startDevServer } from "./dev-server";

const OPTIONS = { notifications: 600, users: 30, seed: 7 };
const BROKEN = [
  '{"model":"notifications.notification","pk":9001,"fields":{"uid":"not-a-uuid","user":1}}',
  '{"model":"notifications.notification","pk":9002,"fields":{"uid": }}',
  '{"model":"auth.group","pk":1,"fields":{"name":"editors","permissions":[]}}',
];
const dir = mkdtempSync(join(tmpdir(), "edge-notify-import-test-"));
const dump = join(dir, "dump.json");
const records = [...sampleRecords(OPTIONS)] as any[];
const notes = records.filter((r) => r.model === "notifications.notification");
// The same id as the first notification under another uid: a conflict, found in the database.
const clash = { ...notes[0], fields: { ...notes[0].fields, uid: "11111111-2222-4333-8444-555555555555" } };

function runImport(args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/import.mjs", ...args, "--json"], { encoding: "utf8" });
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  expect(line.startsWith("{"), `${run.stdout}\n${run.stderr}`).toBe(true);
  return { status: run.status, summary: JSON.parse(line) };
}

/** Rows of a query on the local D1 in `state` (wrangler d1 execute --json). */
function sqlLocal(state: string, command: string): any[] {
  const run = spawnSync(
    process.execPath,
    [
      "node_modules/wrangler/bin/wrangler.js",
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      state,
      "--json",
      "--command",
      command,
    ],
    { encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout)[0].results;
}

let server: DevServer;
let first: ReturnType<typeof runImport>;
let second: ReturnType<typeof runImport>;

beforeAll(async () => {
  await writeSampleDump(dump, OPTIONS, [...BROKEN, JSON.stringify(clash)]);
  server = await startDevServer({
    before: async (state: string) => {
      first = runImport([dump, "--persist-to", state]);
      second = runImport([dump, "--persist-to", state]);
    },
  });
}, 120_000);

afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const SERVICE = { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" };
async function api(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.base}${path}`, { ...init, headers: { ...SERVICE, ...init.headers } });
  return { status: response.status, json: (await response.json()) as any };
}

const dashed = (uid: string) =>
  uid.includes("-")
    ? uid
    : `${uid.slice(0, 8)}-${uid.slice(8, 12)}-${uid.slice(12, 16)}-${uid.slice(16, 20)}-${uid.slice(20)}`;
const micro = (stamp: string) => stamp.replace(/\.(\d{3})Z$/, ".$1000Z");
const userOf = (pk: number) => records.find((r) => r.model === "auth.user" && r.pk === pk);
const summaryOf = (pk: number) => {
  const u = userOf(pk).fields;
  return { id: pk, first_name: u.first_name, last_name: u.last_name, email: u.email };
};

describe("npm run import", () => {
  it("imports every valid record and refuses the broken ones with their positions", () => {
    expect(first.status).toBe(2);
    const t = first.summary.totals;
    expect(t).toMatchObject({ users: 30, imported: 600, skipped: 0, refused: 3, ignored: { "auth.group": 1 } });
    expect(t.switches).toBe(24);
    const reasons = first.summary.refused.map((r: any) => [r.index, r.reason]);
    const after = records.length;
    expect(reasons).toEqual([
      [after + 1, 'uid is not a UUID: "not-a-uuid"'],
      [after + 2, expect.stringMatching(/^not JSON/)],
      // In the same batch as the first notification: found before writing.
      [after + 4, `uid ${clash.fields.uid} or id 1 repeats an earlier record with other values`],
    ]);
    expect(first.summary.refused[0].line).toBe(after + 1);
  });

  it("a second run imports nothing twice", () => {
    expect(second.summary.totals).toMatchObject({ imported: 0, skipped: 600, refused: 3, usersChanged: 0 });
    expect(second.summary.totals.switchesChanged).toBe(0);
    // Now found in the database.
    expect(second.summary.refused[2].reason).toBe(
      `id 1 is already used by notification ${dashed(notes[0].fields.uid)}`,
    );
  });

  it("keeps every user's profile, switch and counts", async () => {
    for (const user of records.filter((r) => r.model === "auth.user")) {
      const settings = records.find(
        (r) => r.model === "notifications.notificationsettings" && r.fields.user === user.pk,
      );
      const profile = await api(`/api/v1/users/${user.pk}`);
      expect(profile.json).toMatchObject({
        ...summaryOf(user.pk),
        is_active: user.fields.is_active,
        // No settings row (the original failed for them): on.
        notifications_enabled: settings ? settings.fields.is_enable_notification : true,
        created_at: micro(user.fields.date_joined),
      });
      if (!profile.json.is_active || !profile.json.notifications_enabled) {
        await api(`/api/v1/users/${user.pk}`, {
          method: "PATCH",
          body: '{"is_active":true,"notifications_enabled":true}',
        });
      }
      const mine = notes.filter((n) => n.fields.user === user.pk && n.fields.status === "ACTIVE");
      const feed = await api(`/api/v1/users/${user.pk}/notifications?page_size=100`);
      expect(feed.status).toBe(200);
      expect(feed.json).toMatchObject({
        total_notifications: mine.length,
        read_notifications: mine.filter((n) => n.fields.is_read).length,
      });
      expect(feed.json.notifications.map((n: any) => n.id)).toEqual(mine.map((n) => n.pk).reverse());
    }
  });

  it("keeps every field of a sample, as the user's own feed shows it", async () => {
    const sample = notes.filter((n) => n.fields.status === "ACTIVE").filter((_, i) => i % 23 === 0);
    expect(sample.length).toBeGreaterThan(5);
    for (const note of sample) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { token_type: "access", exp: now + 300, iat: now, user_id: note.fields.user };
      const token = await signHmacToken(claims, DEV_DEFAULTS.JWT_SECRET);
      const response = await fetch(`${server.base}/api/v1/me/notifications?page_size=100`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const item = ((await response.json()) as any).notifications.find((n: any) => n.id === note.pk);
      expect(item).toEqual({
        id: note.pk,
        uid: dashed(note.fields.uid),
        user: summaryOf(note.fields.user),
        notification: note.fields.notification,
        is_read: note.fields.is_read,
        custom_info: note.fields.custom_info,
        created_by: note.fields.created_by === null ? null : summaryOf(note.fields.created_by),
        status: "ACTIVE",
        created_at: micro(note.fields.created_at),
        updated_at: micro(note.fields.updated_at),
        // The inbox model's fields, as the import sets them: the model is the category, and a
        // read notification was seen and read when it last changed.
        category: note.fields.notification.model,
        tags: [],
        action_url: null,
        actions: [],
        group_key: null,
        expires_at: null,
        seen_at: note.fields.is_read ? micro(note.fields.updated_at) : null,
        read_at: note.fields.is_read ? micro(note.fields.updated_at) : null,
        archived_at: null,
        interacted_at: null,
        interacted_action: null,
      });
      expect(Object.keys(item.notification)).toEqual(Object.keys(note.fields.notification));
    }
  });

  it("keeps statuses other than ACTIVE (the model look-up sees every status)", async () => {
    const page = await api("/api/v1/notifications?model=BlogPost&page_size=100");
    const byId = new Map(page.json.notifications.map((n: any) => [n.id, n.status]));
    const blog = notes.filter((n) => n.fields.notification.model === "BlogPost").slice(-100);
    for (const note of blog) expect(byId.get(note.pk), `notification ${note.pk}`).toBe(note.fields.status);
    expect(new Set(byId.values()).size).toBeGreaterThan(2);
  });

  it("continues the id sequence above the imported ids", async () => {
    const created = await api("/api/v1/notifications", {
      method: "POST",
      body: JSON.stringify({ message: "after", model: "Blog", instance: { id: 1 }, user_ids: [1] }),
    });
    expect(created.status).toBe(201);
    const feed = await api("/api/v1/users/1/notifications?page_size=1");
    expect(feed.json.notifications[0].uid).toBe(created.json.uids[0]);
    expect(feed.json.notifications[0].id).toBe(601);
  });
});

describe("npm run import, interrupted and by SQL files", () => {
  it("resumes an interrupted run where it stopped, and stores every row once", async () => {
    const big = join(dir, "big.json");
    await writeSampleDump(big, { notifications: 3000, users: 40, seed: 3 });
    const state = join(dir, "resume-state");
    const child = spawn(process.execPath, [
      "scripts/import.mjs",
      big,
      "--persist-to",
      state,
      "--batch",
      "25",
      "--json",
    ]);
    const progress = `${big}.import-state.json`;
    for (let i = 0; i < 600 && !existsSync(progress); i++) await new Promise((r) => setTimeout(r, 25));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(existsSync(progress), "the run finished before it could be interrupted").toBe(true);
    const resumed = runImport([big, "--persist-to", state]);
    expect(resumed.summary.resumedAt).toBeGreaterThan(1);
    const t = resumed.summary.totals;
    expect(t.imported + t.skipped).toBe(3000);
    expect(existsSync(progress)).toBe(false);
    const again = runImport([big, "--persist-to", state]);
    expect(again.summary.totals).toMatchObject({ imported: 0, skipped: 3000, refused: 0 });
    // The resumed run rebuilt every user's counters, the interrupted run's users included.
    const active = "FROM notifications n WHERE n.user_id = u.id AND n.status = 'ACTIVE'";
    const [check] = sqlLocal(
      state,
      `SELECT count(*) AS users, sum(total_notifications) AS total,
        sum(total_notifications != (SELECT count(*) ${active})
          OR read_notifications != (SELECT count(*) ${active} AND n.is_read = 1)) AS wrong FROM users u`,
    );
    expect(check).toMatchObject({ users: 40, wrong: 0 });
    expect(check.total).toBeGreaterThan(1000);
  }, 120_000);

  it("--sql-files (the path of --remote) writes the same rows", () => {
    const state = join(dir, "files-state");
    const viaFiles = runImport([dump, "--persist-to", state, "--sql-files"]);
    expect(viaFiles.summary.totals).toMatchObject({ sent: 601, refused: 2 });
    const check = runImport([dump, "--persist-to", state]);
    expect(check.summary.totals).toMatchObject({ imported: 0, skipped: 600, refused: 3 });
  }, 120_000);
});
