/**
 * @edge-notify/inbox: `<edge-notify-inbox>`, a drop-in notification inbox for edge-notify.
 * Importing the package defines the element (once, so two copies on a page do not throw).
 */
import { EdgeNotifyInbox } from "./element.js";

export type { ActionClickDetail, CountsChangeDetail, NotificationClickDetail } from "./element.js";
export type { NotificationAction, RenderItem } from "./entry.js";
export type {
  InboxCounts,
  InboxEntry,
  InboxEvent,
  InboxGroup,
  InboxState,
  InboxStoreLike,
  InboxView,
  PreferencesBody,
} from "./store.js";
export { defaultStrings, type InboxStrings } from "./strings.js";
export { EdgeNotifyInbox };

if (!customElements.get("edge-notify-inbox")) customElements.define("edge-notify-inbox", EdgeNotifyInbox);

declare global {
  interface HTMLElementTagNameMap {
    "edge-notify-inbox": EdgeNotifyInbox;
  }
  interface HTMLElementEventMap {
    "notification-click": CustomEvent<import("./element.js").NotificationClickDetail>;
    "action-click": CustomEvent<import("./element.js").ActionClickDetail>;
    "counts-change": CustomEvent<import("./element.js").CountsChangeDetail>;
  }
}
