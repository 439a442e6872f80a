/** Only web links are followed: a notification's URL comes from a server-side sender, never `javascript:`. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    // Relative links resolve against the page (no page, as in Node: only absolute ones pass).
    const page = (globalThis as { location?: { href: string } }).location;
    const parsed = new URL(url, page?.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}
