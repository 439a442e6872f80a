import type { OpenAPIHono } from "@hono/zod-openapi";
import asyncApi from "../../docs/asyncapi.yaml";
import pkg from "../../package.json";
import { countsBodySchema } from "../notifications/wire";
import type { HonoEnv } from "../types";

export const API_VERSION = pkg.version;

const DESCRIPTION = `Real-time in-app notifications on Cloudflare Workers, compatible with the REST API of
django-notifications-websocket (same paths, bodies and error shapes).

- **User routes** (\`/api/v1/me/...\`) take the user's access token (a simplejwt-style JWT).
- **Server routes** (\`/api/v1/notifications\`, \`/api/v1/users\`) take the service key.
- **Live counts**: the WebSocket at \`/ws/me/notifications\`, described in the AsyncAPI document at
  [/asyncapi.yaml](/asyncapi.yaml).
- Errors are \`{"detail": "..."}\` or DRF field errors \`{"field": ["message"]}\`. A method a path does
  not serve answers 405 and an unknown path 404, both with a \`detail\`. Every path is served with and
  without a trailing slash.`;

/** Serves the generated OpenAPI 3.1 document at /openapi.json and the socket's AsyncAPI document. */
export function documentApi(app: OpenAPIHono<HonoEnv>): void {
  // The counts of every feed and socket frame, named for clients (the socket's own document is AsyncAPI).
  app.openAPIRegistry.register("Counts", countsBodySchema);
  app.openAPIRegistry.registerComponent("securitySchemes", "userJwt", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The user's access token (djangorestframework-simplejwt or any HS/RS/ES-signed JWT).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "serviceKey", {
    type: "http",
    scheme: "bearer",
    description: "SERVICE_API_KEY: for the backend that emits notifications, never for browsers.",
  });
  // Not the library's doc31(): it answers a generation error with an empty 500 instead of throwing.
  // No `servers`: the document is served by the API it describes, and committed as docs/openapi.json.
  app.get("/openapi.json", (c) =>
    c.json(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: { title: "edge-notify", version: API_VERSION, description: DESCRIPTION },
      }),
    ),
  );
  app.get("/asyncapi.yaml", (c) => c.body(asyncApi, 200, { "Content-Type": "application/yaml; charset=utf-8" }));
}
