/**
 * The panel: a non-modal dialog with a heading, the tabs (ARIA tabs pattern, arrow keys), the feed
 * (ARIA feed pattern: items focusable, Page/Arrow keys between them) and the preferences view.
 */
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { openItem, runAction } from "./clicks.js";
import type { EdgeNotifyInbox, Tab } from "./element.js";
import { type EntryContext, iconBack, iconClose, iconGear, renderEntry } from "./entry.js";
import { renderPreferences } from "./preferences.js";
import { renderTabs, tabId } from "./tabs.js";

/** Feed keys: Arrow/Page Down and Up move between notifications, wherever focus is inside one. */
function onFeedKey(event: KeyboardEvent) {
  const keys: Record<string, number> = { ArrowDown: 1, PageDown: 1, ArrowUp: -1, PageUp: -1 };
  const step = keys[event.key];
  if (step === undefined) return;
  const current = (event.target as Element).closest("article");
  if (!current || (event.key.startsWith("Arrow") && event.target !== current)) return;
  const sibling = step > 0 ? current.nextElementSibling : current.previousElementSibling;
  if (sibling instanceof HTMLElement) {
    event.preventDefault();
    sibling.focus();
  }
}

/**
 * An action can take its notification out of the list (archive; read in the Unread tab): focus
 * then moves to the next one (or the previous, or the selected tab) instead of falling to <body>.
 * Called after the store's optimistic change, so the update it waits for is the one that drops it.
 */
function keepFocus(host: EdgeNotifyInbox, event: Event) {
  const article = (event.currentTarget as Element).closest("article");
  if (!article) return;
  const uid = (node: Element | null) => (node instanceof HTMLElement ? node.dataset.uid : undefined);
  const neighbours = [uid(article.nextElementSibling), uid(article.previousElementSibling)];
  void host.updateComplete.then(() => {
    if (article.isConnected) return;
    const next = neighbours
      .filter(Boolean)
      .map((id) => host.renderRoot.querySelector<HTMLElement>(`article[data-uid="${id}"]`))
      .find(Boolean);
    if (next) next.focus();
    else host.focusIn('[role="tab"][aria-selected="true"]');
  });
}

function emptyText(host: EdgeNotifyInbox, tab: Tab): string {
  const t = host.text;
  if (tab.key === "unread") return t.emptyUnread;
  if (tab.key === "archived") return t.emptyArchived;
  if (tab.view.category) return t.emptyCategory(tab.label);
  return t.empty;
}

function renderBanners(host: EdgeNotifyInbox) {
  const t = host.text;
  const state = host._state;
  const connection = host._online ? state?.connection : "offline";
  return html`${
    connection === "offline" || connection === "closed"
      ? html`<p class="banner" part="banner banner-${connection}">${connection === "offline" ? t.offline : t.closed}</p>`
      : nothing
  }${
    state?.error
      ? html`<p class="banner error" part="banner banner-error" role="alert">
          ${t.error}
          <button type="button" class="text-button" @click=${() => void host.inboxStore?.refresh().catch(() => {})}>
            ${t.retry}
          </button>
        </p>`
      : nothing
  }`;
}

function renderList(host: EdgeNotifyInbox) {
  const state = host._state;
  const tab = host.currentTab();
  const entries = state?.entries ?? [];
  const loading = !state || state.loading;
  const ctx: EntryContext = {
    strings: host.text,
    locale: host.locale,
    now: host._now,
    renderItem: host.renderItem,
    open: (item) => openItem(host, item),
    action: (event, item, action) => runAction(host, event, item, action),
    toggleRead: (item, event) => {
      const store = host.inboxStore;
      void (item.is_read ? store?.markAsUnread([item.uid]) : store?.markAsRead([item.uid]))?.catch(() => {});
      keepFocus(host, event);
    },
    toggleArchived: (item, event) => {
      const store = host.inboxStore;
      void (item.archived_at ? store?.unarchive([item.uid]) : store?.archive([item.uid]))?.catch(() => {});
      keepFocus(host, event);
    },
    groupActions: Boolean(host.inboxStore?.archiveGroups),
    toggleGroupRead: (group, event) => {
      const store = host.inboxStore;
      const keys = [group.group_key as string];
      void (group.unread > 0 ? store?.markGroupsAsRead?.(keys) : store?.markGroupsAsUnread?.(keys))?.catch(() => {});
      keepFocus(host, event);
    },
    toggleGroupArchived: (group, event) => {
      const store = host.inboxStore;
      const keys = [group.group_key as string];
      const archived = group.notification.archived_at !== null;
      void (archived ? store?.unarchiveGroups?.(keys) : store?.archiveGroups?.(keys))?.catch(() => {});
      keepFocus(host, event);
    },
  };
  return html`${renderTabs(host)}
    <div class="body" part="body" role="tabpanel" id="tabpanel" aria-labelledby=${tabId(host, tab.key)}>
      ${renderBanners(host)}
      ${
        entries.length > 0
          ? html`<div class="feed" part="list" role="feed" aria-busy=${String(loading)} aria-label=${tab.label}
              @keydown=${onFeedKey}>
              ${repeat(
                entries,
                // Keyed by notification, so focus and DOM state follow an item when the list changes.
                (entry) => (entry.kind === "item" ? entry.item.uid : entry.group.notification.uid),
                (entry, index) => renderEntry(entry, index, entries.length, ctx),
              )}
            </div>`
          : html`<p class="state" part="state" role="status">${loading ? host.text.loading : emptyText(host, tab)}</p>`
      }
      ${entries.length > 0 && loading ? html`<p class="state" part="state">${host.text.loadingMore}</p>` : nothing}
      ${state?.hasMore ? html`<div class="sentinel" aria-hidden="true"></div>` : nothing}
    </div>`;
}

export function renderPanel(host: EdgeNotifyInbox) {
  const t = host.text;
  const unread = host._state?.counts?.unread ?? 0;
  return html`<section
    class="panel"
    part="panel"
    id="panel"
    role="dialog"
    aria-modal="false"
    aria-labelledby="title"
    ?hidden=${!host.open}
  >
    <div class="head" part="header">
      ${
        host._prefs
          ? html`<button type="button" class="icon-button" part="back" aria-label=${t.back} title=${t.back}
              @click=${() => {
                host._prefs = false;
                void host.updateComplete.then(() => host.focusIn(`#${tabId(host, host.currentTab().key)}`));
              }}>${iconBack}</button>`
          : nothing
      }
      <h2 id="title">${host._prefs ? t.preferences : t.title}</h2>
      ${
        host._prefs
          ? nothing
          : // aria-disabled, not disabled: a focused button that became disabled would drop focus to <body>.
            html`<button type="button" class="text-button" part="mark-all" aria-disabled=${String(unread === 0)}
                @click=${() => unread > 0 && void host.inboxStore?.markAllAsRead().catch(() => {})}>${t.markAllRead}</button>
              <button type="button" class="icon-button" part="preferences-button" aria-label=${t.preferences}
                title=${t.preferences} @click=${() => {
                  host._prefs = true;
                  void host.inboxStore?.loadPreferences().catch(() => {});
                  void host.updateComplete.then(() => host.focusIn(".head button"));
                }}>${iconGear}</button>`
      }
      <button type="button" class="icon-button" part="close" aria-label=${t.close} title=${t.close}
        @click=${() => host.hide()}>${iconClose}</button>
    </div>
    ${host._prefs ? renderPreferences(host) : renderList(host)}
  </section>`;
}
