const encoder = new TextEncoder();

/**
 * Compares a presented service key with the configured one in constant time. Both are hashed
 * first so that neither the content nor the length of the key leaks through timing.
 */
export async function serviceKeyMatches(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(presented)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * SERVICE_API_KEY may hold several keys separated by commas, so a key can be rotated without
 * downtime: add the new one, move the backends to it, then drop the old one. Every configured key
 * is compared (no early exit), so timing does not tell which one matched.
 */
export async function anyServiceKeyMatches(presented: string, configured: string): Promise<boolean> {
  const keys = configured
    .split(",")
    .map((key) => key.trim())
    .filter(Boolean);
  const results = await Promise.all(keys.map((key) => serviceKeyMatches(presented, key)));
  return results.includes(true);
}
