const KEY = "next-expiry";

/**
 * When the hub must wake to expire notifications, kept in the hub's storage so it survives
 * eviction. The counts a hub receives or reads carry the user's next expiry; at that moment the
 * alarm re-reads the snapshot (which expires what is due) and the sockets get fresh counts, not
 * at the user's next write.
 */
export class ExpiryWatch {
  constructor(private readonly storage: DurableObjectStorage) {}

  /** Remembers `nextExpiry` (ISO) if it is sooner than what is known; returns it in ms, or null. */
  async note(nextExpiry: string | null | undefined): Promise<number | null> {
    if (!nextExpiry) return null;
    const at = Date.parse(nextExpiry);
    if (!Number.isFinite(at)) return null;
    const known = await this.storage.get<number>(KEY);
    if (known === undefined || at < known || known <= Date.now()) await this.storage.put(KEY, at);
    return at;
  }

  /** Whether an expiry is due at `now` (and forgets it: the read that follows learns the next one). */
  async due(now: number): Promise<boolean> {
    const known = await this.storage.get<number>(KEY);
    if (known === undefined || known > now) return false;
    await this.storage.delete(KEY);
    return true;
  }

  /** The pending expiry in ms, if any. */
  async next(): Promise<number | null> {
    return (await this.storage.get<number>(KEY)) ?? null;
  }
}
