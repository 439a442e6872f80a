/**
 * The core of InboxStore (store.ts adds the actions): a live, framework-free inbox over one
 * NotificationsClient. Lists come from REST, then follow the `events.v1` frames (store-apply.ts).
 *
 * State is immutable: getState() returns the same object until something changed, as React's
 * useSyncExternalStore requires. What the server confirmed (`confirmed`, `confirmedCounts`) is
 * kept apart from the optimistic changes still in flight (`pending`), so a rollback is just
 * dropping one and a late frame never fights a guess.
 */
import type { NotificationsClient } from "./client.js";
import { type Applied, applyChange, applyCreated, entryItem } from "./store-apply.js";
import { adjustCounts } from "./store-counts.js";
import { loadPage } from "./store-load.js";
import type { Change, InboxEntry, InboxEvent, InboxState, InboxView } from "./store-types.js";
import type { EventsFrame, InboxCounts, PreferencesBody } from "./types.js";
import { inboxCounts } from "./types.js";

export type InboxStoreOptions = {
  view?: InboxView;
  /** Entries per page (default 20, at most 100). */
  pageSize?: number;
  /** How long start() waits for the socket's first frame before loading anyway (default 3000 ms). */
  firstFrameTimeoutMs?: number;
};

/**
 * An optimistic change; once its REST call answered, the next frame retires it. A change by
 * `group_keys` reaches members the lists never loaded, and frames may name only some of them:
 * it stays until a reload of the lists that started after its answer (`reloadAfter`).
 */
type Pending = { change: Change; answeredAt: number | null; reloadAfter?: number };
type ListFrame = { created?: EventsFrame & { type: "notification.created" }; change?: Change };

const emptyState = (view: InboxView): InboxState => ({
  entries: [],
  items: [],
  counts: null,
  hasMore: false,
  loading: false,
  connection: "closed",
  error: null,
  version: -1,
  preferences: null,
  view,
});

export class InboxCore {
  protected state: InboxState;
  protected confirmed: InboxEntry[] = [];
  protected confirmedCounts: InboxCounts | null = null;
  protected pending: Pending[] = [];
  protected cursor: string | null = null;
  protected readonly pageSize: number;
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: InboxEvent) => void>();
  /** Frames that arrived while a list request was in flight: replayed onto its answer. */
  private readonly recorders = new Set<ListFrame[]>();
  private loadSeq = 0;
  /** The loadSeq of the last first page that arrived. */
  private reloaded = 0;
  private loaded = false;
  private refetchTimer: ReturnType<typeof setTimeout> | undefined;
  private started: Promise<void> | null = null;
  private firstFrame: (() => void) | null = null;
  private unsubscribe: (() => void)[] = [];
  private readonly since = () => this.state.version;

  constructor(
    readonly client: NotificationsClient,
    private readonly options: InboxStoreOptions = {},
  ) {
    this.pageSize = Math.min(100, Math.max(1, options.pageSize ?? 20));
    this.state = emptyState(options.view ?? {});
  }

  getState = (): InboxState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onEvent(listener: (event: InboxEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Opens the events.v1 socket, then loads the first page and the counts. Idempotent. */
  start(): Promise<void> {
    if (this.started) return this.started;
    const first = new Promise<void>((resolve) => {
      this.firstFrame = resolve;
      setTimeout(resolve, this.options.firstFrameTimeoutMs ?? 3000);
    });
    this.unsubscribe = [
      this.client.onEvent((frame) => this.onFrame(frame)),
      this.client.onStatus((connection) => {
        this.update({ connection });
        // Not coming soon (hidden tab, refused): load without waiting for the first frame.
        if (connection !== "connecting" && connection !== "open") this.firstFrame?.();
      }),
    ];
    this.client.connect({ protocol: "events.v1", since: this.since });
    // A socket another store opened already sent its first frame: ask for the counts now.
    if (this.client.status === "open") this.client.refresh();
    this.update({ connection: this.client.status, loading: true });
    this.started = (async () => {
      // Loading after the first frame means every later change arrives as a frame: no gap between
      // the page and the socket. The counts come from that frame; REST only if it is late.
      await first;
      await Promise.all([this.load(), this.state.counts ? undefined : this.loadCounts()]);
    })();
    return this.started;
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.client.release(this.since);
    clearTimeout(this.refetchTimer);
    this.started = null;
    this.update({ connection: "closed" });
  }

  async setView(view: InboxView): Promise<void> {
    this.confirmed = [];
    this.cursor = null;
    this.loaded = false;
    this.update({ view, hasMore: false });
    await this.load();
  }

  /** The next page, by cursor. */
  async loadMore(): Promise<void> {
    if (!this.state.hasMore || this.state.loading || !this.cursor) return;
    await this.fetchList(this.cursor, this.pageSize);
  }

  /** Reloads the lists (as many entries as are loaded, up to 100) and the preferences if loaded. */
  async refresh(): Promise<void> {
    const size = Math.min(100, Math.max(this.pageSize, this.confirmed.length));
    await Promise.all([
      this.fetchList(null, size),
      this.state.counts ? undefined : this.loadCounts(),
      this.state.preferences ? this.loadPreferences() : undefined,
    ]);
  }

  async loadPreferences(): Promise<void> {
    const preferences = await this.client.getPreferences();
    this.update({ preferences });
  }

  protected load(): Promise<void> {
    return this.fetchList(null, this.pageSize);
  }

  private async loadCounts(): Promise<void> {
    const counts = inboxCounts(await this.client.allCounts());
    // A frame that arrived meanwhile is newer than this answer, which carries no version.
    if (!this.confirmedCounts) {
      this.confirmedCounts = counts;
      this.render();
    }
  }

  /** Fetches a page (cursor null: the first), replaying onto it the frames that arrived meanwhile. */
  private async fetchList(cursor: string | null, size: number): Promise<void> {
    const seq = cursor === null ? ++this.loadSeq : this.loadSeq;
    const recorded: ListFrame[] = [];
    this.recorders.add(recorded);
    this.update({ loading: true });
    try {
      const page = await loadPage(this.client, this.state.view, size, cursor);
      if (seq !== this.loadSeq) return;
      let entries = page.entries;
      for (const frame of recorded) entries = this.replay(entries, frame).entries;
      if (cursor === null) {
        this.confirmed = entries;
        this.reloaded = seq;
      } else {
        const known = new Set(this.confirmed.map((entry) => entryKey(entry)));
        this.confirmed = [...this.confirmed, ...entries.filter((entry) => !known.has(entryKey(entry)))];
      }
      this.cursor = page.nextCursor;
      this.loaded = true;
      this.retireSettled();
      this.update({ hasMore: page.hasMore, loading: false, error: null });
    } catch (error) {
      if (seq === this.loadSeq) this.fail(error, "load");
      this.update({ loading: false });
      throw error;
    } finally {
      this.recorders.delete(recorded);
    }
  }

  private replay(entries: InboxEntry[], frame: ListFrame): Applied {
    if (frame.created) return applyCreated(entries, frame.created.item, this.state.view, false);
    if (frame.change) return applyChange(entries, frame.change, this.state.view, false);
    return { entries, refetch: false };
  }

  private onFrame(frame: EventsFrame): void {
    const { version } = this.state;
    if (frame.type === "reset") {
      // The counts frame at the reset's version follows; whatever we held is no base any more.
      this.update({ version: -1 });
      this.emit({ type: "reset", reason: frame.reason });
      this.scheduleRefetch();
      return;
    }
    if (frame.version <= version) return;
    // Counts at the first frame, or a jump: changes to the lists may have been missed.
    const jumped = version >= 0 && frame.version > version + 1;
    if ((version < 0 && this.loaded) || jumped) this.scheduleRefetch();
    this.confirmedCounts = frame.counts;
    let listFrame: ListFrame | null = null;
    if (frame.type === "notification.created") listFrame = { created: frame };
    if (frame.type === "notifications.changed") {
      const { type: _t, version: _v, counts: _c, ...change } = frame;
      listFrame = { change: { ...change, at: frame.at ?? new Date().toISOString() } };
    }
    if (listFrame) {
      for (const recorder of this.recorders) recorder.push(listFrame);
      const applied = this.replay(this.confirmed, listFrame);
      this.confirmed = applied.entries;
      if (applied.refetch) this.scheduleRefetch();
    }
    const preferences: PreferencesBody | null =
      frame.type === "preferences.changed" ? frame.preferences : this.state.preferences;
    this.retireSettled(frame.version);
    this.update({ version: frame.version, preferences });
    this.firstFrame?.();
    if (frame.type === "notification.created" && listFrame) this.emit({ type: "created", item: frame.item });
  }

  protected scheduleRefetch(): void {
    clearTimeout(this.refetchTimer);
    this.refetchTimer = setTimeout(() => void this.refresh().catch(() => {}), 30);
  }

  /** Shows an optimistic change at once; `call` confirms it or it is rolled back. */
  protected async optimistic(name: string, change: Omit<Change, "at">, call: () => Promise<unknown>): Promise<void> {
    const op: Pending = { change: { ...change, at: new Date().toISOString() }, answeredAt: null };
    this.pending = [...this.pending, op];
    this.render();
    try {
      await call();
      // Frames up to the version known now may predate the action; a later one includes it.
      op.answeredAt = this.state.version;
      if (change.group_keys) {
        op.reloadAfter = this.loadSeq;
        this.scheduleRefetch();
      }
      this.retireSettled();
      this.update({ error: null });
    } catch (error) {
      this.pending = this.pending.filter((other) => other !== op);
      this.fail(error, name);
      this.scheduleRefetch();
      throw error;
    }
  }

  /**
   * Drops the optimistic changes the server has confirmed: answered, and either a frame newer
   * than the answer arrived or the confirmed lists already show the change.
   */
  private retireSettled(version = this.state.version): void {
    const settled = (op: Pending) =>
      op.answeredAt !== null &&
      ((op.reloadAfter === undefined ? op.answeredAt < version : this.reloaded > op.reloadAfter) ||
        sameEntries(applyChange(this.confirmed, op.change, this.state.view, true).entries, this.confirmed));
    if (this.pending.some(settled)) this.pending = this.pending.filter((op) => !settled(op));
  }

  protected fail(error: unknown, action: string): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.update({ error: failure });
    this.emit({ type: "error", error: failure, action });
  }

  protected update(patch: Partial<InboxState>): void {
    this.render(patch);
  }

  /** Recomputes the visible state: the confirmed lists with the pending changes on top. */
  private render(patch: Partial<InboxState> = {}): void {
    const view = patch.view ?? this.state.view;
    const { entries, counts } = this.fold(view);
    const next: InboxState = { ...this.state, ...patch, view, counts };
    if (entries !== this.state.entries) {
      next.entries = entries;
      next.items = entries.map(entryItem);
    }
    if (shallowEqual(next, this.state)) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private folded: { key: unknown[]; entries: InboxEntry[]; counts: InboxCounts | null } | null = null;

  /** The pending changes over the confirmed lists, recomputed only when one of them changed. */
  private fold(view: InboxView): { entries: InboxEntry[]; counts: InboxCounts | null } {
    const key = [this.confirmed, this.confirmedCounts, this.pending, view];
    if (this.folded?.key.every((part, i) => part === key[i])) return this.folded;
    let entries = this.confirmed;
    let counts = this.confirmedCounts;
    for (const op of this.pending) {
      const next = applyChange(entries, op.change, view, true).entries;
      if (counts) counts = adjustCounts(counts, entries, next, op.change);
      entries = next;
    }
    this.folded = { key, entries, counts };
    return this.folded;
  }

  private emit(event: InboxEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
}

const entryKey = (entry: InboxEntry): string =>
  entry.kind === "item" ? entry.item.uid : `group:${entry.group.group_key ?? entry.group.notification.uid}`;

const sameEntries = (a: InboxEntry[], b: InboxEntry[]) =>
  a.length === b.length && a.every((entry, i) => entry === b[i]);

function shallowEqual(a: InboxState, b: InboxState): boolean {
  return (Object.keys(a) as (keyof InboxState)[]).every((key) => a[key] === b[key]);
}
