import { canonicalUserId } from "../users/ids";

/** A ticket lives at most this long, and never past the token it was issued for. */
export const TICKET_TTL_MS = 60_000;

/** What the hub keeps for an issued ticket, until it is redeemed or expires. */
export type TicketRecord = { expiresAt: number; tokenExpiresAt: number };

const NONCE = /^[0-9a-f]{64}$/;

export function newNonce(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
  } catch {
    return null;
  }
}

/**
 * `<user id, base64url>.<nonce>`. The user id lets the worker route to the right hub without a
 * database query; only that hub holds the nonce, so editing the id opens nothing.
 */
export function formatTicket(userId: string, nonce: string): string {
  return `${toBase64Url(userId)}.${nonce}`;
}

export function parseTicket(ticket: string): { userId: string; nonce: string } | null {
  const [encodedUser, nonce, ...rest] = ticket.split(".");
  if (!encodedUser || !nonce || rest.length > 0 || !NONCE.test(nonce)) return null;
  const userId = canonicalUserId(fromBase64Url(encodedUser));
  return userId === null ? null : { userId, nonce };
}
