/**
 * `<edge-notify-inbox>`: a bell with the unseen badge and a panel with the live inbox, on the
 * InboxStore of @edge-notify/client. State comes only from the store (socket events, no polling);
 * the element renders it and turns clicks and keys into store actions and DOM events.
 */
import type { NotificationItem } from "@edge-notify/client";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { createStore } from "./create-store.js";
import { iconBell, type NotificationAction, type RenderItem } from "./entry.js";
import { renderPanel } from "./panel.js";
import type { InboxCounts, InboxState, InboxStoreLike, InboxView } from "./store.js";
import { defaultStrings, type InboxStrings } from "./strings.js";
import { styles } from "./styles.js";

export type Tab = { key: string; label: string; view: InboxView; unread: number | undefined };
export type NotificationClickDetail = { item: NotificationItem };
export type ActionClickDetail = { item: NotificationItem; action: NotificationAction };
export type CountsChangeDetail = { counts: InboxCounts };

const SELECTED_TAB = '[role="tab"][aria-selected="true"]';

const listAttribute = {
  fromAttribute: (value: string | null) =>
    (value ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
  toAttribute: (value: string[]) => value.join(","),
};

export class EdgeNotifyInbox extends LitElement {
  static override styles = styles;
  static override properties = {
    baseUrl: { attribute: "base-url" },
    getToken: { attribute: false },
    categories: { converter: listAttribute },
    pageSize: { attribute: "page-size", type: Number },
    locale: {},
    theme: { reflect: true },
    strings: { attribute: false },
    renderItem: { attribute: false },
    store: { attribute: false },
    open: { type: Boolean, reflect: true },
    _state: { state: true },
    _tab: { state: true },
    _prefs: { state: true },
    _now: { state: true },
    _announcement: { state: true },
  };

  /** The service's URL; "" (the default) for the page's own origin. */
  declare baseUrl: string;
  /** Returns the user's access token; called whenever the client authenticates. */
  declare getToken: (() => string | Promise<string>) | undefined;
  /** Categories shown as tabs, in this order (attribute: comma-separated). */
  declare categories: string[];
  declare pageSize: number | undefined;
  /** A BCP 47 tag for relative times; the browser's language when unset. */
  declare locale: string | undefined;
  /** "light", "dark", or unset / "auto" to follow prefers-color-scheme. */
  declare theme: string | undefined;
  /** Replacements for any of the element's words (see InboxStrings). */
  declare strings: Partial<InboxStrings>;
  declare renderItem: RenderItem | undefined;
  /** A store shared with the host app; the element then neither starts a client nor stops it. */
  declare store: InboxStoreLike | undefined;
  /** Whether the panel is open (settable to open or close it). */
  declare open: boolean;
  declare _state: InboxState | null;
  declare _tab: string;
  declare _prefs: boolean;
  declare _now: number;
  declare _announcement: string;

  private active: InboxStoreLike | null = null;
  private owned = false;
  private unsubscribe: (() => void)[] = [];
  private lastCounts: InboxCounts | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private observer: IntersectionObserver | null = null;
  private observed: Element | null = null;

  constructor() {
    super();
    this.baseUrl = "";
    this.categories = [];
    this.strings = {};
    this.open = false;
    this._state = null;
    this._tab = "all";
    this._prefs = false;
    this._now = Date.now();
    this._announcement = "";
  }

  get text(): InboxStrings {
    return { ...defaultStrings, ...this.strings };
  }

  /** The store in use (the given one or the element's own), e.g. to share it after the fact. */
  get inboxStore(): InboxStoreLike | null {
    return this.active;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative times move on once a minute; nothing is fetched for it.
    this.timer = setInterval(() => {
      this._now = Date.now();
    }, 60_000);
    document.addEventListener("pointerdown", this.onOutside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    document.removeEventListener("pointerdown", this.onOutside, true);
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
    this.bind(null, false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ["store", "baseUrl", "getToken", "pageSize"] as const;
    if (this.active && !inputs.some((name) => changed.has(name))) return;
    if (this.store) {
      if (this.store !== this.active) this.bind(this.store, false);
    } else if (this.getToken && this.isConnected) {
      const getToken = this.getToken;
      const store = createStore({
        baseUrl: this.baseUrl ?? "",
        getToken: () => getToken(),
        pageSize: this.pageSize,
        view: this.currentTab().view,
      });
      this.bind(store, true);
    } else if (this.active) {
      this.bind(null, false);
    }
  }

  private bind(store: InboxStoreLike | null, owned: boolean): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    if (this.active && this.owned) this.active.stop();
    this.active = store;
    this.owned = owned;
    this._state = store?.getState() ?? null;
    if (!store) return;
    this.unsubscribe.push(
      store.subscribe(() => this.onState(store.getState())),
      store.onEvent((event) => {
        if (event.type === "created") this.announce(this.text.announce(event.item.notification.message));
      }),
    );
    this.onState(store.getState());
    store.start().catch(() => {
      // The store keeps the failure in state.error, which the panel shows with a retry button.
    });
  }

  private onState(state: InboxState): void {
    this._state = state;
    const counts = state.counts;
    if (counts && JSON.stringify(counts) !== JSON.stringify(this.lastCounts)) {
      this.lastCounts = counts;
      this.emit<CountsChangeDetail>("counts-change", { counts }, false);
    }
  }

  private announce(message: string): void {
    // Clearing first makes a repeated message be read again.
    this._announcement = "";
    requestAnimationFrame(() => {
      this._announcement = message;
    });
  }

  private emit<T>(type: string, detail: T, cancelable: boolean): boolean {
    return this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  tabs(): Tab[] {
    const counts = this._state?.counts;
    const t = this.text;
    return [
      { key: "all", label: t.all, view: { grouped: true }, unread: undefined },
      { key: "unread", label: t.unread, view: { unreadOnly: true }, unread: counts?.unread },
      ...this.categories.map((name) => ({
        key: `category:${name}`,
        label: t.category(name),
        view: { category: name },
        unread: counts ? (counts.categories[name]?.unread ?? 0) : undefined,
      })),
      { key: "archived", label: t.archived, view: { archived: true }, unread: undefined },
    ];
  }

  currentTab(): Tab {
    const tabs = this.tabs();
    return tabs.find((tab) => tab.key === this._tab) ?? (tabs[0] as Tab);
  }

  selectTab(key: string, focus = false): void {
    this._tab = key;
    this._prefs = false;
    void this.active?.setView(this.currentTab().view).catch(() => {});
    if (focus) void this.updateComplete.then(() => this.focusIn(SELECTED_TAB));
  }

  /** Opens the panel: focus moves into it and what it shows is marked seen. */
  async show(): Promise<void> {
    if (this.open) return;
    this.open = true;
    await this.updateComplete;
    this.focusIn(SELECTED_TAB);
    if ((this._state?.counts?.unseen ?? 0) > 0) void this.active?.markAllAsSeen().catch(() => {});
  }

  /** Closes the panel; focus returns to the bell unless the user clicked elsewhere. */
  hide(returnFocus = true): void {
    if (!this.open) return;
    this.open = false;
    this._prefs = false;
    if (returnFocus) this.focusIn(".bell");
  }

  focusIn(selector: string): void {
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  openItem(item: NotificationItem): void {
    if (!this.emit<NotificationClickDetail>("notification-click", { item }, true)) return;
    void this.active?.markAsInteracted(item.uid).catch(() => {});
    const href = item.action_url ? new URL(item.action_url, location.href) : null;
    if (href && (href.protocol === "https:" || href.protocol === "http:")) location.assign(href.href);
  }

  runAction(event: Event, item: NotificationItem, action: NotificationAction): void {
    const recorded = this.active?.markAsInteracted(item.uid, action.id).catch(() => {}) ?? Promise.resolve();
    const allowed = this.emit<ActionClickDetail>("action-click", { item, action }, true);
    const mouse = event as MouseEvent;
    // Ctrl/Cmd/Shift-click opens a new tab or window: the page stays, nothing to wait for.
    if (allowed && (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey)) return;
    event.preventDefault();
    if (!allowed) return;
    // Follow the link once the click is recorded (bounded: a slow network must not trap the user).
    const href = (event.currentTarget as HTMLAnchorElement).href;
    void Promise.race([recorded, new Promise((resolve) => setTimeout(resolve, 1500))]).then(() =>
      location.assign(href),
    );
  }

  private onOutside = (event: PointerEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.hide(false);
  };

  protected override updated(): void {
    // Infinite scroll: the sentinel under the list asks for the next page when it comes into view.
    const sentinel = this.renderRoot.querySelector(".sentinel");
    if (sentinel === this.observed) return;
    this.observer?.disconnect();
    this.observed = sentinel;
    if (!sentinel) return;
    this.observer = new IntersectionObserver(
      (entries) => {
        const state = this._state;
        if (entries.some((entry) => entry.isIntersecting) && state?.hasMore && !state.loading) {
          void this.active?.loadMore().catch(() => {});
        }
      },
      { root: this.renderRoot.querySelector(".body"), rootMargin: "120px" },
    );
    this.observer.observe(sentinel);
  }

  protected override render() {
    const t = this.text;
    const unseen = this._state?.counts?.unseen ?? 0;
    return html`<div class="root">
      <button
        type="button"
        class="bell"
        part="bell"
        aria-label=${t.bell(unseen)}
        aria-expanded=${String(this.open)}
        aria-controls="panel"
        aria-haspopup="dialog"
        @click=${() => (this.open ? this.hide() : this.show())}
      >
        ${iconBell}
        ${unseen > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unseen > 99 ? "99+" : unseen}</span>` : nothing}
      </button>
      <div class="sr-only" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      ${renderPanel(this)}
    </div>`;
  }
}
