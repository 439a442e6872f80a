type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

const union = (a: JsonObject, b: JsonObject) => [...new Set([...Object.keys(a), ...Object.keys(b)])];

/**
 * The original's get_changed_fields for PATCH/PUT, over JSON: for each changed field
 * `{original, new}`; a field holding an object on both sides is compared key by key and reports
 * only its changed keys, each `{original, new}`. A missing field counts as null.
 */
export function computeChangedData(previous: JsonObject, current: JsonObject): JsonObject {
  const changed: JsonObject = {};
  for (const field of union(previous, current)) {
    const before = previous[field] ?? null;
    const after = current[field] ?? null;
    if (isObject(before) && isObject(after)) {
      const inner: JsonObject = {};
      for (const key of union(before, after)) {
        const o = before[key] ?? null;
        const n = after[key] ?? null;
        if (!jsonEqual(o, n)) inner[key] = { original: o, new: n };
      }
      if (Object.keys(inner).length > 0) changed[field] = inner;
    } else if (!jsonEqual(before, after)) {
      changed[field] = { original: before, new: after };
    }
  }
  return changed;
}
