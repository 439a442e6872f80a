import { OpenAPIHono, z } from "@hono/zod-openapi";
import { defineRoute, ok } from "../http/contract";
import { API_VERSION } from "../http/openapi";
import type { HonoEnv } from "../types";
import { logEvent } from "./log";

/** GET /health: for load balancers and uptime checks; no auth, no secrets. */
export const healthRoutes = new OpenAPIHono<HonoEnv>();

const healthSchema = z
  .strictObject({
    status: z.enum(["ok", "unavailable"]),
    version: z.string(),
  })
  .openapi("Health");

defineRoute(
  healthRoutes,
  {
    method: "get",
    path: "/",
    operationId: "health",
    summary: "Whether the service and its database answer",
    tags: ["Operations"],
    responses: {
      200: ok(healthSchema, "D1 answered."),
      503: ok(healthSchema, "D1 did not answer."),
    },
  },
  async (c) => {
    try {
      await c.env.DB.prepare("SELECT 1").first();
      return c.json({ status: "ok" as const, version: API_VERSION }, 200, { "Cache-Control": "no-store" });
    } catch (error) {
      logEvent("error", "health_failed", { error: String(error) });
      return c.json({ status: "unavailable" as const, version: API_VERSION }, 503, {
        "Cache-Control": "no-store",
        "Retry-After": "5",
      });
    }
  },
);
