#!/usr/bin/env node
// `npm run -s ws -- --user 1 [--port 8788 | --url ws://...]`: opens the notifications socket of a
// dev server and prints every frame. Each line typed on stdin is sent as one text frame (any text
// asks for the current counts; `ping` gets `pong`).
import { parseArgs } from "node:util";
import WebSocket from "ws";

const USAGE =
  "usage: npm run -s ws -- (--user ID | --token JWT) [--port 8787 | --url ws://host:port/ws/me/notifications]";
let values;
try {
  ({ values } = parseArgs({
    options: {
      user: { type: "string" },
      token: { type: "string" },
      port: { type: "string", default: "8787" },
      url: { type: "string" },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
values.url ??= `ws://127.0.0.1:${values.port}/ws/me/notifications`;
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
// Lines pasted together arrive as one chunk: still one frame per line.
let partial = "";
process.stdin.on("data", (chunk) => {
  const lines = (partial + String(chunk)).split("\n");
  partial = lines.pop() ?? "";
  for (const line of lines) if (ws.readyState === WebSocket.OPEN) ws.send(line.trim() || "refresh");
});
