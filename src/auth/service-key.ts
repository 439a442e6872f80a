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
