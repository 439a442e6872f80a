/**
 * Structured logs: one JSON object per line, `{level, event, ...fields}` with snake_case fields,
 * which Workers Logs ([observability]) indexes. docs/operations.md lists the events. Never pass a
 * token, key, ticket or body.
 */
export function logEvent(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
