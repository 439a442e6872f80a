#!/usr/bin/env node
// `npm run -s ws -- --user 1 [--port 8788 | --url ws://...] [--interactive]`: opens the
// notifications socket of a dev server and prints every frame. With --interactive (or input piped
// in), each line of stdin is sent as one text frame (any text asks for the current counts; `ping`
// gets `pong`). Without it stdin is left alone, so `npm run -s ws -- --user 1 &` keeps running in
// the background of an interactive shell (a background read from the terminal would stop it).
// A token of your own goes in EDGE_NOTIFY_TOKEN, not on the command line, where `ps` shows it.
// --events opens it with `protocol=events.v1` (one frame per change), --since V resumes from V.
import { parseArgs } from "node:util";
import WebSocket from "ws";

const USAGE =
  "usage: [EDGE_NOTIFY_TOKEN=jwt] npm run -s ws -- [--user ID] [--port 8787 | --url ws://host:port/ws/me/notifications] [--interactive] [--events [--since V]]";
let values;
try {
  ({ values } = parseArgs({
    options: {
      user: { type: "string" },
      interactive: { type: "boolean", short: "i", default: false },
      port: { type: "string", default: "8787" },
      url: { type: "string" },
      events: { type: "boolean", default: false },
      since: { type: "string" },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
values.url ??= `ws://127.0.0.1:${values.port}/ws/me/notifications`;
if (values.events) {
  const url = new URL(values.url);
  url.searchParams.set("protocol", "events.v1");
  if (values.since !== undefined) url.searchParams.set("since", values.since);
  values.url = url.toString();
}
let token = process.env.EDGE_NOTIFY_TOKEN;
if (!token && values.user) {
  const { execFileSync } = await import("node:child_process");
  token = execFileSync(process.execPath, [new URL("./token.mjs", import.meta.url).pathname, "--user", values.user], {
    encoding: "utf8",
  }).trim();
}
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const ws = new WebSocket(values.url, { headers });
const readLines = values.interactive || !process.stdin.isTTY;
ws.on("open", () =>
  console.error(`connected to ${values.url}${readLines ? "; type a line to ask for the counts" : ""}; Ctrl-C to quit`),
);
ws.on("message", (data) => console.log(String(data)));
ws.on("close", (code, reason) => {
  console.error(`closed ${code} ${reason}`);
  process.exit(0);
});
ws.on("error", (error) => {
  console.error(`socket error: ${error.message}`);
  process.exit(1);
});
// Lines pasted together arrive as one chunk: still one frame per line.
let partial = "";
if (readLines)
  process.stdin.on("data", (chunk) => {
    const lines = (partial + String(chunk)).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (ws.readyState === WebSocket.OPEN) ws.send(line.trim() || "refresh");
  });
