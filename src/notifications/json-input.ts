import { z } from "@hono/zod-openapi";

/**
 * The create body's free-form JSON (instance, previous, changed_data, custom_info), validated but
 * passed on as given. zod's z.record and z.json rebuild objects with `out[key] = value`, and for a
 * key "__proto__" that replaces the prototype instead of adding a key: the field vanished from the
 * stored document while the request answered 201. Checking in place keeps every key.
 */

type JsonObject = Record<string, unknown>;

/** A type as DRF names it ("list"), and a class by its name (an RPC caller may send a Map or a Date). */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value !== "object") return typeof value;
  return isPlainObject(value) ? "object" : (value.constructor?.name ?? "object");
}

/** An object as JSON.parse makes them (RPC arguments too): no class instance such as Date or Map. */
export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Where (`$.a[0]`) `value` holds something JSON cannot carry (a Date, NaN, undefined, a function), or null. */
function nonJsonPath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, path] = item;
    if (node === null || typeof node === "string" || typeof node === "boolean") continue;
    if (typeof node === "number" && Number.isFinite(node)) continue;
    if (!Array.isArray(node) && !isPlainObject(node)) return `$${path}`;
    // A loop, not push(...children): a list of a million items would overflow the argument limit.
    for (const [key, child] of Object.entries(node)) {
      stack.push([child, Array.isArray(node) ? `${path}[${key}]` : `${path}.${key}`]);
    }
  }
  return null;
}

const expected = (what: string, input: unknown) =>
  input === undefined ? "This field is required." : `Expected ${what} but got type "${typeName(input)}".`;

// abort: false, as zod's own types do, so a bad field does not hide the errors of the others.

/**
 * A JSON object (not a list), passed on as given; `nonEmpty` refuses `{}`. Checked all the way
 * down: an RPC caller may nest a BigInt (which would fail later as a 500) or a Map or Date (which
 * would be stored as `{}` or a string: data lost).
 */
export const jsonObject = ({ nonEmpty = false } = {}) =>
  z
    .custom<JsonObject>(
      (value) => isPlainObject(value) && (!nonEmpty || Object.keys(value).length > 0) && nonJsonPath(value) === null,
      {
        abort: false,
        error: (issue) => {
          if (!isPlainObject(issue.input)) return expected("an object", issue.input);
          const path = nonJsonPath(issue.input);
          return path === null ? "This field may not be empty." : `Expected a JSON value at ${path}.`;
        },
      },
    )
    .openapi({ type: "object", additionalProperties: {} }); // what the document shows: z.custom has no shape

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Any JSON value, passed on as given. */
export const jsonValue = () =>
  z
    .custom<Json>((value) => nonJsonPath(value) === null, {
      abort: false,
      error: (issue) => `Expected a JSON value at ${nonJsonPath(issue.input)}.`,
    })
    .openapi({ type: ["object", "array", "string", "number", "boolean", "null"] });
