#!/usr/bin/env node
// A static file server for the built example (`node examples/react/serve.mjs [port]`, default
// 5173, on 127.0.0.1). The tests use serveDirectory() on a free port. The example runs on another
// origin than the service, as most apps do: `npm run dev` allows every origin (ALLOWED_ORIGINS).
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildExample } from "./build.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

/** Serves `dir` on 127.0.0.1:`port` (0: any free port); resolves to { url, close }. */
export function serveDirectory(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    // No path may leave the directory (`/../`).
    if (!file.startsWith(root)) return response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    }
  });
  return new Promise((done) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      done({ url: `http://127.0.0.1:${address.port}`, close: () => server.close() });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = await buildExample();
  const { url } = await serveDirectory(dir, Number(process.argv[2] ?? 5173));
  console.log(`The React example: ${url}/ (against npm run dev at http://127.0.0.1:8787; ?api=<url> for another)`);
}
