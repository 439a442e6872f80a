/** "2 minutes ago" in the element's locale, through Intl.RelativeTimeFormat (no date library). */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const formats = new Map<string, Intl.RelativeTimeFormat>();

function format(locale: string | undefined): Intl.RelativeTimeFormat {
  const key = locale ?? "";
  let rtf = formats.get(key);
  if (!rtf) {
    try {
      rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "long" });
    } catch {
      // A malformed `locale` attribute falls back to the browser's, rather than breaking the list.
      rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "long" });
    }
    formats.set(key, rtf);
  }
  return rtf;
}

export function relativeTime(iso: string, now: number, locale?: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = format(locale);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  // Under a minute: "now" (numeric: "auto"), not a ticking count of seconds.
  return rtf.format(0, "second");
}

/** The full date for the tooltip and screen readers' second look. */
export function absoluteTime(iso: string, locale?: string): string {
  try {
    return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  } catch {
    return new Date(iso).toLocaleString();
  }
}
