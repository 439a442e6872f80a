const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Unpadded base64url of `bytes`, as JWTs carry them. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The bytes of canonical unpadded base64url, or null for anything else. atob alone is forgiving
 * (padding, '+' and '/', non-zero unused bits of the last character), which let one signature be
 * written several ways; only the one encoding that re-encodes to itself is accepted.
 */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return encodeBase64Url(bytes) === text ? bytes : null;
}
