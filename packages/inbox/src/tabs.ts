/** The tabs: the ARIA tabs pattern, selection follows focus, arrow keys in the reading direction. */
import { html, nothing } from "lit";
import type { EdgeNotifyInbox, Tab } from "./element.js";

export const tabId = (host: EdgeNotifyInbox, key: string) => `tab-${host.tabs().findIndex((tab) => tab.key === key)}`;

function onTabKey(host: EdgeNotifyInbox, event: KeyboardEvent, tabs: Tab[], index: number) {
  const rtl = getComputedStyle(host).direction === "rtl";
  const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
  let next: number | undefined;
  if (step !== undefined) next = (index + step + tabs.length) % tabs.length;
  if (event.key === "Home") next = 0;
  if (event.key === "End") next = tabs.length - 1;
  if (next === undefined) return;
  event.preventDefault();
  const tab = tabs[next] as Tab;
  host.selectTab(tab.key);
  void host.updateComplete.then(() => host.focusIn(`#${tabId(host, tab.key)}`));
}

export function renderTabs(host: EdgeNotifyInbox) {
  const tabs = host.tabs();
  const current = host.currentTab();
  return html`<div class="tabs" part="tabs" role="tablist" aria-label=${host.text.tabsLabel}>
    ${tabs.map((tab, index) => {
      const selected = tab.key === current.key;
      return html`<button
        type="button"
        class="tab"
        part="tab${selected ? " tab-selected" : ""}"
        role="tab"
        id=${tabId(host, tab.key)}
        data-key=${tab.key}
        aria-selected=${String(selected)}
        aria-controls="tabpanel"
        tabindex=${selected ? 0 : -1}
        @click=${() => host.selectTab(tab.key)}
        @keydown=${(event: KeyboardEvent) => onTabKey(host, event, tabs, index)}
      >
        ${tab.label}${
          tab.unread
            ? html`<span class="count" aria-hidden="true">${tab.unread}</span><span class="sr-only"
                  >, ${host.text.tabUnread(tab.unread)}</span
                >`
            : nothing
        }
      </button>`;
    })}
  </div>`;
}

/**
 * Scrolls the tab row (not the page) so the selected tab shows whole. By rectangles, so the same
 * sum works in right-to-left, where scrollLeft counts down from 0.
 */
export function revealSelectedTab(host: EdgeNotifyInbox): void {
  const row = host.renderRoot.querySelector<HTMLElement>(".tabs");
  const tab = row?.querySelector<HTMLElement>('[aria-selected="true"]');
  if (!row || !tab) return;
  const outer = row.getBoundingClientRect();
  const inner = tab.getBoundingClientRect();
  // The row's own padding stays visible beside the tab at either end.
  const pad = 12;
  if (inner.left < outer.left + pad) row.scrollLeft -= outer.left + pad - inner.left;
  else if (inner.right > outer.right - pad) row.scrollLeft += inner.right - (outer.right - pad);
}
