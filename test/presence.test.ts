import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { setListening } from "../src/users/service";
import { counts, notify, socketFor, uniqueUserId } from "./helpers";

/** D1 that adds up the rows its statements changed (`meta.changes`). */
function counting(d1: D1Database) {
  const seen = { changes: 0 };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (typeof value !== "function") return value;
        if (name === "bind") return (...args: unknown[]) => wrap(value.apply(target, args));
        return async (...args: unknown[]) => {
          const result = await value.apply(target, args);
          seen.changes += (result as { meta?: { changes?: number } } | null)?.meta?.changes ?? 0;
          return result;
        };
      },
    });
  const db = new Proxy(d1, {
    get(target, name) {
      const value = Reflect.get(target, name, target);
      if (name === "prepare") return (sql: string) => wrap(target.prepare(sql));
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, seen };
}

const flag = async (user: number) =>
  (await env.DB.prepare("SELECT has_sockets FROM users WHERE id = ?").bind(String(user)).first())?.has_sockets;

describe("the presence flag", () => {
  it("a hub setting a flag that is already on (every hub after a restart) rewrites no row", async () => {
    const user = uniqueUserId();
    const first = counting(env.DB);
    await setListening(createDb(first.db), String(user), true);
    expect(first.seen.changes).toBe(1); // an unknown user is registered, flag on
    expect(await flag(user)).toBe(1);

    const again = counting(env.DB);
    await setListening(createDb(again.db), String(user), true);
    expect(again.seen.changes).toBe(0);
    expect(await flag(user)).toBe(1);

    await setListening(createDb(env.DB), String(user), false);
    const on = counting(env.DB);
    await setListening(createDb(on.db), String(user), true);
    expect(on.seen.changes).toBe(1);
    expect(await flag(user)).toBe(1);
  });

  it("a socket whose hub found the flag already on still gets pushes", async () => {
    const user = uniqueUserId();
    // As a restart leaves it: the flag on, the hub new and unsure what D1 holds.
    await setListening(createDb(env.DB), String(user), true);
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    await notify({ user_ids: [user] });
    expect(await socket.next(1)).toEqual(counts(1, 0));
    socket.close();
  });
});
