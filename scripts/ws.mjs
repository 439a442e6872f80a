#!/usr/bin/env node
// `npm run -s ws -- --user 1`: opens the notifications socket of a dev server and prints every
// frame. Lines typed on stdin are sent as text (any text asks for the current counts).
import { parseArgs } from "node:util";
import WebSocket from "ws";

const { values } = parseArgs({
  options: {
    user: { type: "string" },
    token: { type: "string" },
    url: { type: "string", default: "ws://127.0.0.1:8787/ws/me/notifications" },
  },
});
let token = values.token;
if (!token && values.user) {
  const { execFileSync } = await import("node:child_process");
  token = execFileSync(process.execPath, [new URL("./token.mjs", import.meta.url).pathname, "--user", values.user], {
    encoding: "utf8",
  }).trim();
}
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const ws = new WebSocket(values.url, { headers });
ws.on("open", () => console.error(`connected to ${values.url}; type a line to ask for the counts, Ctrl-C to quit`));
ws.on("message", (data) => console.log(String(data)));
ws.on("close", (code, reason) => {
  console.error(`closed ${code} ${reason}`);
  process.exit(0);
});
ws.on("error", (error) => {
  console.error(`socket error: ${error.message}`);
  process.exit(1);
});
process.stdin.on("data", (line) => ws.readyState === WebSocket.OPEN && ws.send(String(line).trim() || "refresh"));
