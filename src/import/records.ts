/**
 * Records of `python manage.py dumpdata auth.user notifications` (the original's models, see
 * ../shared/spec) as rows of edge-notify's tables. Pure: the import script streams the dump and
 * hands each record here; a record that cannot be stored faithfully is refused with the reason.
 */
import { NOTIFICATION_STATUSES } from "../db/schema";
import { defaultCategory } from "../notifications/fields";
import { normaliseUid } from "../notifications/schemas";
import { notificationDocumentSchema } from "../notifications/wire";
import { canonicalUserId } from "../users/ids";

export type UserRecord = {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  is_active: 0 | 1;
  created_at: string;
};
export type SwitchRecord = { id: string; enabled: 0 | 1 };
/** `doc` and `info` are JSON text, stored as given (key order kept). */
export type NotificationRecord = {
  id: number;
  uid: string;
  user_id: string;
  doc: string;
  model: string;
  /** The model as a category, by the same rule as a create without one. */
  category: string;
  is_read: 0 | 1;
  info: string | null;
  created_by: string | null;
  status: string;
  created_at: string;
  updated_at: string;
};

export type Parsed =
  | { kind: "user"; row: UserRecord }
  | { kind: "switch"; row: SwitchRecord }
  | { kind: "notification"; row: NotificationRecord }
  | { kind: "ignored"; model: string }
  | { kind: "refused"; reason: string };

class Refused extends Error {}
const refuse = (reason: string): never => {
  throw new Refused(reason);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A Django datetime as edge-notify stores them (`2024-12-14T07:32:10.269207Z`). The original keeps
 * naive UTC (SQLite: `2024-12-14 07:32:10.269207`); dumpdata writes `…T…(.mmm)Z` with USE_TZ, a
 * naive value without it. Naive is read as UTC; an offset is converted; microseconds are kept.
 */
export function djangoTimestamp(value: unknown, field: string): string {
  const m =
    typeof value === "string"
      ? /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:?\d\d)?$/.exec(value)
      : null;
  if (!m) return refuse(`${field} is not a datetime: ${JSON.stringify(value)?.slice(0, 60)}`);
  const [, y, mo, d, h, mi, s, frac = "", zone = "Z"] = m;
  const local = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  // Date.UTC rolls 2024-02-30 over to March: a value that does not read back is not a date.
  if (local.toISOString().slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) {
    return refuse(`${field} is not a valid datetime: ${value}`);
  }
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const date = new Date(local.getTime() - offsetMinutes * 60_000);
  return `${date.toISOString().slice(0, 19)}.${frac.padEnd(6, "0")}Z`;
}

function userId(value: unknown, field: string): string {
  if (Array.isArray(value)) return refuse(`${field} is a natural key: dump without --natural-foreign`);
  return canonicalUserId(value) ?? refuse(`${field} is not a user id: ${JSON.stringify(value)?.slice(0, 60)}`);
}

function bool(value: unknown, field: string, fallback?: boolean): 0 | 1 {
  if (value === undefined && fallback !== undefined) return fallback ? 1 : 0;
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  return refuse(`${field} is not a boolean: ${JSON.stringify(value)}`);
}

const text = (value: unknown, field: string): string =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : refuse(`${field} is not text`);

function notification(pk: unknown, f: Record<string, unknown>): NotificationRecord {
  if (typeof pk !== "number" || !Number.isSafeInteger(pk) || pk < 1) refuse(`pk is not a positive integer`);
  const uid = typeof f.uid === "string" ? normaliseUid(f.uid) : null;
  if (uid === null) refuse(`uid is not a UUID: ${JSON.stringify(f.uid)}`);
  // Old JSON field implementations dump the document as text.
  let doc = f.notification;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      refuse("notification is text that is not JSON");
    }
  }
  const checked = notificationDocumentSchema.safeParse(doc);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    refuse(
      `notification does not match the original's schema: ${issue?.path.join(".") || "(document)"}: ${issue?.message}`,
    );
  }
  const status = f.status === undefined ? "ACTIVE" : f.status;
  if (!NOTIFICATION_STATUSES.includes(status as never))
    refuse(`status is not one of ${NOTIFICATION_STATUSES.join(", ")}`);
  return {
    id: pk as number,
    uid: uid as string,
    user_id: userId(f.user, "user"),
    doc: JSON.stringify(doc),
    model: (doc as { model: string }).model,
    category: defaultCategory((doc as { model: string }).model),
    is_read: bool(f.is_read, "is_read", false),
    info: f.custom_info === undefined || f.custom_info === null ? null : JSON.stringify(f.custom_info),
    created_by: f.created_by === undefined || f.created_by === null ? null : userId(f.created_by, "created_by"),
    status: status as string,
    created_at: djangoTimestamp(f.created_at, "created_at"),
    updated_at: djangoTimestamp(f.updated_at, "updated_at"),
  };
}

/** One dumpdata record. `userModel` is the AUTH_USER_MODEL label (`auth.user`), lower-case. */
export function parseRecord(record: unknown, userModel = "auth.user"): Parsed {
  try {
    if (!isObject(record) || typeof record.model !== "string" || !isObject(record.fields)) {
      return refuse('not a dumpdata record ({"model", "pk", "fields"})');
    }
    const { model, pk, fields: f } = record;
    switch (model.toLowerCase()) {
      case "notifications.notification":
        return { kind: "notification", row: notification(pk, f) };
      case "notifications.notificationsettings":
        return {
          kind: "switch",
          row: { id: userId(f.user, "user"), enabled: bool(f.is_enable_notification, "is_enable_notification", true) },
        };
      case userModel:
        return {
          kind: "user",
          row: {
            id: userId(pk, "pk"),
            first_name: text(f.first_name, "first_name"),
            last_name: text(f.last_name, "last_name"),
            email: text(f.email, "email"),
            is_active: bool(f.is_active, "is_active", true),
            created_at: f.date_joined === undefined ? "" : djangoTimestamp(f.date_joined, "date_joined"),
          },
        };
      default:
        return { kind: "ignored", model };
    }
  } catch (error) {
    if (error instanceof Refused) return { kind: "refused", reason: error.message };
    throw error;
  }
}
