// The records of a dumpdata file one at a time, in constant memory: a byte scanner finds where each
// element of the top-level array starts and ends (strings and escapes tracked; UTF-8 continuation
// bytes never equal the ASCII bytes it looks for), then JSON.parse reads that element alone.
// Native JSON.parse per record is several times faster than a token-level streaming parser, and
// the scanner keeps exact byte offsets, which is what resuming at a record needs. `--format jsonl`
// dumps (one record per line) are read too: records separated by whitespace instead of commas.
import { createReadStream } from "node:fs";

const [QUOTE, BACKSLASH, OPEN_OBJ, CLOSE_OBJ, OPEN_ARR, CLOSE_ARR, COMMA, NEWLINE] = [
  0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x0a,
];
const isSpace = (b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf;

/**
 * Yields `{ index, offset, line, value }` per record, or `{ index, offset, line, error }` for an
 * element that is not JSON (the next record is read normally). `start` resumes at a record's
 * offset (then `index` and `line` continue from `startIndex`/`startLine`). `onBytes` reports progress.
 */
export async function* readRecords(path, { start = 0, startIndex = 0, startLine = 1, onBytes } = {}) {
  let state = start > 0 ? "between" : "begin"; // begin: before "[" (or the first jsonl record)
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts = [];
  let elementStart = -1;
  let elementLine = 0;
  let index = startIndex;
  let line = startLine;
  let offset = start;
  let ended = false;
  const finish = () => {
    const text = Buffer.concat(parts).toString("utf8");
    parts = [];
    index += 1;
    try {
      return { index, offset: elementStart, line: elementLine, value: JSON.parse(text) };
    } catch (error) {
      return { index, offset: elementStart, line: elementLine, error: `not JSON (${error.message})` };
    }
  };
  for await (const chunk of createReadStream(path, { start, highWaterMark: 1 << 20 })) {
    let from = 0; // where the current element's part of this chunk begins
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === NEWLINE) line += 1;
      if (state === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === OPEN_OBJ || b === OPEN_ARR) depth += 1;
        else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
          depth -= 1;
          if (depth === 0) {
            parts.push(chunk.subarray(from, i + 1));
            state = "between";
            yield finish();
          }
        }
        continue;
      }
      if (isSpace(b)) continue;
      if (state === "begin" && b === OPEN_ARR) {
        state = "between";
        continue;
      }
      if (b === COMMA && state === "between") continue;
      if (b === CLOSE_ARR && state === "between") {
        ended = true;
        break;
      }
      // A record starts here ("begin" without "[": a jsonl dump).
      state = "element";
      elementStart = offset + i;
      elementLine = line;
      from = i;
      if (b !== OPEN_OBJ && b !== OPEN_ARR) {
        throw new Error(
          `byte ${elementStart} (line ${line}): expected a record ({...}), found "${String.fromCharCode(b)}"`,
        );
      }
      depth = 1;
      inString = false;
    }
    if (state === "element") parts.push(chunk.subarray(from));
    offset += chunk.length;
    onBytes?.(offset);
    if (ended) return;
  }
  if (state === "element") {
    index += 1;
    yield { index, offset: elementStart, line: elementLine, error: "the file ends inside this record" };
  }
}
