/**
 * Keeps the element on one store: subscribes, starts it, stops it only if the element made it,
 * and turns its changes into the element's state, `counts-change` events and live announcements.
 */
import type { ReactiveController } from "lit";
import type { EdgeNotifyInbox } from "./element.js";
import type { InboxCounts, InboxState, InboxStoreLike } from "./store.js";

export class StoreBinding implements ReactiveController {
  store: InboxStoreLike | null = null;
  private owned = false;
  private off: (() => void)[] = [];
  private lastCounts = "";
  /** The panel opened before the first page came: mark seen once it is there. */
  seenOnLoad = false;

  constructor(private readonly host: EdgeNotifyInbox) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.bind(null, false);
  }

  bind(store: InboxStoreLike | null, owned: boolean): void {
    for (const off of this.off) off();
    this.off = [];
    if (this.store && this.owned) this.store.stop();
    this.store = store;
    this.owned = owned;
    this.host._state = store?.getState() ?? null;
    if (!store) return;
    this.off.push(
      store.subscribe(() => this.onState(store.getState())),
      store.onEvent((event) => {
        if (event.type === "created") this.host.announce(this.host.text.announce(event.item.notification.message));
      }),
    );
    this.onState(store.getState());
    store.start().catch(() => {
      // The store keeps the failure in state.error, which the panel shows with a retry button.
    });
  }

  /** Marks seen what the panel shows (up to the newest entry listed), once it is listed. */
  markSeen(): void {
    const state = this.store?.getState();
    if (state?.loading && state.items.length === 0) {
      this.seenOnLoad = true;
      return;
    }
    if ((state?.counts?.unseen ?? 0) > 0) void this.store?.markAllAsSeen().catch(() => {});
  }

  private onState(state: InboxState): void {
    this.host._state = state;
    if (this.seenOnLoad && !state.loading) {
      this.seenOnLoad = false;
      this.markSeen();
    }
    const counts = state.counts;
    const key = counts ? JSON.stringify(counts) : "";
    if (counts && key !== this.lastCounts) {
      this.lastCounts = key;
      this.host.emit<{ counts: InboxCounts }>("counts-change", { counts }, false);
    }
  }
}
