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

/** Validates any input (query, RPC argument) against a schema, throwing DRF-shaped 400s. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError(400, fieldErrors(result.error));
  return result.data;
}
