import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import pkg from "../package.json";
import { createApp } from "../src/app";
import { BASE, call, service, tokenFor, uniqueUserId } from "./helpers";

const brokenDb = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error("D1_ERROR: Network connection lost.");
    },
  },
) as D1Database;

const withEnv = (path: string, vars: Partial<Env>, init: RequestInit = {}) =>
  createApp().fetch(new Request(`${BASE}${path}`, init), { ...env, ...vars }, createExecutionContext());

afterEach(() => vi.restoreAllMocks());

describe("GET /health", () => {
  it("answers 200 with the version when D1 answers, without credentials", async () => {
    const response = await call("/health");
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: "ok", version: pkg.version });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("answers 503 when D1 does not", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await withEnv("/health", { DB: brokenDb });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", version: pkg.version });
  });
});

describe("request logs", () => {
  it("one JSON line per request: id, method, route pattern, status, duration, user; never the token", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const user = uniqueUserId();
    const token = await tokenFor(user);
    const response = await withEnv(
      "/api/v1/me/notifications/4b7e1a52-8f0e-4d5c-9b1a-1234567890ab?page=1",
      {},
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(404);
    const records = lines.map((line) => JSON.parse(line)).filter((r) => r.event === "request");
    expect(records).toHaveLength(1);
    expect(records[0]).toEqual({
      level: "info",
      event: "request",
      request_id: expect.any(String),
      method: "GET",
      route: "/api/v1/me/notifications/:uid",
      status: 404,
      duration_ms: expect.any(Number),
      user_id: String(user),
    });
    expect(lines.join("\n")).not.toContain(token);
  });
});

describe("service key rotation", () => {
  it("SERVICE_API_KEY may list several keys: each works, others do not", async () => {
    const vars = { SERVICE_API_KEY: "new-key, old-key" };
    for (const [key, status] of [
      ["new-key", 200],
      ["old-key", 200],
      ["new-key, old-key", 401],
      ["other-key", 401],
      ["", 401],
    ] as const) {
      const response = await withEnv(`/api/v1/users/${uniqueUserId()}`, vars, {
        method: "PUT",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: "{}",
      });
      expect(response.status, key).toBe(status);
    }
    // The configured test key alone still works as before.
    expect((await service(`/api/v1/users/${uniqueUserId()}`, { method: "PUT", body: {} })).status).toBe(200);
  });
});
