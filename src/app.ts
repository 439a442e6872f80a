import { OpenAPIHono } from "@hono/zod-openapi";
import { devRoutes } from "./dev/routes";
import { originPolicy } from "./http/cors";
import { renderError } from "./http/on-error";
import { documentApi } from "./http/openapi";
import { refuseStrayUpgrades, SOCKET_PATH } from "./http/upgrade";
import { meRoutes } from "./notifications/routes";
import { notificationServerRoutes } from "./notifications/server-routes";
import { healthRoutes } from "./ops/health";
import { requestLog } from "./ops/request-log";
import { myPreferenceRoutes, preferenceDefaultRoutes } from "./preferences/routes";
import { socketRoutes } from "./realtime/routes";
import type { HonoEnv } from "./types";
import { userRoutes } from "./users/routes";

export function createApp() {
  // strict: false serves every route with and without a trailing slash.
  const app = new OpenAPIHono<HonoEnv>({ strict: false });

  app.use(async (c, next) => {
    c.set("requestId", c.req.header("cf-ray") ?? crypto.randomUUID());
    await next();
  });
  app.use(requestLog);
  app.use(refuseStrayUpgrades);
  app.use(originPolicy);

  app.route("/api/v1/me/notifications", meRoutes);
  app.route("/api/v1/notifications", notificationServerRoutes);
  app.route("/api/v1/users", userRoutes);
  app.route("/api/v1/me/preferences", myPreferenceRoutes);
  app.route("/api/v1/preferences/defaults", preferenceDefaultRoutes);
  app.route(SOCKET_PATH, socketRoutes);
  app.route("/health", healthRoutes);
  app.route("/dev", devRoutes);
  documentApi(app);

  app.notFound((c) => c.json({ detail: "Not found." }, 404));
  app.onError(renderError);
  return app;
}
