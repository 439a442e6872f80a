// The import's progress bar (a terminal only) and its summary. A dozen lines instead of a
// dependency: the bar is one line redrawn with \r, from bytes read over the file's size.

const n = (value) => value.toLocaleString("en-US");

export function progressBar(total, stream = process.stderr) {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  const draw = (bytes, totals, rate) => {
    const share = total > 0 ? Math.min(1, bytes / total) : 1;
    const width = 30;
    const bar = "█".repeat(Math.round(share * width)).padEnd(width, "░");
    const line = `  ${bar} ${String(Math.floor(share * 100)).padStart(3)}%  ${n(totals.records)} records  ${n(Math.round(rate))}/s  imported ${n(totals.imported)}  skipped ${n(totals.skipped)}  refused ${n(totals.refused)}`;
    stream.write(`\r${line.slice(0, (stream.columns ?? 120) - 1)}\x1b[K`);
  };
  return {
    update(bytes, totals, rate) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(bytes, totals, rate);
    },
    done(totals, rate) {
      draw(total, totals, rate);
      stream.write("\n");
    },
  };
}

/** The summary a person reads; `--json` prints the same facts as JSON instead. */
export function printSummary(summary, out = console.log) {
  const t = summary.totals;
  out(
    `\nImported ${summary.dump} into ${summary.target} in ${summary.seconds} s (${n(summary.rowsPerSecond)} records/s).`,
  );
  if (summary.resumedAt) out(`  resumed at record ${n(summary.resumedAt)} of an interrupted run`);
  const changed = (value, what) => (value === null ? `${what} written` : `${n(value)} ${what}`);
  out(`  users:          ${n(t.users)} in the dump, ${changed(t.usersChanged, "created or updated")}`);
  out(`  switches:       ${n(t.switches)} in the dump, ${changed(t.switchesChanged, "changed")}`);
  if (summary.classified) {
    out(
      `  notifications:  ${n(t.imported)} imported, ${n(t.skipped)} skipped (already imported), ${n(t.refused)} refused`,
    );
  } else {
    out(`  notifications:  ${n(t.sent)} written (already present ones left alone), ${n(t.refused)} refused`);
  }
  const ignored = Object.entries(t.ignored);
  if (ignored.length > 0)
    out(`  ignored:        ${ignored.map(([model, count]) => `${model} ${n(count)}`).join(", ")}`);
  if (summary.refused.length > 0) {
    out("Refused (record number, byte offset, line: reason):");
    for (const r of summary.refused.slice(0, 20)) {
      out(
        `  #${r.index} byte ${r.offset} line ${r.line} ${r.model ?? ""}${r.pk === undefined ? "" : ` pk ${r.pk}`}: ${r.reason}`,
      );
    }
    if (t.refused > 20) out(`  … and ${n(t.refused - 20)} more (all of them with --json)`);
  }
}
