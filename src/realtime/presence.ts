import { createDb } from "../db/client";
import { logEvent } from "../ops/log";
import { setListening } from "../users/service";
import { withRetries } from "./retry";

/**
 * The hub's side of the `has_sockets` flag that tells writes whether to push to it. Updates run
 * one after another and each reads the sockets when it runs, so the last one written reflects
 * the sockets held last, whatever order connects and closes came in. A write that fails after
 * its retries calls `onFailure` (the hub then tries again from its alarm: while the flag is
 * wrong, writes do not push here).
 */
export class Presence {
  private chain: Promise<void> = Promise.resolve();
  /** What D1 was last told; unknown after a wake-up. */
  private told: boolean | undefined;

  constructor(
    private readonly env: Env,
    private readonly hasSockets: () => boolean,
    private readonly onFailure: () => void,
  ) {}

  /** D1 may not know this hub's sockets: nothing written since wake-up, or the last write failed. */
  get unsure(): boolean {
    return this.told === undefined;
  }

  sync(userId: string): Promise<void> {
    this.chain = this.chain
      .then(async () => {
        const listening = this.hasSockets();
        if (listening === this.told) return;
        await withRetries(() => setListening(createDb(this.env.DB), userId, listening));
        this.told = listening;
      })
      .catch((error: unknown) => {
        logEvent("error", "hub_presence_failed", { user_id: userId, error: String(error) });
        this.told = undefined;
        this.onFailure();
      });
    return this.chain;
  }
}
