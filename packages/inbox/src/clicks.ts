/** What a click on a notification or on one of its actions does, after asking the host (cancelable events). */
import type { NotificationItem } from "@edge-notify/client";
import type { EdgeNotifyInbox } from "./element.js";
import type { NotificationAction } from "./entry.js";
import { safeUrl } from "./url.js";

export function openItem(host: EdgeNotifyInbox, item: NotificationItem): void {
  if (!host.emit("notification-click", { item }, true)) return;
  void host.inboxStore?.markAsInteracted(item.uid).catch(() => {});
  const href = safeUrl(item.action_url);
  if (href) location.assign(href);
}

export function runAction(host: EdgeNotifyInbox, event: Event, item: NotificationItem, action: NotificationAction) {
  const recorded = host.inboxStore?.markAsInteracted(item.uid, action.id).catch(() => {}) ?? Promise.resolve();
  const allowed = host.emit("action-click", { item, action }, true);
  const mouse = event as MouseEvent;
  // Ctrl/Cmd/Shift-click opens a new tab or window: the page stays, nothing to wait for.
  if (allowed && (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey)) return;
  event.preventDefault();
  if (!allowed) return;
  // Follow the link once the click is recorded (bounded: a slow network must not trap the user).
  const href = (event.currentTarget as HTMLAnchorElement).href;
  void Promise.race([recorded, new Promise((resolve) => setTimeout(resolve, 1500))]).then(() => location.assign(href));
}
