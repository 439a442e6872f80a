/** Infinite scroll: the sentinel under the list asks the store for the next page when it comes into view. */
import type { ReactiveController } from "lit";
import type { EdgeNotifyInbox } from "./element.js";

export class InfiniteScroll implements ReactiveController {
  private observer: IntersectionObserver | null = null;
  private observed: Element | null = null;

  constructor(private readonly host: EdgeNotifyInbox) {
    host.addController(this);
  }

  hostUpdated(): void {
    const sentinel = this.host.renderRoot.querySelector(".sentinel");
    if (sentinel === this.observed) return;
    this.observer?.disconnect();
    this.observed = sentinel;
    if (!sentinel) return;
    this.observer = new IntersectionObserver(
      (entries) => {
        const state = this.host._state;
        if (entries.some((entry) => entry.isIntersecting) && state?.hasMore && !state.loading) {
          void this.host.inboxStore?.loadMore().catch(() => {});
        }
      },
      { root: this.host.renderRoot.querySelector(".body"), rootMargin: "120px" },
    );
    this.observer.observe(sentinel);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.observed = null;
  }
}
