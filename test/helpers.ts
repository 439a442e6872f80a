import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { signHmacToken } from "../src/auth/hmac";
import { assertDocumented, frameProblem } from "./contract-check";

export const BASE = "https://edge-notify.test";

/** The seed's notification fields, in its key order (items carry them first, then the inbox model's). */
export const ITEM_KEYS = [
  "id",
  "uid",
  "user",
  "notification",
  "is_read",
  "custom_info",
  "created_by",
  "status",
  "created_at",
  "updated_at",
];

/** Ids unique per call: storage is shared by the tests of one file. */
let sequence = 0;
export function uniqueUserId(): number {
  sequence += 1;
  return 100_000 + Math.floor(Math.random() * 1_000_000) * 100 + sequence;
}

type Claims = Record<string, unknown>;

/** An access token shaped like djangorestframework-simplejwt's (HS256 over the secret's UTF-8 bytes). */
export async function tokenFor(
  userId: number | string,
  claims: Claims = {},
  secret = env.JWT_SECRET ?? "",
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signHmacToken(
    {
      token_type: "access",
      exp: now + 300,
      iat: now,
      jti: crypto.randomUUID().replaceAll("-", ""),
      user_id: userId,
      ...claims,
    },
    secret,
  );
}

type CallOptions = { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> };

export async function call(path: string, { method = "GET", token = null, body, headers = {} }: CallOptions = {}) {
  const init: RequestInit = { method, headers: { ...headers } };
  const h = init.headers as Record<string, string>;
  if (token !== null) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    h["Content-Type"] ??= "application/json";
  }
  const response = await exports.default.fetch(new Request(`${BASE}${path}`, init));
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`Response to ${method} ${path} is not JSON (${response.status}): ${text.slice(0, 200)}`);
  }
  await assertDocumented(method, `${BASE}${path}`, response.status, json);
  return { status: response.status, headers: response.headers, json: json as any };
}

export const service = (path: string, options: CallOptions = {}) =>
  call(path, { token: env.SERVICE_API_KEY ?? "", ...options });

export async function userCall(userId: number | string, path: string, options: CallOptions = {}) {
  return call(path, { token: await tokenFor(userId), ...options });
}

export type CreateInput = {
  message?: string;
  model?: string;
  instance?: Record<string, unknown>;
  method?: string;
  user_ids: (number | string)[];
  created_by?: number | string | null;
  custom_info?: unknown;
  category?: string;
  tags?: string[];
  action_url?: string;
  actions?: { id: string; label: string; url: string; style?: string }[];
  expires_at?: string;
  group_key?: string;
};

/** Creates notifications through the server API and returns their uids. */
export async function notify(input: CreateInput): Promise<string[]> {
  const response = await service("/api/v1/notifications", {
    method: "POST",
    body: { message: "Hello", model: "Blog", instance: { id: 1 }, ...input },
  });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return response.json.uids;
}

export async function feed(userId: number | string, query = "") {
  const response = await userCall(userId, `/api/v1/me/notifications${query}`);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json;
}

function parseFrame(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A socket to the hub, with its frames queued for `next()`. */
export class TestSocket {
  readonly frames: unknown[] = [];
  /** Frames that the AsyncAPI document does not describe: any fails the test at its next wait. */
  readonly problems: string[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener("message", (event) => {
      const frame = typeof event.data === "string" ? parseFrame(event.data) : event.data;
      this.frames.push(frame);
      const problem = frameProblem(frame);
      if (problem) this.problems.push(problem);
      this.wake();
    });
    ws.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.wake();
    });
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `predicate` holds over the frames received so far. */
  async until(predicate: (frames: unknown[]) => boolean, what = "a frame", timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.problems.length > 0) throw new Error(this.problems.join("\n"));
      if (predicate(this.frames)) return;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async next(index = this.frames.length): Promise<any> {
    await this.until((frames) => frames.length > index, `frame #${index}`);
    return this.frames[index];
  }

  async waitClosed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    await this.until(() => this.closed !== null, "close", timeoutMs);
    return this.closed as { code: number; reason: string };
  }

  send(data: string | ArrayBuffer) {
    this.ws.send(data);
  }

  get last(): any {
    if (this.problems.length > 0) throw new Error(this.problems.join("\n"));
    return this.frames.at(-1);
  }

  close() {
    try {
      this.ws.close(1000, "done");
    } catch {}
  }
}

export async function openSocket(headers: Record<string, string>, path = "/ws/me/notifications"): Promise<TestSocket> {
  const response = await exports.default.fetch(
    new Request(`${BASE}${path}`, { headers: { Upgrade: "websocket", ...headers } }),
  );
  expect(response.status).toBe(101);
  const ws = response.webSocket;
  if (!ws) throw new Error("no webSocket on the 101 response");
  return new TestSocket(ws);
}

export async function socketFor(userId: number | string, header = "Authorization"): Promise<TestSocket> {
  return openSocket({ [header]: `Bearer ${await tokenFor(userId)}` });
}

/** A counts body; unless given, every unread notification is unseen too. */
export const counts = (total: number, read: number, unseen = total - read) => ({
  total_notifications: total,
  read_notifications: read,
  unread_notifications: total - read,
  unseen_notifications: unseen,
});
