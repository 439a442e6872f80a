/** One entry of the list: a notification, or a group of them ("Ada and 4 others ..."). */
import type { NotificationItem, UserSummary } from "@edge-notify/client";
import { html, nothing, type TemplateResult } from "lit";
import type { InboxEntry, InboxGroup } from "./store.js";
import type { InboxStrings } from "./strings.js";
import { absoluteTime, relativeTime } from "./time.js";
import { safeUrl } from "./url.js";

export type NotificationAction = NotificationItem["actions"][number];
/** The render hook: draw an item's content yourself (a Lit template or a DOM node); the element keeps the row, its buttons and keyboard handling. */
export type RenderItem = (item: NotificationItem, group: InboxGroup | null) => TemplateResult | Node | null | undefined;

export type EntryContext = {
  strings: InboxStrings;
  locale: string | undefined;
  now: number;
  renderItem: RenderItem | undefined;
  open(item: NotificationItem): void;
  action(event: Event, item: NotificationItem, action: NotificationAction): void;
  toggleRead(item: NotificationItem, event: Event): void;
  toggleArchived(item: NotificationItem, event: Event): void;
  /** A grouped entry's buttons act on the whole group (`group_keys`), when the store can. */
  groupActions: boolean;
  toggleGroupRead(group: InboxGroup, event: Event): void;
  toggleGroupArchived(group: InboxGroup, event: Event): void;
};

export function personName(user: UserSummary | null | undefined, strings: InboxStrings): string {
  if (!user) return strings.someone;
  const name = `${user.first_name} ${user.last_name}`.trim();
  return name || user.email || `#${user.id}`;
}

function entryParts(entry: InboxEntry): { item: NotificationItem; group: InboxGroup | null } {
  if (entry.kind === "item") return { item: entry.item, group: null };
  const group = entry.group;
  return { item: group.notification, group: group.count > 1 ? group : null };
}

const groupActors = (group: InboxGroup, strings: InboxStrings) =>
  group.actors.length > 0
    ? strings.actors(personName(group.actors[0], strings), Math.max(0, group.actors_count - 1))
    : null;

function defaultContent(item: NotificationItem, group: InboxGroup | null, ctx: EntryContext) {
  const { strings } = ctx;
  const who = group ? groupActors(group, strings) : item.created_by ? personName(item.created_by, strings) : null;
  // <bdi>: a name or message in another script keeps its own direction inside an RTL (or LTR) page.
  return html`${who ? html`<strong class="who" part="actor"><bdi>${who}</bdi></strong> ` : nothing}<bdi class="text"
      >${item.notification.message}</bdi
    >`;
}

export function renderEntry(entry: InboxEntry, index: number, total: number, ctx: EntryContext): TemplateResult {
  const { item, group } = entryParts(entry);
  const { strings } = ctx;
  const unread = group ? group.unread > 0 : !item.is_read;
  const archived = item.archived_at !== null;
  const custom = ctx.renderItem?.(item, group);
  const actor = group?.actors[0] ?? item.created_by;
  const initial = actor ? personName(actor, strings).charAt(0).toUpperCase() : "";
  const id = `m-${item.uid}`;
  return html`<article
    class="item"
    part="item${unread ? " item-unread" : ""}"
    tabindex="0"
    data-uid=${item.uid}
    data-read=${String(!unread)}
    aria-posinset=${index + 1}
    aria-setsize=${total}
    aria-labelledby=${id}
    @click=${(event: Event) => {
      // A click on a button or link inside is that control's, not the notification's.
      if ((event.target as Element).closest("a,button")) return;
      ctx.open(item);
    }}
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === "Enter" && event.target === event.currentTarget) ctx.open(item);
    }}
  >
    <span class="avatar" part="avatar" aria-hidden="true">${initial || iconBell}</span>
    <div class="content">
      <p class="message" id=${id}>
        ${unread ? html`<span class="sr-only">${strings.unreadItem}: </span>` : nothing}
        ${custom ?? defaultContent(item, group, ctx)}
      </p>
      <div class="meta">
        <time datetime=${item.created_at} title=${absoluteTime(item.created_at, ctx.locale)}
          ><bdi>${relativeTime(item.created_at, ctx.now, ctx.locale)}</bdi></time
        >
        <bdi part="category">${strings.category(item.category)}</bdi>
        ${group ? html`<bdi part="group-size">${strings.groupSize(group.count)}</bdi>` : nothing}
      </div>
      ${
        item.actions.length > 0 && !archived
          ? html`<div class="actions">
            ${item.actions.map((action) => {
              const href = safeUrl(action.url);
              return href
                ? html`<a class="action ${action.style}" part="action action-${action.style}" href=${href}
                    @click=${(event: Event) => ctx.action(event, item, action)}>${action.label}</a>`
                : nothing;
            })}
          </div>`
          : nothing
      }
    </div>
    ${renderTools(item, group, unread, archived, id, ctx)}
  </article>`;
}

/** Read/unread and archive buttons; on a group they name it ("Mark 3 notifications from Ada and 2 others as read"). */
function renderTools(
  item: NotificationItem,
  group: InboxGroup | null,
  unread: boolean,
  archived: boolean,
  describedBy: string,
  ctx: EntryContext,
) {
  if (group && !ctx.groupActions) return nothing;
  const t = ctx.strings;
  const from = group ? (groupActors(group, t) ?? t.someone) : "";
  const readLabel = group
    ? (unread ? t.markGroupRead : t.markGroupUnread)(group.count, from)
    : unread
      ? t.markRead
      : t.markUnread;
  const archiveLabel = group
    ? (archived ? t.unarchiveGroup : t.archiveGroup)(group.count, from)
    : archived
      ? t.unarchive
      : t.archive;
  return html`<div class="tools">
    <button type="button" class="icon-button" part="item-button read-button${group ? " group-button" : ""}"
      aria-label=${readLabel} title=${readLabel} aria-describedby=${describedBy}
      @click=${(event: Event) => (group ? ctx.toggleGroupRead(group, event) : ctx.toggleRead(item, event))}>
      ${unread ? iconCheck : iconDot}
    </button>
    <button type="button" class="icon-button" part="item-button archive-button${group ? " group-button" : ""}"
      aria-label=${archiveLabel} title=${archiveLabel} aria-describedby=${describedBy}
      @click=${(event: Event) => (group ? ctx.toggleGroupArchived(group, event) : ctx.toggleArchived(item, event))}>
      ${archived ? iconUnarchive : iconArchive}
    </button>
  </div>`;
}

const svg = (path: string) =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${path}></path></svg>`;
export const iconBell = svg(
  "M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z",
);
export const iconClose = svg(
  "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6Z",
);
export const iconGear = svg(
  "M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.6 7.6 0 0 0-1.7-1L15 3.3h-4l-.4 2.6a7.6 7.6 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.6 7.6 0 0 0 1.7 1l.4 2.6h4l.4-2.6a7.6 7.6 0 0 0 1.7-1l2.5 1 2-3.5ZM12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7Z",
);
export const iconBack = svg("M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20Z");
const iconCheck = svg("M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4Z");
const iconDot = svg("M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10Z");
const iconArchive = svg(
  "M20.5 5.2 19.1 3.5A1.5 1.5 0 0 0 18 3H6a1.5 1.5 0 0 0-1.2.5L3.5 5.2A2 2 0 0 0 3 6.5V19a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6.5a2 2 0 0 0-.5-1.3ZM12 17.5 6.5 12H10v-2h4v2h3.5ZM5.1 5l.8-1h12l1 1Z",
);
const iconUnarchive = svg(
  "M20.5 5.2 19.1 3.5A1.5 1.5 0 0 0 18 3H6a1.5 1.5 0 0 0-1.2.5L3.5 5.2A2 2 0 0 0 3 6.5V19a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6.5a2 2 0 0 0-.5-1.3ZM14 14v2h-4v-2H6.5L12 8.5l5.5 5.5ZM5.1 5l.8-1h12l1 1Z",
);
