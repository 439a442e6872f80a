/**
 * Now as ISO 8601 UTC with microseconds (`2024-12-14T07:32:10.269000Z`), the format the original's
 * clients parse. Workers clocks have millisecond precision, so the last three digits are zero; the
 * fixed width keeps stored timestamps sortable as text.
 */
export function nowIso(date: Date = new Date()): string {
  return date.toISOString().replace(/Z$/, "000Z");
}
