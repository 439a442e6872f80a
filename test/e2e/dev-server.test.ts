/**
 * End to end against `npm run dev`'s own start-up (scripts/dev.mjs: local migrations, wrangler dev,
 * dev defaults), with a real Node WebSocket client: what the in-runtime tests cannot show.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";

let server: DevServer;
let base: string;

function token(user: string): string {
  const result = spawnSync(process.execPath, ["scripts/token.mjs", "--user", user], { encoding: "utf8" });
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

describe("npm run dev", () => {
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
    expect(socket.frames[0]).toEqual({ total_notifications: 0, read_notifications: 0, unread_notifications: 0 });
    await fetch(`${base}/api/v1/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "live", model: "Blog", instance: { id: 1 }, user_ids: [Number(user)] }),
    });
    await socket.waitFor((f) => f.length === 2);
    expect(socket.frames[1]).toEqual({ total_notifications: 1, read_notifications: 0, unread_notifications: 1 });
    socket.ws.close();
  });

  it("refuses a socket without a token with 4401 after saying why", async () => {
    const socket = connect({});
    expect(await socket.closed).toBe(4401);
    expect(socket.frames).toEqual([{ error: "Provide an access token in the headers.", code: 4401 }]);
  });
});
