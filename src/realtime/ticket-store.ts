import { formatTicket, newNonce, TICKET_TTL_MS, type TicketRecord } from "./tickets";

const PREFIX = "ticket:";

/** The hub's issued, not yet redeemed tickets, in its own storage. */
export class TicketStore {
  constructor(private readonly storage: DurableObjectStorage) {}

  /** A ticket valid for 60 s and never past the token's expiry; returns when it expires too. */
  async issue(userId: string, tokenExpiresAt: number) {
    const now = Date.now();
    const nonce = newNonce();
    const expiresAt = Math.min(now + TICKET_TTL_MS, tokenExpiresAt * 1000);
    await this.storage.put(PREFIX + nonce, { expiresAt, tokenExpiresAt } satisfies TicketRecord);
    return {
      ticket: formatTicket(userId, nonce),
      expiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)),
      expiresAt,
    };
  }

  /**
   * A ticket works once: it is deleted as it is read, whatever its state. Storage operations of
   * one object do not interleave, so two upgrades can never both redeem it.
   */
  async redeem(nonce: string): Promise<TicketRecord | null> {
    const key = PREFIX + nonce;
    const record = await this.storage.get<TicketRecord>(key);
    if (!record) return null;
    await this.storage.delete(key);
    return record.expiresAt > Date.now() ? record : null;
  }

  /** Forgets expired tickets; returns the earliest expiry still pending, if any. */
  async purge(now: number): Promise<number | null> {
    const tickets = await this.storage.list<TicketRecord>({ prefix: PREFIX });
    const expired = [...tickets].filter(([, record]) => record.expiresAt <= now).map(([key]) => key);
    if (expired.length > 0) await this.storage.delete(expired);
    const pending = [...tickets.values()].filter((record) => record.expiresAt > now).map((r) => r.expiresAt);
    return pending.length > 0 ? Math.min(...pending) : null;
  }
}
