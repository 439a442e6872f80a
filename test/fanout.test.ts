import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import type { ChunkMessage, ExpandMessage, FanoutMessage } from "../src/fanout/messages";
import { resumeStalledJobs, STALL_MS } from "../src/fanout/sweeper";
import worker from "../src/index";
import { Notifier } from "../src/notifications/notifier";
import { SWEEP_CRON } from "../src/scheduled";
import { counts, feed, service, socketFor, uniqueUserId } from "./helpers";

const CREATE = "/api/v1/notifications";
const body = (extra: object) => ({ message: "Big news", model: "Release", instance: { v: 2 }, ...extra });
const create = (payload: object, headers: Record<string, string> = {}) =>
  service(CREATE, { method: "POST", body: payload, headers });

async function job(id: string) {
  const response = await service(`${CREATE}/jobs/${id}`);
  expect(response.status).toBe(200);
  return response.json;
}

async function jobDone(id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await job(id);
    if (state.status === "done" || state.status === "failed") return state;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${state.status}: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function idsFrom(base: number, n: number) {
  return Array.from({ length: n }, (_, i) => base + i);
}

/** A fan-out created through the service with a queue that loses every message. */
async function createUnsent(payload: object, key?: string) {
  const lost = { ...env, FANOUT: { sendBatch: async () => Promise.reject(new Error("queue unavailable")) } };
  const notifier = new Notifier(lost as unknown as Env, () => {});
  const outcome = await notifier.create(body(payload), key === undefined ? {} : { idempotencyKey: key });
  if (outcome.status !== 202) throw new Error(`expected a job, got ${outcome.status}`);
  return { jobId: outcome.body.job_id, outcome };
}

/** Runs the cron trigger that resumes stalled fan-outs, as if it fired at `time`. */
async function sweep(time: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: SWEEP_CRON, scheduledTime: time }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Runs the worker's queue handler on these messages, as a (re)delivery would. */
async function deliver(messages: FanoutMessage[], attempts = 1) {
  const batch = createMessageBatch<FanoutMessage>(
    "edge-notify-fanout",
    messages.map((body, i) => ({ id: `m${i}-${Date.now()}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("fan-out through the queue", () => {
  it("more than 1,000 recipients: 202 with a job, written in chunks, progress reported, sockets told", {
    timeout: 30_000,
  }, async () => {
    const ids = idsFrom(uniqueUserId() * 10_000, 2500);
    const listener = ids[1800] as number;
    const socket = await socketFor(listener);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    const response = await create(body({ user_ids: ids }));
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({ status: "queued", recipients: 2500, chunks: 3 });
    const done = await jobDone(response.json.job_id);
    expect(done).toMatchObject({
      status: "done",
      audience: "users",
      recipients_total: 2500,
      chunks_total: 3,
      chunks_done: 3,
      rows_written: 2500,
    });
    expect(await socket.next(1)).toEqual(counts(1, 0));
    for (const id of [ids[0], ids[1234], ids[2499]] as number[]) {
      const page = await feed(id);
      expect(page).toMatchObject(counts(1, 0));
      expect(page.notifications[0].notification.message).toBe("Big news");
    }
    socket.close();
  });

  it("a redelivered chunk creates no duplicates and keeps counts and progress right", async () => {
    const ids = idsFrom(uniqueUserId() * 10_000, 1001).map(String);
    const { jobId } = await createUnsent({ user_ids: ids });
    const chunk: ChunkMessage = { kind: "chunk", jobId, chunk: 0 };
    const result = await deliver([chunk, chunk]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(await feed(ids[0] as string)).toMatchObject(counts(1, 0));
    expect((await feed(ids[0] as string)).notifications).toHaveLength(1);
    expect(await job(jobId)).toMatchObject({ status: "running", chunks_done: 1, rows_written: 1000 });
    await deliver([{ kind: "chunk", jobId, chunk: 1 }, chunk]);
    expect(await job(jobId)).toMatchObject({ status: "done", chunks_done: 2, rows_written: 1001 });
    expect(await feed(ids[1000] as string)).toMatchObject(counts(1, 0));
  });

  it("a message whose job is not there is retried, then dropped after the last attempt", async () => {
    const orphan: ChunkMessage = { kind: "chunk", jobId: crypto.randomUUID(), chunk: 0 };
    const first = await deliver([orphan]);
    expect(first.retryMessages).toHaveLength(1);
    const last = await deliver([orphan], 5);
    expect(last.explicitAcks).toHaveLength(1);
  });

  it("recipients with long ids and an unknown creator: every row written, the creator registered", {
    timeout: 30_000,
  }, async () => {
    // 1,001 ids of 250 characters would be 250 KB in one message; messages carry no ids.
    const prefix = `auth0|${"x".repeat(230)}-${uniqueUserId()}-`;
    const ids = Array.from({ length: 1001 }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
    const creator = `creator-${crypto.randomUUID()}`;
    const response = await create(body({ user_ids: ids, created_by: creator }));
    expect(response.status).toBe(202);
    expect(await jobDone(response.json.job_id)).toMatchObject({ status: "done", rows_written: 1001 });
    const page = await feed(ids[1000] as string);
    expect(page).toMatchObject(counts(1, 0));
    expect(page.notifications[0].created_by).toMatchObject({ id: creator });
  });

  it("a fan-out whose messages never reached the queue is accepted, then finished by the sweeper", {
    timeout: 30_000,
  }, async () => {
    const ids = idsFrom(uniqueUserId() * 10_000, 2001);
    const key = `lost-${crypto.randomUUID()}`;
    const { jobId, outcome } = await createUnsent({ user_ids: ids }, key);
    expect(outcome.status).toBe(202);
    expect(await job(jobId)).toMatchObject({ status: "queued", chunks_done: 0 });
    // A retry with the key gets the same job, and writes nothing new.
    const again = await create(body({ user_ids: ids }), { "Idempotency-Key": key });
    expect(again.json.job_id).toBe(jobId);
    // Not stalled yet: the sweep leaves it alone.
    await sweep(Date.now());
    expect(await job(jobId)).toMatchObject({ status: "queued", chunks_done: 0 });
    await sweep(Date.now() + STALL_MS + 1000);
    expect(await jobDone(jobId)).toMatchObject({ status: "done", chunks_done: 3, rows_written: 2001 });
    for (const id of [ids[0], ids[1500], ids[2000]] as number[]) expect(await feed(id)).toMatchObject(counts(1, 0));
  });

  it('audience "all_active" reaches every active user with notifications on, and no one else', {
    timeout: 30_000,
  }, async () => {
    const [active, inactive, muted] = [uniqueUserId(), uniqueUserId(), uniqueUserId()];
    await service(`/api/v1/users/${active}`, { method: "PUT", body: {} });
    await service(`/api/v1/users/${inactive}`, { method: "PUT", body: { is_active: false } });
    await service(`/api/v1/users/${muted}`, { method: "PUT", body: { notifications_enabled: false } });
    const response = await create(body({ audience: "all_active", message: "Maintenance tonight" }));
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({ recipients: null, chunks: null });
    const done = await jobDone(response.json.job_id);
    expect(done.status).toBe("done");
    expect(done.recipients_total).toBe(done.rows_written);
    expect((await feed(active)).notifications[0].notification.message).toBe("Maintenance tonight");
    const byModel = await service(`${CREATE}?model=Release&page_size=100`);
    const reached = new Set(byModel.json.notifications.map((n: any) => n.user.id));
    expect(reached.has(inactive)).toBe(false);
    expect(reached.has(muted)).toBe(false);
  });

  it("the sweeper backs off: a job that stays stalled is re-sent after 5, then 10 minutes", async () => {
    const { jobId } = await createUnsent({ user_ids: idsFrom(uniqueUserId() * 10_000, 1500) });
    const sent: FanoutMessage[] = [];
    const queue = {
      sendBatch: async (batch: { body: FanoutMessage }[]) => {
        sent.push(...batch.map((m) => m.body));
      },
    } as unknown as Queue;
    const db = createDb(env.DB);
    const t1 = Date.now() + STALL_MS + 1000;
    expect(await resumeStalledJobs(db, queue, t1)).toBeGreaterThanOrEqual(2);
    expect(sent.filter((m) => m.jobId === jobId).map((m) => m.chunk)).toEqual([0, 1]);
    const before = sent.length;
    await resumeStalledJobs(db, queue, t1 + STALL_MS + 1000); // still lost, but inside the doubled wait
    expect(sent.slice(before).filter((m) => m.jobId === jobId)).toEqual([]);
    await resumeStalledJobs(db, queue, t1 + 2 * STALL_MS + 1000);
    expect(sent.slice(before).filter((m) => m.jobId === jobId)).toHaveLength(2);
  });

  it("a chunk message from before the recipients moved to D1 still writes its recipients", async () => {
    const ids = idsFrom(uniqueUserId() * 10_000, 1001).map(String);
    const { jobId } = await createUnsent({ user_ids: ids });
    const legacy: ChunkMessage = { kind: "chunk", jobId, chunk: 1, recipients: ids.slice(1000) };
    expect((await deliver([legacy])).explicitAcks).toHaveLength(1);
    expect(await feed(ids[1000] as string)).toMatchObject(counts(1, 0));
  });

  it("all_active: a page delivered twice is written once and enumerated once", { timeout: 30_000 }, async () => {
    const user = uniqueUserId();
    await service(`/api/v1/users/${user}`, { method: "PUT", body: {} });
    const { jobId } = await createUnsent({ audience: "all_active", message: "Twice over" });
    const page: ExpandMessage = { kind: "expand", jobId, chunk: 0 };
    const result = await deliver([page, page]);
    expect(result.explicitAcks).toHaveLength(2);
    const done = await jobDone(jobId);
    expect(done).toMatchObject({ status: "done" });
    expect(done.rows_written).toBe(done.recipients_total);
    const mine = (await feed(user)).notifications.filter((n: any) => n.notification.message === "Twice over");
    expect(mine).toHaveLength(1);
  });

  it("GET /jobs/{id}: 404 for an unknown job", async () => {
    const response = await service(`${CREATE}/jobs/${crypto.randomUUID()}`);
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ detail: "Job not found" });
  });
});

describe("Idempotency-Key", () => {
  it("a retried create returns the first answer and writes nothing more", async () => {
    const user = uniqueUserId();
    const key = `retry-${crypto.randomUUID()}`;
    const first = await create(body({ user_ids: [user] }), { "Idempotency-Key": key });
    const again = await create(body({ user_ids: [user] }), { "Idempotency-Key": key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(await feed(user)).toMatchObject(counts(1, 0));
  });

  it("concurrent retries with one key write once", async () => {
    const user = uniqueUserId();
    const key = `race-${crypto.randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => create(body({ user_ids: [user] }), { "Idempotency-Key": key })),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
    expect(await feed(user)).toMatchObject(counts(1, 0));
  });

  it("a queued fan-out retried with its key returns the same job", async () => {
    const ids = idsFrom(uniqueUserId() * 10_000, 1200);
    const key = `job-${crypto.randomUUID()}`;
    const first = await create(body({ user_ids: ids }), { "Idempotency-Key": key });
    const again = await create(body({ user_ids: ids }), { "Idempotency-Key": key });
    expect(again.status).toBe(202);
    expect(again.json.job_id).toBe(first.json.job_id);
    await jobDone(first.json.job_id);
    expect(await feed(ids[0] as number)).toMatchObject(counts(1, 0));
  });

  it("422 when the key is reused for a different request, 400 for a malformed key", async () => {
    const key = `mismatch-${crypto.randomUUID()}`;
    await create(body({ user_ids: [uniqueUserId()] }), { "Idempotency-Key": key });
    const other = await create(body({ user_ids: [uniqueUserId()] }), { "Idempotency-Key": key });
    expect(other.status).toBe(422);
    expect(other.json).toEqual({ detail: "This Idempotency-Key was used with a different request body." });
    const bad = await create(body({ user_ids: [1] }), { "Idempotency-Key": "has space" });
    expect(bad.status).toBe(400);
  });
});
