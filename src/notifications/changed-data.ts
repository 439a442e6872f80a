type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A field of a JSON object, or null when the object does not own it: `o[k]` would read inherited
 * members (`constructor`, `toString`, and `__proto__` as Object.prototype) as if they were fields.
 */
const field = (o: JsonObject, key: string): Json => (Object.hasOwn(o, key) ? (o[key] ?? null) : null);

/**
 * An object to collect results in. Without a prototype, `out["__proto__"] = v` makes an ordinary
 * key (on `{}` it would replace the prototype and the field would vanish from the JSON).
 */
const record = (): JsonObject => Object.create(null);

export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
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
  const changed = record();
  for (const key of union(previous, current)) {
    const before = field(previous, key);
    const after = field(current, key);
    if (isObject(before) && isObject(after)) {
      const inner = record();
      for (const innerKey of union(before, after)) {
        const o = field(before, innerKey);
        const n = field(after, innerKey);
        if (!jsonEqual(o, n)) inner[innerKey] = { original: o, new: n };
      }
      if (Object.keys(inner).length > 0) changed[key] = inner;
    } else if (!jsonEqual(before, after)) {
      changed[key] = { original: before, new: after };
    }
  }
  return changed;
}
