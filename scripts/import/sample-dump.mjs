// A generated `dumpdata auth.user notifications` file with the original's real field layout
// (../shared/spec/original-behaviour-detailed.md §1): for the import's test, the benchmark, and
// for trying `npm run import` without a Django project:
//   node scripts/import/sample-dump.mjs dump.json [notifications=1000] [users=50]
import { once } from "node:events";
import { createWriteStream } from "node:fs";

const STATUSES = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "INACTIVE", "DRAFT", "REMOVED", "DELETED"];
const METHODS = ["POST", "PATCH", "GET", "DELETE", "PUT", "UNDEFINED"];

/** A small deterministic PRNG (mulberry32), so a test can regenerate what it imported. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join("");
const uuid4 = (rand) =>
  `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-${"89ab"[Math.floor(rand() * 4)]}${hex(rand, 3)}-${hex(rand, 12)}`;
/** DjangoJSONEncoder: milliseconds, "Z" (USE_TZ = True). */
const stamp = (ms) => new Date(ms).toISOString();

/** The records, in dumpdata's order: users, then notifications, then settings. */
export function* sampleRecords({ notifications = 1000, users = 50, seed = 1 } = {}) {
  const rand = random(seed);
  const base = Date.UTC(2024, 11, 14, 7, 32, 10);
  for (let pk = 1; pk <= users; pk++) {
    yield {
      model: "auth.user",
      pk,
      fields: {
        password: "pbkdf2_sha256$260000$salt$hash=",
        last_login: null,
        is_superuser: pk === 1,
        username: `user${pk}`,
        first_name: `First${pk}`,
        last_name: pk % 7 === 0 ? "" : `Last ${pk} ü`,
        email: `user${pk}@example.com`,
        is_staff: pk === 1,
        // Every 11th user was deactivated in Django.
        is_active: pk % 11 !== 0,
        date_joined: stamp(base - pk * 86_400_000),
        groups: [],
        user_permissions: [],
      },
    };
  }
  for (let pk = 1; pk <= notifications; pk++) {
    const user = 1 + Math.floor(rand() * users);
    const created = base + pk * 1000 + Math.floor(rand() * 999);
    const method = METHODS[Math.floor(rand() * METHODS.length)];
    const uid = uuid4(rand);
    yield {
      model: "notifications.notification",
      pk,
      fields: {
        // Every 5th uid undashed, as SQLite stores them.
        uid: pk % 5 === 0 ? uid.replaceAll("-", "") : uid,
        created_at: stamp(created),
        updated_at: stamp(created + Math.floor(rand() * 100_000)),
        user,
        notification: {
          message: `Notification ${pk} "quoted" \\ ✓`,
          model: pk % 3 === 0 ? "BlogPost" : "User",
          instance: { id: user, first_name: `First${user}`, last_name: "", email: `user${user}@example.com` },
          method,
          changed_data: method === "PATCH" ? { first_name: { original: "Old", new: `First${user}` } } : {},
        },
        is_read: rand() < 0.3,
        custom_info: pk % 4 === 0 ? { link: `/posts/${pk}`, tags: ["a", "b"] } : null,
        // The creator was deleted (SET NULL) for every 6th.
        created_by: pk % 6 === 0 ? null : 1 + Math.floor(rand() * users),
        status: STATUSES[Math.floor(rand() * STATUSES.length)],
      },
    };
  }
  // Users created before the app was installed have no settings row (every 5th); every 9th is off.
  let id = 0;
  for (let user = 1; user <= users; user++) {
    if (user % 5 === 0) continue;
    id += 1;
    yield {
      model: "notifications.notificationsettings",
      pk: id,
      fields: {
        uid: uuid4(rand),
        created_at: stamp(base),
        updated_at: stamp(base),
        user,
        is_enable_notification: user % 9 !== 0,
      },
    };
  }
}

/** Writes the records as dumpdata does (a JSON array, one record per line), with backpressure. */
export async function writeSampleDump(path, options = {}, extraLines = []) {
  const out = createWriteStream(path);
  let first = true;
  const write = async (text) => {
    if (!out.write(`${first ? "[" : ",\n"}${text}`)) await once(out, "drain");
    first = false;
  };
  for (const record of sampleRecords(options)) await write(JSON.stringify(record));
  for (const line of extraLines) await write(line);
  out.end(first ? "[]\n" : "]\n");
  await once(out, "finish");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path = "dump.json", notifications = "1000", users = "50"] = process.argv.slice(2);
  await writeSampleDump(path, { notifications: Number(notifications), users: Number(users) });
  console.log(
    `Wrote ${path}: ${users} users, ${notifications} notifications (django-notifications-websocket's dumpdata layout).`,
  );
}
