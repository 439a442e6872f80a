/**
 * `<edge-notify-inbox>`: a bell with the unseen badge and a panel with the live inbox, on the
 * InboxStore of @edge-notify/client. State comes only from the store (socket events, no polling);
 * the element renders it and turns clicks and keys into store actions and DOM events.
 */
import type { NotificationItem } from "@edge-notify/client";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { StoreBinding } from "./binding.js";
import { createStore } from "./create-store.js";
import { iconBell, type NotificationAction, type RenderItem } from "./entry.js";
import { InfiniteScroll } from "./infinite-scroll.js";
import { renderPanel } from "./panel.js";
import type { InboxCounts, InboxState, InboxStoreLike, InboxView } from "./store.js";
import { defaultStrings, type InboxStrings } from "./strings.js";
import { styles } from "./styles.js";
import { revealSelectedTab } from "./tabs.js";

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
    _online: { state: true },
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
  /** The browser's own word (navigator.onLine): a dead network shows before the socket notices. */
  declare _online: boolean;
  declare _announcement: string;

  private readonly binding = new StoreBinding(this);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    new InfiniteScroll(this);
    this.baseUrl = "";
    this.categories = [];
    this.strings = {};
    this.open = false;
    this._state = null;
    this._tab = "all";
    this._prefs = false;
    this._now = Date.now();
    this._announcement = "";
    this._online = true;
  }

  get text(): InboxStrings {
    return { ...defaultStrings, ...this.strings };
  }

  /** The store in use (the given one or the element's own), e.g. to share it after the fact. */
  get inboxStore(): InboxStoreLike | null {
    return this.binding.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Relative times move on once a minute while they are on screen; nothing is fetched for it.
    this.timer = setInterval(() => {
      if (this.open) this._now = Date.now();
    }, 60_000);
    document.addEventListener("pointerdown", this.onOutside, true);
    for (const type of ["online", "offline"]) window.addEventListener(type, this.onNetwork);
    this._online = navigator.onLine;
    // Moved in the document: the binding let its store go on disconnect; willUpdate makes a new one.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    document.removeEventListener("pointerdown", this.onOutside, true);
    for (const type of ["online", "offline"]) window.removeEventListener(type, this.onNetwork);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ["store", "baseUrl", "getToken", "pageSize"] as const;
    const active = this.binding.store;
    if (active && !inputs.some((name) => changed.has(name))) return;
    if (this.store) {
      if (this.store !== active) this.binding.bind(this.store, false);
    } else if (this.getToken && this.isConnected) {
      const getToken = this.getToken;
      const store = createStore({
        baseUrl: this.baseUrl ?? "",
        getToken: () => getToken(),
        pageSize: this.pageSize,
        view: this.currentTab().view,
      });
      this.binding.bind(store, true);
    } else if (active) {
      this.binding.bind(null, false);
    }
  }

  /** Says `message` through the polite live region. */
  announce(message: string): void {
    // Clearing first makes a repeated message be read again.
    this._announcement = "";
    requestAnimationFrame(() => {
      this._announcement = message;
    });
  }

  emit<T>(type: string, detail: T, cancelable: boolean): boolean {
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
    void this.inboxStore?.setView(this.currentTab().view).catch(() => {});
    if (focus) void this.updateComplete.then(() => this.focusIn(SELECTED_TAB));
  }

  /** Opens the panel: focus moves into it and what it shows is marked seen. */
  async show(): Promise<void> {
    if (this.open) return;
    this._now = Date.now();
    this.open = true;
    await this.updateComplete;
    this.focusIn(SELECTED_TAB);
    this.binding.markSeen();
  }

  /** Closes the panel; focus returns to the bell unless the user clicked elsewhere. */
  hide(returnFocus = true): void {
    if (!this.open) return;
    this.open = false;
    this._prefs = false;
    if (returnFocus) this.focusIn(".bell");
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("_tab" as keyof EdgeNotifyInbox) || changed.has("open")) revealSelectedTab(this);
  }

  focusIn(selector: string): void {
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  private onNetwork = () => {
    this._online = navigator.onLine;
  };

  private onOutside = (event: PointerEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.hide(false);
  };

  protected override render() {
    const t = this.text;
    const unseen = this._state?.counts?.unseen ?? 0;
    // Escape closes from anywhere in the element, the bell included, and gives focus back to the bell.
    return html`<div
      class="root"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== "Escape" || !this.open) return;
        event.stopPropagation();
        this.hide();
      }}
    >
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
