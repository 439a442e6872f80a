const KEY = "next-expiry";

/**
 * When the hub must wake to expire notifications, kept in the hub's storage so it survives
 * eviction. The counts a hub receives or reads carry the user's next expiry; at that moment the
 * alarm re-reads the snapshot (which expires what is due) and the sockets get fresh counts, not
 * at the user's next write.
 */
export class ExpiryWatch {
  constructor(private readonly storage: DurableObjectStorage) {}

  /**
   * Remembers `nextExpiry` (ISO) if it is sooner than what is known, or replaces a known expiry
   * that has passed (the counts carrying `nextExpiry` were read after it). Returns it in ms, or null.
   */
  async note(nextExpiry: string | null | undefined): Promise<number | null> {
    const known = await this.storage.get<number>(KEY);
    const at = nextExpiry ? Date.parse(nextExpiry) : Number.NaN;
    if (!Number.isFinite(at)) {
      // Nothing expires any more: forget a passed expiry (a future one may still be pending).
      if (known !== undefined && known <= Date.now()) await this.storage.delete(KEY);
      return null;
    }
    if (known === undefined || at < known || known <= Date.now()) await this.storage.put(KEY, at);
    return at;
  }

  /**
   * Whether an expiry is due at `now`. It stays known until a successful read notes the next one,
   * so a read that fails is tried again rather than forgotten.
   */
  async due(now: number): Promise<boolean> {
    const known = await this.storage.get<number>(KEY);
    return known !== undefined && known <= now;
  }

  /** The pending expiry in ms, if any. */
  async next(): Promise<number | null> {
    return (await this.storage.get<number>(KEY)) ?? null;
  }
}
