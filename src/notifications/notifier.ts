import type { z } from "zod";
import { createDb, type Db } from "../db/client";
import { invalidPage } from "../errors";
import { parse } from "../http/body";
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
import { createNotifications } from "./create";
import { type FeedPage, readFeed } from "./feed";
import { type ActionChoice, createBody, type ListQuery, modelQuery } from "./schemas";

export type CreateNotificationsInput = z.input<typeof createBody>;
export type CreateNotificationsResult = { created: number; uids: string[] };
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

  /** The original's NotificationService.create_notification, for many recipients in one transaction. */
  async create(input: CreateNotificationsInput): Promise<CreateNotificationsResult> {
    const result = await createNotifications(this.db, parse(createBody, input));
    pushCounts(this.env, this.waitUntil, result.updates);
    return { created: result.created, uids: result.uids };
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

  /** A bulk action on the user's own notifications. */
  async act(userId: string, action: ActionChoice, uids: readonly string[]): Promise<ActionResult> {
    const user = await this.usableUser(userId);
    const result = await applyAction(this.db, user, userId, action, uids);
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

  private async usableUser(userId: string) {
    const user = await findUser(this.db, userId);
    assertAccountUsable(user);
    return user;
  }
}
