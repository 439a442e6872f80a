import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { UserHub } from "../src/realtime/user-hub";
import { counts, feed, notify, socketFor, uniqueUserId, userCall } from "./helpers";

const hubOf = (user: number) => env.USER_HUB.getByName(String(user));

/** Makes every hub's countsChanged fail (RPC only sees prototype methods) until the returned undo runs. */
async function breakPushes(user: number, failure: () => Promise<void>): Promise<() => Promise<void>> {
  let original: unknown;
  await runInDurableObject(hubOf(user), (hub: UserHub) => {
    const proto = Object.getPrototypeOf(hub) as Record<string, unknown>;
    original = proto.countsChanged;
    proto.countsChanged = failure;
  });
  return () =>
    runInDurableObject(hubOf(user), (hub: UserHub) => {
      (Object.getPrototypeOf(hub) as Record<string, unknown>).countsChanged = original;
    });
}

describe("faults", () => {
  it("a hub that throws never fails the committed write; counts converge on the next push", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const repair = await breakPushes(user, async () => {
      throw new Error("hub is on fire");
    });
    const uids = await notify({ user_ids: [user] });
    expect(uids).toHaveLength(1);
    expect(await feed(user)).toMatchObject(counts(1, 0));
    // The hub recovers; the next change brings the socket to D1's counts.
    await repair();
    await userCall(user, `/api/v1/me/notifications/${uids[0]}`);
    await socket.until((frames) => JSON.stringify(frames.at(-1)) === JSON.stringify(counts(1, 1)), "converged counts");
    socket.close();
  });

  it("a failed push is repaired by the client's refresh or by reconnecting", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    await socket.next(0);
    const repair = await breakPushes(user, () => Promise.reject(new Error("lost")));
    await notify({ user_ids: [user] });
    await repair();
    socket.send("refresh");
    await socket.until((frames) => JSON.stringify(frames.at(-1)) === JSON.stringify(counts(1, 0)), "refreshed counts");
    const fresh = await socketFor(user);
    expect(await fresh.next(0)).toEqual(counts(1, 0));
    socket.close();
    fresh.close();
  });

  it("sockets survive the hub's eviction (hibernation) and the next frame after wake-up is right", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(1, 0));
    await evictDurableObject(hubOf(user));
    await notify({ user_ids: [user] });
    expect(await socket.next(1)).toEqual(counts(2, 0));
    await evictDurableObject(hubOf(user));
    socket.send("after another eviction");
    expect(await socket.next(2)).toEqual(counts(2, 0));
    expect(socket.closed).toBeNull();
    socket.close();
  });
});

describe("presence", () => {
  it("a presence write that fails while a socket connects is repaired by the alarm, which catches the socket up", {
    timeout: 15_000,
  }, async () => {
    const user = uniqueUserId();
    const hub = hubOf(user);
    type Internals = { presence: { env: Env; chain: Promise<void>; unsure: boolean } };
    // D1 refuses the hub's presence writes (the socket's snapshot reads still work).
    const refusing = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error("D1 is down");
        },
      },
    ) as D1Database;
    await runInDurableObject(hub, (instance: UserHub) => {
      (instance as unknown as Internals).presence.env = { ...env, DB: refusing };
    });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const unsure = await runInDurableObject(hub, async (instance: UserHub) => {
      const { presence } = instance as unknown as Internals;
      await presence.chain; // the retries give up
      presence.env = env; // D1 is back
      return presence.unsure;
    });
    expect(unsure).toBe(true);
    // While D1 does not know about the socket, a write does not push to it...
    await notify({ user_ids: [user] });
    expect(await feed(user)).toMatchObject(counts(1, 0));
    // ...until the alarm the failure scheduled tells D1 again and sends a fresh snapshot.
    expect(await runDurableObjectAlarm(hub)).toBe(true);
    await socket.until((frames) => JSON.stringify(frames.at(-1)) === JSON.stringify(counts(1, 0)), "caught up");
    await notify({ user_ids: [user] });
    await socket.until((frames) => JSON.stringify(frames.at(-1)) === JSON.stringify(counts(2, 0)), "pushed again");
    socket.close();
  });
});

describe("D1 failures", () => {
  it("surface as 503 JSON with a retry hint, naming no internals", async () => {
    const { createApp } = await import("../src/app");
    const { createExecutionContext } = await import("cloudflare:test");
    const failing = (message: string) =>
      new Proxy(
        {},
        {
          get: () => () => {
            throw new Error(message);
          },
        },
      ) as D1Database;
    const { tokenFor } = await import("./helpers");
    for (const message of ["D1_ERROR: database is locked: SQLITE_BUSY", "Network connection lost."]) {
      const response = await createApp().fetch(
        new Request("https://edge-notify.test/api/v1/me/notifications", {
          headers: { Authorization: `Bearer ${await tokenFor(1)}` },
        }),
        { ...env, DB: failing(message) },
        createExecutionContext(),
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("1");
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.detail).toBe("The service is temporarily unavailable; retry shortly.");
      expect(JSON.stringify(body)).not.toMatch(/SQLITE|D1_|locked/);
    }
  });
});
