/** A notification as the REST API renders it, for the client unit tests. */
import type { NotificationItem } from "../../packages/client/src/types";

export const user = { id: 1, first_name: "", last_name: "", email: "" };
export const item = (id: number, extra: Partial<NotificationItem> = {}): NotificationItem => ({
  id,
  uid: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
  user,
  notification: { message: `n${id}`, model: "Blog", instance: {}, method: "POST", changed_data: {} },
  is_read: false,
  custom_info: null,
  created_by: null,
  status: "ACTIVE",
  created_at: "2026-01-01T00:00:00.000000Z",
  updated_at: "2026-01-01T00:00:00.000000Z",
  category: "Blog",
  tags: [],
  action_url: null,
  actions: [],
  group_key: null,
  expires_at: null,
  seen_at: null,
  read_at: null,
  archived_at: null,
  interacted_at: null,
  interacted_action: null,
  ...extra,
});
