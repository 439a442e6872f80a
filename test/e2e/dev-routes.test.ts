/**
 * `npm run dev` in a checkout whose secrets are real ones (as a .dev.vars holding Django's
 * SECRET_KEY would give): the dev-only routes must not mint tokens or send with them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "./dev-server";

const REAL = { JWT_SECRET: "django-secret-key-not-the-dev-default", SERVICE_API_KEY: "real-service-key-0123456789" };
let server: DevServer;

beforeAll(async () => {
  server = await startDevServer({ secrets: REAL });
}, 90_000);

afterAll(() => server?.stop());

describe("dev routes under real secrets", () => {
  it("answer 404 on loopback although npm run dev set DEV_MODE", async () => {
    for (const [path, body] of [
      ["/dev/token", { user_id: "2" }],
      ["/dev/notify", { user_ids: ["2"], message: "hi" }],
    ] as const) {
      const response = await fetch(`${server.base}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ detail: "Not found." });
    }
  });

  it("while the server runs with those secrets (its own, not .dev.vars)", async () => {
    const response = await fetch(`${server.base}/api/v1/notifications`, {
      method: "POST",
      headers: { Authorization: `Bearer ${REAL.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "real", model: "Blog", instance: { id: 1 }, user_ids: [2] }),
    });
    expect(response.status).toBe(201);
  });
});
