/**
 * End to end against `npm run dev`'s own start-up (scripts/dev.mjs: local migrations, wrangler dev,
 * dev defaults), with a real Node WebSocket client: what the in-runtime tests cannot show.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

let server: DevServer;
let base: string;

function token(user: string): string {
  // Away from the checkout's .dev.vars, which may hold other secrets than the server's dev defaults.
  const script = resolve("scripts/token.mjs");
  const result = spawnSync(process.execPath, [script, "--user", user], { encoding: "utf8", cwd: tmpdir() });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** A socket and its parsed frames. */
function connect(headers: Record<string, string>) {
  const ws = new WebSocket(`${base.replace("http", "ws")}/ws/me/notifications`, { headers });
  const frames: any[] = [];
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  ws.on("message", (data) => frames.push(JSON.parse(String(data))));
  const waitFor = async (predicate: (frames: any[]) => boolean) => {
    for (let i = 0; i < 100 && !predicate(frames); i++) await new Promise((r) => setTimeout(r, 50));
    expect(predicate(frames), JSON.stringify(frames)).toBe(true);
  };
  return { ws, frames, closed, waitFor };
}

beforeAll(async () => {
  server = await startDevServer();
  base = server.base;
}, 90_000);

afterAll(() => server?.stop());

/** A POST with a Host header of our choosing (fetch may not set Host). */
function postWithHost(host: string, path: string, body: unknown): Promise<{ status: number; body: string }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method: "POST", headers: { Host: host, "Content-Type": "application/json", "Content-Length": text.length } },
      (res) => {
        let data = "";
        res.on("data", (chunk) => {
          data += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

describe("npm run dev", () => {
  it("puts no secret on any command line (ps shows those to every local user)", () => {
    // This server's processes only (its own process group): other checkouts may be running too.
    const commands = execFileSync("ps", ["-eo", "pgid=,args="], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.trim().split(" ")[0] === String(server.pid))
      .join("\n");
    expect(commands).toContain("wrangler");
    expect(commands).not.toContain(DEV_DEFAULTS.JWT_SECRET);
    expect(commands).not.toContain(DEV_DEFAULTS.SERVICE_API_KEY);
  });

  it("serves the dev routes for a loopback Host only", async () => {
    const port = new URL(base).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const ok = await postWithHost(host, "/dev/token", { user_id: "3" });
      expect(ok.status, `${host}: ${ok.body}`).toBe(200);
      expect(JSON.parse(ok.body).token).toEqual(expect.any(String));
    }
    const rebound = await postWithHost("evil.example:8787", "/dev/token", { user_id: "3" });
    expect(rebound.status, rebound.body).toBe(404);
    expect(JSON.parse(rebound.body)).toEqual({ detail: "Not found." });
  });

  it("serves the REST walk-through with the dev defaults", async () => {
    const user = String(Date.now());
    const created = await fetch(`${base}/api/v1/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "Hello from e2e", model: "Blog", instance: { id: 1 }, user_ids: [Number(user)] }),
    });
    expect(created.status).toBe(201);
    const list = await fetch(`${base}/api/v1/me/notifications`, {
      headers: { Authorization: `Bearer ${token(user)}` },
    });
    expect(list.status).toBe(200);
    const body = (await list.json()) as any;
    expect(body.total_notifications).toBe(1);
    expect(body.notifications[0].notification.message).toBe("Hello from e2e");
  });

  it("pushes fresh counts to a real socket opened with the original's header", async () => {
    const user = `${Date.now()}1`;
    const socket = connect({ Authorizations: `Bearer ${token(user)}` });
    await socket.waitFor((f) => f.length === 1);
    expect(socket.frames[0]).toEqual({
      total_notifications: 0,
      read_notifications: 0,
      unread_notifications: 0,
      unseen_notifications: 0,
    });
    await fetch(`${base}/api/v1/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "live", model: "Blog", instance: { id: 1 }, user_ids: [Number(user)] }),
    });
    await socket.waitFor((f) => f.length === 2);
    expect(socket.frames[1]).toEqual({
      total_notifications: 1,
      read_notifications: 0,
      unread_notifications: 1,
      unseen_notifications: 1,
    });
    socket.ws.close();
  });

  it("refuses a socket without a token with 4401 after saying why", async () => {
    const socket = connect({});
    expect(await socket.closed).toBe(4401);
    expect(socket.frames).toEqual([{ error: "Provide an access token in the headers.", code: 4401 }]);
  });
});
