#!/usr/bin/env node
// `npm run import -- dump.json [--remote]`: loads what `python manage.py dumpdata auth.user
// notifications --output dump.json` writes on a project running django-notifications-websocket
// into D1. Streamed (one batch in memory), one transaction per batch, idempotent (a second run
// imports nothing twice), resumable (progress is saved after each batch next to the dump).
// Options: --persist-to DIR (the local state of `npm run dev -- --persist-to DIR`), --remote,
// --sql-files (the --remote path against the local D1), --batch N, --restart, --json,
// --user-model app.model (AUTH_USER_MODEL; default auth.user), --state FILE.
// Exit code: 0, or 2 when some records were refused (all others are imported).
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readRecords } from "./import/json-records.mjs";
import { printSummary, progressBar } from "./import/report.mjs";
import { fileTarget, loadImportCode, localTarget } from "./import/targets.mjs";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: "boolean", default: false },
    "sql-files": { type: "boolean", default: false },
    "persist-to": { type: "string" },
    batch: { type: "string" },
    restart: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    "user-model": { type: "string", default: "auth.user" },
    state: { type: "string" },
  },
});
const dump = positionals[0];
if (!dump || !existsSync(dump)) {
  console.error("Usage: npm run import -- dump.json [--remote] [--persist-to DIR] [--restart] [--json]");
  process.exit(1);
}
const files = opts.remote || opts["sql-files"];
const batchSize = Number(opts.batch ?? 5000);
const { size, mtimeMs } = statSync(dump);
const code = await loadImportCode();
const target = files
  ? fileTarget(code, { remote: opts.remote, persistTo: opts["persist-to"] })
  : await localTarget(code, opts["persist-to"]);

// Progress of an interrupted run of this same dump into this same database.
const stateFile = opts.state ?? `${dump}.import-state.json`;
const fresh = { offset: 0, index: 0, line: 1 };
let saved = null;
if (!opts.restart && existsSync(stateFile)) {
  const s = JSON.parse(readFileSync(stateFile, "utf8"));
  if (s.size === size && s.mtimeMs === mtimeMs && s.target === target.key) saved = s;
}
const position = saved?.position ?? fresh;
const counters = () => ({
  records: 0,
  users: 0,
  switches: 0,
  imported: 0,
  skipped: 0,
  sent: 0,
  refused: 0,
  ignored: {},
});
const totals = saved?.totals ?? {
  ...counters(),
  usersChanged: target.classifies ? 0 : null,
  switchesChanged: target.classifies ? 0 : null,
};
const refused = saved?.refused ?? [];
/** What the batch being read adds; merged into the totals when the batch commits. */
let delta = { ...counters(), refusals: [] };
const refuse = (into, record, reason, extra = {}) => {
  into.refused += 1;
  if (into.refusals.length < 1000)
    into.refusals.push({ index: record.index, offset: record.offset, line: record.line, ...extra, reason });
};
function merge(add) {
  for (const key of ["records", "users", "switches", "imported", "skipped", "sent", "refused"]) totals[key] += add[key];
  for (const [model, count] of Object.entries(add.ignored))
    totals.ignored[model] = (totals.ignored[model] ?? 0) + count;
  // Counted in full; listed up to 1,000 (a dump of broken rows must not grow the state without bound).
  refused.push(...add.refusals.slice(0, Math.max(0, 1000 - refused.length)));
}

const started = performance.now();
const startRecords = totals.records;
let bytesRead = position.offset;
const bar = opts.json ? progressBar(0, { isTTY: false }) : progressBar(size);
const rate = () =>
  (totals.records + delta.records - startRecords) / Math.max(0.001, (performance.now() - started) / 1000);

let batch = { users: [], switches: [], notifications: [] };
let sources = []; // the dump record behind each notification of the batch, for refusals
/** RSS after each batch: flat when the dump is streamed (what `npm run bench` reports). */
const memory = [process.memoryUsage().rss];
let writing = Promise.resolve();
let batches = 0;

/**
 * Hands the batch to the database and returns at once, so the next batch is read while this one
 * is written (at most one in flight: memory stays two batches). Batches commit in order; after
 * each, the position of `next` is saved: everything before it is stored.
 */
async function flush(next) {
  await writing;
  const [full, from, add] = [batch, sources, delta];
  batch = { users: [], switches: [], notifications: [] };
  sources = [];
  delta = { ...counters(), refusals: [] };
  writing = (async () => {
    if (full.users.length + full.switches.length + full.notifications.length > 0) {
      const result = await target.write(full, new Date().toISOString().replace(/Z$/, "000Z"));
      if (result.usersChanged !== null) totals.usersChanged += result.usersChanged;
      if (result.switchesChanged !== null) totals.switchesChanged += result.switchesChanged;
      result.outcomes.forEach((outcome, i) => {
        if (outcome.kind !== "refused") add[outcome.kind] += 1;
        else
          refuse(add, from[i], outcome.reason, { model: "notifications.notification", pk: full.notifications[i].id });
      });
    }
    merge(add);
    // With node --expose-gc (npm run bench), the live memory; otherwise RSS, garbage included.
    batches += 1;
    if (!globalThis.gc) memory.push(process.memoryUsage().rss);
    else if (batches % 5 === 0) {
      globalThis.gc();
      memory.push(process.memoryUsage().rss);
    }
    writeFileSync(stateFile, JSON.stringify({ size, mtimeMs, target: target.key, position: next, totals, refused }));
  })();
}

try {
  let pending = 0;
  for await (const record of readRecords(dump, {
    start: position.offset,
    startIndex: position.index,
    startLine: position.line,
    onBytes: (bytes) => {
      bytesRead = bytes;
      bar.update(bytesRead, totals, rate());
    },
  })) {
    if (pending >= batchSize) {
      await flush({ offset: record.offset, index: record.index - 1, line: record.line });
      pending = 0;
    }
    delta.records += 1;
    pending += 1;
    if (record.error) {
      refuse(delta, record, record.error);
      continue;
    }
    const parsed = code.parseRecord(record.value, opts["user-model"].toLowerCase());
    const where = { model: record.value?.model, pk: record.value?.pk };
    if (parsed.kind === "refused") refuse(delta, record, parsed.reason, where);
    else if (parsed.kind === "ignored") delta.ignored[parsed.model] = (delta.ignored[parsed.model] ?? 0) + 1;
    else if (
      parsed.kind === "notification" &&
      target.maxRowBytes &&
      JSON.stringify(parsed.row).length > target.maxRowBytes
    ) {
      refuse(
        delta,
        record,
        `larger than one D1 statement allows (${target.maxRowBytes} bytes of JSON); import it locally`,
        where,
      );
    } else {
      if (parsed.kind === "user") delta.users += 1;
      if (parsed.kind === "switch") delta.switches += 1;
      if (parsed.kind === "notification") sources.push(record);
      batch[{ user: "users", switch: "switches", notification: "notifications" }[parsed.kind]].push(parsed.row);
    }
  }
  await flush({ offset: size, index: 0, line: 0 });
  await writing;
  await target.finish({ resumed: saved !== null });
  bar.done(totals, rate());
  rmSync(stateFile, { force: true }); // done: a rerun reads the dump again (and skips every row)
} finally {
  await target.close();
}

const seconds = (performance.now() - started) / 1000;
const summary = {
  dump,
  target: target.name,
  seconds: Math.round(seconds * 10) / 10,
  rowsPerSecond: Math.round((totals.records - startRecords) / Math.max(seconds, 0.001)),
  resumedAt: saved ? position.index + 1 : null,
  classified: target.classifies,
  totals,
  refused,
  memoryMb: memoryFigures(memory),
};
if (opts.json) console.log(JSON.stringify(summary));
else printSummary(summary);
process.exitCode = totals.refused > 0 ? 2 : 0;

/** RSS at the start, after the first tenth of the batches, and its peak after that (MB). */
function memoryFigures(samples) {
  const mb = (bytes) => Math.round(bytes / 2 ** 20);
  const warm = samples.slice(Math.max(1, Math.floor(samples.length / 10)));
  return { start: mb(samples[0]), warm: mb(warm[0] ?? samples[0]), peak: mb(Math.max(...warm, samples[0])) };
}
