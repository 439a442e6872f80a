/**
 * Property: whatever mix of writes a user goes through (creates, queued fan-out chunks, actions,
 * detail reads and edits, expiries, preference changes, the import's recount), the events.v1
 * outbox holds exactly one row per counts version 1..current (no gap, no duplicate), and the
 * newest row's counts are the counts REST reports.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { d1Statement } from "../src/db/sql";
import { findJob, planJob, writePendingChunk } from "../src/fanout/jobs";
import { recountUsers } from "../src/notifications/counts";
import { restCounts } from "./events-helpers";
import { feed, notify, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";
const CATEGORIES = ["alpha", "beta"];

type Op =
  | { kind: "create"; category: string; expiring: boolean }
  | { kind: "fanout"; twice: boolean }
  | { kind: "act"; choice: string; pick: number }
  | { kind: "open" | "expire"; pick: number }
  | { kind: "patch"; pick: number; status: string | null }
  | { kind: "prefs"; category: string; on: boolean }
  | { kind: "recount" };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    category: fc.constantFrom(...CATEGORIES),
    expiring: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("fanout" as const), twice: fc.boolean() }),
  fc.record({
    kind: fc.constant("act" as const),
    choice: fc.constantFrom("MARK_AS_READ", "MARK_AS_UNREAD", "ARCHIVE", "MARK_AS_REMOVED", "MARK_ALL_AS_SEEN"),
    pick: fc.nat(10),
  }),
  fc.record({ kind: fc.constantFrom("open" as const, "expire" as const), pick: fc.nat(10) }),
  fc.record({
    kind: fc.constant("patch" as const),
    pick: fc.nat(10),
    status: fc.option(fc.constantFrom("INACTIVE", "REMOVED"), { nil: null }),
  }),
  fc.record({ kind: fc.constant("prefs" as const), category: fc.constantFrom(...CATEGORIES), on: fc.boolean() }),
  fc.record({ kind: fc.constant("recount" as const) }),
);

async function outbox(user: string) {
  const { results } = await env.DB.prepare(
    "SELECT version, counts FROM inbox_events WHERE user_id = ? ORDER BY version",
  )
    .bind(user)
    .all<{ version: number; counts: string }>();
  const row = await env.DB.prepare("SELECT counts_version AS v FROM users WHERE id = ?")
    .bind(user)
    .first<{ v: number }>();
  return { versions: results.map((r) => r.version), last: results.at(-1), current: row?.v ?? 0 };
}

/** A queued fan-out's chunk for this user, written as the consumer writes it (twice: a redelivery). */
async function fanout(user: string, twice: boolean) {
  const db = createDb(env.DB);
  const plan = planJob(db, {
    document: { message: "f", model: "Blog", instance: {}, method: "POST", changed_data: {} },
    customInfo: null,
    createdBy: null,
    fields: { category: "alpha", tags: null, actionUrl: null, actions: null, expiresAt: null, groupKey: null },
    recipients: [user],
  });
  await env.DB.batch(plan.statements);
  const job = await findJob(db, plan.id);
  if (!job) throw new Error("job not stored");
  await writePendingChunk(db, job, 0);
  // A redelivery after the pending row was released writes nothing; one before it, as the
  // pre-0004 path does, inserts nothing new but still bumps: both must keep the outbox whole.
  if (twice) await writePendingChunk(db, job, 0);
}

describe("the events.v1 outbox", () => {
  it("holds one row per version 1..current after any mix of writes", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 15 }), async (ops) => {
        const id = uniqueUserId();
        const user = String(id);
        const uids: string[] = [];
        for (const step of ops) {
          const pick = (i: number) => uids[i % Math.max(1, uids.length)];
          if (step.kind === "create") {
            const expires = step.expiring ? { expires_at: new Date(Date.now() + 3_600_000).toISOString() } : {};
            uids.push(...(await notify({ user_ids: [id], category: step.category, ...expires })));
          } else if (step.kind === "fanout") {
            await fanout(user, step.twice);
          } else if (step.kind === "prefs") {
            const body = { categories: { [step.category]: step.on } };
            expect((await userCall(id, "/api/v1/me/preferences", { method: "PATCH", body })).status).toBe(200);
          } else if (step.kind === "recount") {
            const db = createDb(env.DB);
            await env.DB.batch(recountUsers([user]).map((query) => d1Statement(db, query)));
          } else if (uids.length === 0) {
            continue;
          } else if (step.kind === "act") {
            const body = step.choice.includes("_ALL")
              ? { action_choice: step.choice }
              : { action_choice: step.choice, notification_uids: [pick(step.pick)] };
            expect((await userCall(id, FEED, { method: "PATCH", body })).status).toBe(200);
          } else if (step.kind === "open") {
            await userCall(id, `${FEED}/${pick(step.pick)}`);
          } else if (step.kind === "patch") {
            const body = { is_read: true, ...(step.status && { status: step.status }) };
            await userCall(id, `${FEED}/${pick(step.pick)}`, { method: "PATCH", body });
          } else {
            await env.DB.prepare("UPDATE notifications SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE uid = ?")
              .bind(pick(step.pick))
              .run();
            await env.DB.prepare("UPDATE users SET next_expiry_at = '2000-01-01T00:00:00.000000Z' WHERE id = ?")
              .bind(user)
              .run();
            await feed(id);
          }
          const { versions, last, current } = await outbox(user);
          expect(versions, JSON.stringify(step)).toEqual(Array.from({ length: current }, (_, i) => i + 1));
          if (last) expect(JSON.parse(last.counts), JSON.stringify(step)).toEqual(await restCounts(id));
        }
      }),
      { numRuns: 20 },
    );
  });
});
