import { ApiError } from "../errors";
import { logEvent } from "../ops/log";
import { CLOSE_FORBIDDEN } from "./protocol";
import { closeWithError } from "./sockets";

type Request = { sockets: WebSocket[]; reply: boolean };
type Batch = { userId: string; requests: Request[]; done: Promise<void> };

/**
 * Reads the user's snapshot from D1 and sends it, with at most one read in flight per hub. A
 * request that arrives while a read is in flight waits for the next read, which every request
 * arriving meanwhile shares: a burst of refreshes costs two reads, not one per frame. Sharing the
 * read in flight instead would be cheaper still, but it may have started before the change the
 * client is asking about; waiting for the next one keeps a refresh able to repair a lost push.
 */
export class Refresher<T = unknown> {
  /** Reads started since the hub woke up (a statistic, read by the tests). */
  reads = 0;
  private waiting: Batch | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    /** Reads what the sockets asking are sent (they are given: a catch-up reads from the oldest one's version). */
    private read: (userId: string, sockets: WebSocket[]) => Promise<T>,
    private deliver: (sockets: WebSocket[], snapshot: T, reply: boolean) => void,
  ) {}

  /** Requests waiting for the next read. */
  get queued(): number {
    return this.waiting?.requests.length ?? 0;
  }

  /**
   * Sends a snapshot read after this call to `sockets`; `reply` when it answers their own frame
   * (see deliver). Settles once it is sent; never rejects.
   */
  refresh(sockets: WebSocket[], userId: string, reply: boolean): Promise<void> {
    if (!this.waiting) {
      const batch: Batch = { userId, requests: [], done: Promise.resolve() };
      batch.done = this.tail.then(() => this.run(batch));
      this.tail = batch.done;
      this.waiting = batch;
    }
    this.waiting.requests.push({ sockets, reply });
    return this.waiting.done;
  }

  private async run(batch: Batch): Promise<void> {
    // From here on, new requests wait for the next read: this one may miss what they ask about.
    this.waiting = null;
    this.reads += 1;
    const asking = [...new Set(batch.requests.flatMap((request) => request.sockets))];
    let snapshot: T;
    try {
      snapshot = await this.read(batch.userId, asking);
    } catch (error) {
      if (error instanceof ApiError) {
        // The user may not listen (deactivated, notifications disabled): 4403 on every socket asking.
        for (const ws of asking) closeWithError(ws, CLOSE_FORBIDDEN, String(error.body.detail));
        return;
      }
      // D1 trouble: keep the sockets; the next push or refresh converges.
      logEvent("error", "hub_refresh_failed", { user_id: batch.userId, error: String(error) });
      return;
    }
    for (const { sockets, reply } of batch.requests) this.deliver(sockets, snapshot, reply);
  }
}
