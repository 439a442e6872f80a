/**
 * A socket that floods the hub with frames (issue #9): bounded by a per-socket budget, closed with
 * 1008, its refreshes sharing D1 reads, and no other user slowed or touched meanwhile.
 */
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { FRAME_BUDGET, SOCKET_ERRORS } from "../src/realtime/protocol";
import type { Refresher } from "../src/realtime/refresher";
import type { UserHub } from "../src/realtime/user-hub";
import { counts, feed, notify, socketFor, type TestSocket, uniqueUserId } from "./helpers";

const hubOf = (user: number) => env.USER_HUB.getByName(String(user));
const refresherOf = (user: number) =>
  runInDurableObject(hubOf(user), (hub: UserHub) => (hub as unknown as { refresher: Refresher }).refresher);
const readsOf = async (user: number) => (await refresherOf(user)).reads;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
const countsFrames = (socket: TestSocket) =>
  socket.frames.filter((frame) => typeof frame === "object" && frame !== null && "total_notifications" in frame);
/** Answers a socket may get past its first frame, `seconds` after its burst started (with a frame of slack). */
const budgetAfter = (seconds: number) => FRAME_BUDGET.burst + Math.ceil(seconds * FRAME_BUDGET.perSecond) + 1;

async function expectClosedForFlooding(socket: TestSocket) {
  const closed = await socket.waitClosed(15_000);
  expect(closed.code).toBe(1008);
  expect(closed.reason).toBe(SOCKET_ERRORS.flood);
  expect(socket.last).toEqual({ error: SOCKET_ERRORS.flood, code: 1008 });
}

describe("socket flood", () => {
  // Closed sockets leave the hub work (the close handshake, the presence write, a log line) that
  // must not outlive the file's runtime, or vitest reports its teardown racing it.
  afterEach(() => settle(500));
  it("2,000 frames: the flooder is closed with 1008, its answers and D1 reads are bounded, another user is untouched", {
    timeout: 30_000,
  }, async () => {
    const [flooder, bystander] = [uniqueUserId(), uniqueUserId()];
    await notify({ user_ids: [flooder, bystander] });
    const [socket, other] = await Promise.all([socketFor(flooder), socketFor(bystander)]);
    expect(await socket.next(0)).toEqual(counts(1, 0));
    expect(await other.next(0)).toEqual(counts(1, 0));
    const readsBefore = await readsOf(flooder);

    const started = Date.now();
    for (let i = 0; i < 2_000; i++) socket.send(i % 2 ? "refresh" : `{"n":${i}}`);
    // Meanwhile the other user reads, gets a notification pushed, and refreshes.
    expect(await feed(bystander)).toMatchObject(counts(1, 0));
    await notify({ user_ids: [bystander] });
    expect(await other.next(1)).toEqual(counts(2, 0));
    other.send("refresh");
    expect(await other.next(2)).toEqual(counts(2, 0));

    await expectClosedForFlooding(socket);
    const seconds = (Date.now() - started) / 1000;
    await settle();
    const answers = countsFrames(socket).length - 1;
    expect(answers).toBeGreaterThanOrEqual(FRAME_BUDGET.burst);
    expect(answers).toBeLessThanOrEqual(budgetAfter(seconds));
    expect(countsFrames(socket).every((frame) => JSON.stringify(frame) === JSON.stringify(counts(1, 0)))).toBe(true);
    // Refreshes share reads: never more reads than answers, and far fewer than frames.
    const reads = (await readsOf(flooder)) - readsBefore;
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(answers);
    expect(other.closed).toBeNull();
    expect(await feed(bystander)).toMatchObject(counts(2, 0));
    other.close();
  });

  it("after a flood the user's new sockets are refused with 1008 for a while; other users' are not", async () => {
    const [flooder, other] = [uniqueUserId(), uniqueUserId()];
    const socket = await socketFor(flooder);
    await socket.next(0);
    for (let i = 0; i < 100; i++) socket.send("refresh");
    await expectClosedForFlooding(socket);
    const again = await socketFor(flooder);
    expect(await again.next(0)).toEqual({ error: SOCKET_ERRORS.floodCooldown, code: 1008 });
    expect(await again.waitClosed()).toEqual({ code: 1008, reason: SOCKET_ERRORS.floodCooldown });
    const unrelated = await socketFor(other);
    expect(await unrelated.next(0)).toEqual(counts(0, 0));
    unrelated.close();
    // Once the cool-down is over (FLOOD_COOLDOWN_MS; moved to the past here), the user connects again.
    await runInDurableObject(hubOf(flooder), (hub: UserHub) => {
      (hub as unknown as { floodedUntil: number }).floodedUntil = Date.now() - 1;
    });
    const later = await socketFor(flooder);
    expect(await later.next(0)).toEqual(counts(0, 0));
    later.close();
  });

  it("a burst within the budget gets one correct answer per frame and the socket stays open", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(1, 0));
    for (let i = 0; i < 5; i++) socket.send("refresh");
    await socket.until((frames) => frames.length === 6, "five answers");
    await settle();
    expect(socket.frames).toEqual(Array.from({ length: 6 }, () => counts(1, 0)));
    expect(socket.closed).toBeNull();
    socket.close();
  });

  it("refreshes arriving while a read is in flight wait for ONE next read and share it", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(1, 0));
    const gate = { open: false };
    const readsBefore = await runInDurableObject(hubOf(user), (hub: UserHub) => {
      const refresher = (hub as unknown as { refresher: { read: (id: string) => Promise<unknown>; reads: number } })
        .refresher;
      const read = refresher.read;
      refresher.read = async (id) => {
        while (!gate.open) await new Promise((resolve) => setTimeout(resolve, 5));
        return read(id);
      };
      return refresher.reads;
    });
    for (let i = 0; i < 10; i++) socket.send("refresh");
    // The first frame's read is held; the other nine wait for the next.
    for (let queued = 0; queued < 9; queued = (await refresherOf(user)).queued) await settle(20);
    // A change committed while they wait is in the read they get.
    await notify({ user_ids: [user] });
    await socket.until((frames) => frames.length >= 2, "the push");
    gate.open = true;
    await socket.until((frames) => frames.length === 12, "ten answers");
    await settle();
    expect(socket.frames.slice(1)).toEqual(Array.from({ length: 11 }, () => counts(2, 0)));
    expect((await readsOf(user)) - readsBefore).toBe(2);
    socket.close();
  });

  it("binary frames count against the budget too", async () => {
    const socket = await socketFor(uniqueUserId());
    await socket.next(0);
    for (let i = 0; i < 200; i++) socket.send(new Uint8Array([i % 256]).buffer);
    await expectClosedForFlooding(socket);
    const errors = socket.frames.filter((frame) => /Binary frames/.test(String((frame as { error?: string }).error)));
    expect(errors.length).toBeGreaterThanOrEqual(FRAME_BUDGET.burst);
    expect(errors.length).toBeLessThan(200);
  });

  it('the "ping" keepalive is free: never counted, never closed', async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    await socket.next(0);
    for (let i = 0; i < 3 * FRAME_BUDGET.burst; i++) socket.send("ping");
    await socket.until((frames) => frames.length === 1 + 3 * FRAME_BUDGET.burst, "every pong");
    socket.send("refresh");
    expect(await socket.next(1 + 3 * FRAME_BUDGET.burst)).toEqual(counts(0, 0));
    expect(socket.closed).toBeNull();
    socket.close();
  });

  it("the budget survives hibernation: an evicted hub does not hand out a fresh burst", {
    timeout: 20_000,
  }, async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    await socket.next(0);
    const started = Date.now();
    for (let i = 0; i < FRAME_BUDGET.burst; i++) socket.send("refresh");
    await socket.until((frames) => frames.length === 1 + FRAME_BUDGET.burst, "the burst's answers");
    await evictDurableObject(hubOf(user));
    for (let i = 0; i < FRAME_BUDGET.burst; i++) socket.send("refresh");
    await expectClosedForFlooding(socket);
    const answers = countsFrames(socket).length - 1;
    expect(answers).toBeLessThanOrEqual(budgetAfter((Date.now() - started) / 1000));
    expect(answers).toBeLessThan(2 * FRAME_BUDGET.burst);
  });
});
