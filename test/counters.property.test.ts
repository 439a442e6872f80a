/**
 * Property: whatever sequence of creates, actions, detail reads and edits and expiries a user goes
 * through, every counter (the original three, unseen, archived, per category) equals a recount
 * from the rows after each step, and the counts version only goes up.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { feed, notify, uniqueUserId, userCall } from "./helpers";

const FEED = "/api/v1/me/notifications";
const CATEGORIES = ["alpha", "beta", "gamma"];

type Op =
  | { kind: "create"; category: string; group: string | null; expiring: boolean }
  | { kind: "act"; choice: string; pick: number[]; before: boolean }
  | { kind: "open"; pick: number }
  | { kind: "patch"; pick: number; isRead: boolean; status: string | null }
  | { kind: "expire"; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    category: fc.constantFrom(...CATEGORIES),
    group: fc.option(fc.constantFrom("g1", "g2"), { nil: null }),
    expiring: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("act" as const),
    choice: fc.constantFrom(
      "MARK_AS_READ",
      "MARK_AS_UNREAD",
      "MARK_AS_SEEN",
      "ARCHIVE",
      "UNARCHIVE",
      "MARK_AS_REMOVED",
      "MARK_AS_INTERACTED",
      "MARK_ALL_AS_READ",
      "MARK_ALL_AS_SEEN",
      "ARCHIVE_ALL",
      "ARCHIVE_ALL_READ",
    ),
    pick: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
    before: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("open" as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant("patch" as const),
    pick: fc.nat(20),
    isRead: fc.boolean(),
    status: fc.option(fc.constantFrom("ACTIVE", "INACTIVE", "REMOVED"), { nil: null }),
  }),
  fc.record({ kind: fc.constant("expire" as const), pick: fc.nat(20) }),
);

/** The counters as stored, and as recounted from the rows. */
async function stored(user: string) {
  const row = await env.DB.prepare(
    "SELECT total_notifications AS total, read_notifications AS read, unseen_notifications AS unseen, archived_notifications AS archived, counts_version AS version FROM users WHERE id = ?",
  )
    .bind(user)
    .first<Record<string, number>>();
  const { results: categories } = await env.DB.prepare(
    "SELECT category, total, unread, unseen FROM user_category_counts WHERE user_id = ? AND total > 0 ORDER BY category",
  )
    .bind(user)
    .all();
  return { row, categories };
}

async function recounted(user: string) {
  const row = await env.DB.prepare(
    `SELECT coalesce(sum(inbox = 0), 0) AS total, coalesce(sum(inbox = 0 AND is_read), 0) AS read,
       coalesce(sum(inbox = 0 AND seen_at IS NULL), 0) AS unseen, coalesce(sum(inbox = 1), 0) AS archived
     FROM notifications WHERE user_id = ?`,
  )
    .bind(user)
    .first<Record<string, number>>();
  const { results: categories } = await env.DB.prepare(
    `SELECT category, count(*) AS total, sum(is_read = 0) AS unread, sum(seen_at IS NULL) AS unseen
     FROM notifications WHERE user_id = ? AND inbox = 0 GROUP BY category ORDER BY category`,
  )
    .bind(user)
    .all();
  return { row, categories };
}

describe("counters", () => {
  it("equal a recount from the rows after every step of any sequence", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const id = uniqueUserId();
        const user = String(id);
        const uids: string[] = [];
        let version = -1;
        for (const step of ops) {
          const pick = (i: number) => uids[i % Math.max(1, uids.length)];
          if (step.kind === "create") {
            const expires = step.expiring ? { expires_at: new Date(Date.now() + 3_600_000).toISOString() } : {};
            const group = step.group ? { group_key: step.group } : {};
            uids.push(...(await notify({ user_ids: [id], category: step.category, ...group, ...expires })));
          } else if (uids.length === 0) {
            continue;
          } else if (step.kind === "act") {
            const all = step.choice.includes("_ALL");
            const before =
              all && step.before ? { before: (await feed(id, "?archived=include")).notifications.at(-1)?.id ?? 1 } : {};
            const body = all
              ? { action_choice: step.choice, ...before }
              : { action_choice: step.choice, notification_uids: [...new Set(step.pick.map(pick))] };
            expect((await userCall(id, FEED, { method: "PATCH", body })).status).toBe(200);
          } else if (step.kind === "open") {
            await userCall(id, `${FEED}/${pick(step.pick)}`);
          } else if (step.kind === "patch") {
            const body = { is_read: step.isRead, ...(step.status && { status: step.status }) };
            await userCall(id, `${FEED}/${pick(step.pick)}`, { method: "PATCH", body });
          } else {
            // The clock passes the expiry of one notification; the next read expires it.
            await env.DB.prepare(
              "UPDATE notifications SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE uid = ? AND expires_at IS NOT NULL",
            )
              .bind(pick(step.pick))
              .run();
            await env.DB.prepare("UPDATE users SET next_expiry_at = '2000-01-01T00:00:00.000000Z' WHERE id = ?")
              .bind(user)
              .run();
            await feed(id);
          }
          const [now, truth] = [await stored(user), await recounted(user)];
          const { version: v, ...counters } = now.row ?? { version: 0 };
          expect(counters, JSON.stringify(step)).toEqual(truth.row);
          expect(now.categories, JSON.stringify(step)).toEqual(truth.categories);
          expect(v).toBeGreaterThanOrEqual(version);
          version = v ?? version;
        }
      }),
      { numRuns: 25 },
    );
  });
});
