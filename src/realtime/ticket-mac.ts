import { decodeBase64Url, encodeBase64Url } from "../auth/base64url";

const encoder = new TextEncoder();
// One key per isolate and secrets, as the JWT verifier keeps its keys.
let cached: { id: string; key: Promise<CryptoKey> } | null = null;

/**
 * The key that signs tickets: derived from the worker's secrets, so only the worker can make a
 * ticket that it will pass on to a hub. (With RS or ES tokens JWT_SECRET is a public key; the service key
 * is what keeps the MAC secret then. Without either, forged tickets still fail at the hub.)
 */
function ticketKey(env: Env): Promise<CryptoKey> {
  const id = `${env.SERVICE_API_KEY ?? ""}\0${env.JWT_SECRET ?? ""}`;
  if (cached?.id !== id) {
    const key = crypto.subtle
      .digest("SHA-256", encoder.encode(`edge-notify ticket\0${id}`))
      .then((raw) => crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]));
    cached = { id, key };
  }
  return cached.key;
}

/** The ticket a hub issued, with the worker's MAC appended: `<user>.<nonce>.<mac>`. */
export async function signTicket(env: Env, ticket: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await ticketKey(env), encoder.encode(ticket));
  return `${ticket}.${encodeBase64Url(new Uint8Array(mac))}`;
}

/**
 * The hub's ticket inside a signed one, or null when the MAC does not match: a forged ticket is
 * refused by the worker alone, without waking (or creating) the hub of the user it names.
 */
export async function verifiedTicket(env: Env, signed: string): Promise<string | null> {
  const cut = signed.lastIndexOf(".");
  if (cut <= 0) return null;
  const mac = decodeBase64Url(signed.slice(cut + 1));
  if (mac?.byteLength !== 32) return null;
  const ticket = signed.slice(0, cut);
  return (await crypto.subtle.verify("HMAC", await ticketKey(env), mac, encoder.encode(ticket))) ? ticket : null;
}
