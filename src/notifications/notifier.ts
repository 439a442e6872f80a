import type { z } from "zod";
import { createDb, type Db } from "../db/client";
import { d1Statement } from "../db/sql";
import { ApiError, invalidPage } from "../errors";
import { findJob, jobBody, planJob } from "../fanout/jobs";
import { enqueue, INLINE_MAX_RECIPIENTS } from "../fanout/messages";
import { parse } from "../http/body";
import { nowIso } from "../lib/time";
import { logEvent } from "../ops/log";
import { pushAccountChange, pushCounts, type WaitUntil } from "../realtime/push";
import { userIdSchema } from "../users/ids";
import { upsertUserBody } from "../users/schemas";
import { assertAccountUsable, findUser, upsertUser, userBody } from "../users/service";
import {
  type ActionResult,
  applyAction,
  type DetailPatch,
  type DetailResult,
  openNotification,
  updateNotification,
} from "./actions";
import { notificationsForModel } from "./by-model";
import { allCounts } from "./counts";
import { createNotifications, inboxFields, notificationDocument } from "./create";
import { type FeedPage, readFeed } from "./feed";
import { type GroupedPage, readGroupedFeed } from "./grouped";
import { rememberResponse, requestHash, storedResponse, validKey } from "./idempotency";
import { type CreateBody, createBody, type ListQuery, type MarkAction, modelQuery } from "./schemas";

export type CreateNotificationsInput = z.input<typeof createBody>;
/** Written in the request (201). */
export type CreatedBody = { created: number; uids: string[]; skipped: number };
/** Handed to the fan-out queue (202); progress at GET /api/v1/notifications/jobs/{job_id}. */
export type QueuedBody = { job_id: string; status: "queued"; recipients: number | null; chunks: number | null };
export type CreateOutcome = { status: 201; body: CreatedBody } | { status: 202; body: QueuedBody };
export type UpsertUserInput = z.input<typeof upsertUserBody>;

/**
 * The service as a typed API: what the HTTP routes, the RPC entrypoint and any code inside the
 * worker call. Every method validates its input and pushes fresh counts to the hubs of the users
 * whose notifications changed.
 */
export class Notifier {
  private readonly db: Db;

  constructor(
    private readonly env: Env,
    private readonly waitUntil: WaitUntil,
  ) {
    this.db = createDb(env.DB);
  }

  /**
   * The original's NotificationService.create_notification for many recipients: up to 1,000 are
   * written in one transaction now (201); more, or `audience: "all_active"`, become a queued job
   * (202). With an idempotency key, a retried call returns the first answer instead of writing twice.
   */
  async create(input: CreateNotificationsInput, options: { idempotencyKey?: string } = {}): Promise<CreateOutcome> {
    const body = parse(createBody, input);
    const key = options.idempotencyKey === undefined ? null : validKey(options.idempotencyKey);
    const hash = key === null ? "" : await requestHash(body);
    if (key !== null) {
      const stored = await storedResponse(this.db, key, hash);
      if (stored) return stored as CreateOutcome;
    }
    try {
      return await this.write(body, key, hash);
    } catch (error) {
      // A concurrent request with the same key won the insert; this one's write rolled back.
      const stored = key === null ? null : await storedResponse(this.db, key, hash);
      if (stored) return stored as CreateOutcome;
      throw error;
    }
  }

  private async write(body: CreateBody, key: string | null, hash: string): Promise<CreateOutcome> {
    const remember = (response: CreateOutcome) =>
      key === null ? [] : rememberResponse(this.db, key, hash, response).map((q) => d1Statement(this.db, q));
    const recipients = body.user_ids ? [...new Set(body.user_ids)] : null;
    if (recipients && recipients.length <= INLINE_MAX_RECIPIENTS) {
      const result = await createNotifications(this.db, body, recipients, (created) =>
        remember({ status: 201, body: created }),
      );
      pushCounts(this.env, this.waitUntil, result.updates);
      return { status: 201, body: { created: result.created, uids: result.uids, skipped: result.skipped } };
    }
    const plan = planJob(this.db, {
      document: notificationDocument(body),
      customInfo: body.custom_info ?? null,
      createdBy: body.created_by ?? null,
      fields: inboxFields(body),
      recipients,
    });
    const response: CreateOutcome = {
      status: 202,
      body: { job_id: plan.id, status: "queued", recipients: recipients?.length ?? null, chunks: plan.chunks },
    };
    // The job and its recipients commit before any message exists, so a consumer always finds
    // them. Once committed the fan-out is accepted: if sending fails, the sweeper sends again.
    await this.db.$client.batch([...plan.statements, ...remember(response)]);
    try {
      await enqueue(this.env.FANOUT, plan.messages);
    } catch (error) {
      logEvent("error", "fanout_enqueue_failed", { job_id: plan.id, error: String(error) });
    }
    return response;
  }

  /** Progress of a queued fan-out. */
  async job(id: string) {
    const job = await findJob(this.db, id);
    if (!job) throw ApiError.detail(404, "Job not found");
    return jobBody(job);
  }

  /** Creates or updates a user's profile and notification switch. */
  async upsertUser(id: string | number, fields: UpsertUserInput) {
    const userId = parse(userIdSchema, id);
    const row = await upsertUser(this.db, userId, parse(upsertUserBody, fields));
    if (row.hasSockets && (!row.isActive || !row.notificationsEnabled)) {
      pushAccountChange(this.env, this.waitUntil, userId);
    }
    return userBody(row);
  }

  async getUser(id: string | number) {
    const row = await findUser(this.db, parse(userIdSchema, id));
    return row ? userBody(row) : null;
  }

  /** The original's get_model_notifications, paginated. */
  async modelNotifications(query: { model: string; page?: string; page_size?: string }) {
    const q = parse(modelQuery, query);
    if (q.page === null) throw invalidPage();
    return notificationsForModel(this.db, q.model, q.page, q.pageSize);
  }

  /** A user's feed (counts ignore the filter). */
  async feed(userId: string, query: ListQuery): Promise<FeedPage> {
    return readFeed(this.db, userId, query);
  }

  /** Every count of the user (per category too); refused as the feed is for an unusable account. */
  async allCounts(userId: string) {
    const result = await allCounts(this.db, userId, nowIso());
    assertAccountUsable(result.user);
    return result;
  }

  /** A user's feed with one entry per group_key (`grouped=true`). */
  async groupedFeed(userId: string, query: ListQuery): Promise<GroupedPage> {
    return readGroupedFeed(this.db, userId, query);
  }

  /** A bulk action on the user's own notifications. */
  async act(userId: string, action: MarkAction): Promise<ActionResult> {
    const user = await this.usableUser(userId);
    const result = await applyAction(this.db, user, userId, action);
    if (result.changed > 0) pushCounts(this.env, this.waitUntil, [result.update]);
    return result;
  }

  /** One notification of the user's, marked read. */
  async open(userId: string, uid: string): Promise<DetailResult> {
    const user = await this.usableUser(userId);
    const result = await openNotification(this.db, user, userId, uid);
    if (result.changed) pushCounts(this.env, this.waitUntil, [result.update]);
    return result;
  }

  async update(userId: string, uid: string, patch: DetailPatch): Promise<DetailResult> {
    const user = await this.usableUser(userId);
    const result = await updateNotification(this.db, user, userId, uid, patch);
    pushCounts(this.env, this.waitUntil, [result.update]);
    return result;
  }

  /** Refuses (401/400 as every user route) a user whose account cannot hold a socket. */
  async assertCanListen(userId: string): Promise<void> {
    await this.usableUser(userId);
  }

  private async usableUser(userId: string) {
    const user = await findUser(this.db, userId);
    assertAccountUsable(user);
    return user;
  }
}
