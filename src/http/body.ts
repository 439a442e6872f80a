import type { z } from "zod";
import { ApiError, fieldErrors } from "../errors";

/** Request bodies above this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 256 * 1024;

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => ApiError.detail(413, `Request body is larger than ${maxBytes} bytes.`);
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw ApiError.detail(400, "Request body is not valid UTF-8.");
  }
}

/**
 * Reads a JSON body and validates it. An empty body counts as `{}` (as DRF treats it); other
 * content types are 415, malformed JSON 400, an oversized body 413, invalid fields 400 by field.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.output<S>> {
  const text = await readCapped(request, maxBytes);
  let data: unknown = {};
  if (text.trim() !== "") {
    const type = request.headers.get("Content-Type") ?? "";
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
      const shown = type.split(";")[0]?.trim() || "none";
      throw ApiError.detail(415, `Unsupported media type "${shown}" in request. Send application/json.`);
    }
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw ApiError.detail(400, `JSON parse error - ${(error as Error).message}`);
    }
  }
  return parse(schema, data);
}

/** Deepest nesting of arrays and objects accepted in any input. */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests deeper than `max`; iterative, so hostile depth cannot exhaust the stack. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Validates any input (query, RPC argument) against a schema, throwing DRF-shaped 400s. Nesting is
 * checked first: the schemas (and JSON.stringify later) recurse, and a body of 20,000 nested
 * arrays would otherwise overflow the stack and answer 500.
 */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  if (nestedDeeperThan(data, MAX_JSON_DEPTH)) {
    throw ApiError.detail(400, `JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError(400, fieldErrors(result.error));
  return result.data;
}
