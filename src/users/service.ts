import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { type UserRow, users } from "../db/schema";
import { ApiError } from "../errors";
import { nowIso } from "../lib/time";
import { renderUserId } from "./ids";
import type { UserBody } from "./schemas";

export type UserFields = {
  first_name?: string;
  last_name?: string;
  email?: string;
  is_active?: boolean;
  notifications_enabled?: boolean;
};

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** Creates the user or updates only the fields given. */
export async function upsertUser(db: Db, id: string, fields: UserFields): Promise<UserRow> {
  const now = nowIso();
  const set = {
    ...(fields.first_name !== undefined && { firstName: fields.first_name }),
    ...(fields.last_name !== undefined && { lastName: fields.last_name }),
    ...(fields.email !== undefined && { email: fields.email }),
    ...(fields.is_active !== undefined && { isActive: fields.is_active }),
    ...(fields.notifications_enabled !== undefined && { notificationsEnabled: fields.notifications_enabled }),
    updatedAt: now,
  };
  const row = await db
    .insert(users)
    .values({ id, ...set, createdAt: now })
    .onConflictDoUpdate({ target: users.id, set })
    .returning()
    .get();
  return row;
}

/** The user as the server routes show it. */
export function userBody(row: UserRow): UserBody {
  return {
    id: renderUserId(row.id),
    first_name: row.firstName,
    last_name: row.lastName,
    email: row.email,
    is_active: row.isActive,
    notifications_enabled: row.notificationsEnabled,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/**
 * Why this user may not use their notifications, or null. An unknown user is fine: a valid token
 * for someone not registered yet sees an empty feed.
 */
export function accountProblem(user: UserRow | undefined): ApiError | null {
  if (!user) return null;
  if (!user.isActive) return ApiError.detail(401, "User is inactive", { code: "user_inactive" });
  if (!user.notificationsEnabled) return ApiError.detail(400, "Notifications are not enabled for the current user.");
  return null;
}

export function assertAccountUsable(user: UserRow | undefined): void {
  const problem = accountProblem(user);
  if (problem) throw problem;
}

/**
 * Records whether the user's hub holds sockets. Turning it on registers an unknown user, so the
 * next notification for them finds the flag set.
 */
export async function setListening(db: Db, id: string, listening: boolean): Promise<void> {
  const now = nowIso();
  if (listening) {
    await db
      .insert(users)
      .values({ id, hasSockets: true, createdAt: now, updatedAt: now })
      // Only a row whose flag is off is rewritten: after a restart every hub sets it again, and a
      // flag still on from before (the hubs died without clearing it) then costs no row write.
      .onConflictDoUpdate({ target: users.id, set: { hasSockets: true }, setWhere: eq(users.hasSockets, false) });
  } else {
    await db.update(users).set({ hasSockets: false }).where(eq(users.id, id));
  }
}
