import jwt from "@tsndr/cloudflare-worker-jwt";

const HASHES: Record<string, string> = { HS256: "SHA-256", HS384: "SHA-384", HS512: "SHA-512" };

// Every request verifies a token: import each secret once per isolate. Keyed by algorithm and
// secret so a rotated secret gets its own key; bounded so a stream of secrets cannot grow it.
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_KEYS = 8;

export const isHmacAlgorithm = (algorithm: string): boolean => algorithm in HASHES;

/**
 * The HMAC key of `secret` for an HS* algorithm, made from the secret's UTF-8 bytes as PyJWT (and
 * so simplejwt) does. The JWT library would cut each character to one byte, and would take a
 * secret containing "PUBLIC" or "PRIVATE" for a PEM key.
 */
export function hmacKey(secret: string, algorithm: string): Promise<CryptoKey> {
  const hash = HASHES[algorithm];
  if (!hash) throw new Error(`not an HMAC algorithm: ${algorithm}`);
  const id = `${algorithm}:${secret}`;
  let key = keys.get(id);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.clear();
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash }, false, [
      "sign",
      "verify",
    ]);
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}

/**
 * A token signed with `secret` over its UTF-8 bytes, as simplejwt signs (dev tokens, tests). The
 * claims are used as given: add `token_type`, `exp` and the user claim yourself.
 */
export async function signHmacToken(claims: Record<string, unknown>, secret: string, algorithm = "HS256") {
  return jwt.sign({ ...claims }, await hmacKey(secret, algorithm), { algorithm });
}
