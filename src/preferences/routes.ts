import { OpenAPIHono } from "@hono/zod-openapi";
import { requireService, requireUser } from "../auth/middleware";
import { createDb } from "../db/client";
import { readJson } from "../http/body";
import { defineRoute, errors, jsonBody, ok, SERVICE_AUTH, USER_AUTH } from "../http/contract";
import { methodNotAllowed } from "../http/on-error";
import { limitUserWrites } from "../http/rate-limit";
import { pushCounts } from "../realtime/push";
import type { HonoEnv } from "../types";
import { defaultsBodySchema, defaultsUpdateBody, preferencesBodySchema, preferencesUpdateBody } from "./schemas";
import { readDefaults, readPreferences, setDefaults, setPreferences } from "./service";

const tags = ["Preferences"];

/** The user's own choices per category: /api/v1/me/preferences (JWT). */
export const myPreferenceRoutes = new OpenAPIHono<HonoEnv>();
myPreferenceRoutes.use(requireUser);

defineRoute(
  myPreferenceRoutes,
  {
    method: "get",
    path: "/",
    operationId: "getMyPreferences",
    summary: "The user's preferences per category",
    description:
      "For each category: `enabled`, whether the user gets its notifications now (always for a critical category, else the user's choice, else the default); `critical`, set by the service, always delivered and cannot be turned off; `default`, the service's default for users who did not choose. Lists every category the user chose for, every category the service has a setting for, and every category of the user's notifications. The global switch (`notifications_enabled`, set by the service) is separate and not shown here.",
    tags,
    security: USER_AUTH,
    responses: { 200: ok(preferencesBodySchema, "The preferences."), ...errors(401) },
  },
  async (c) => c.json(await readPreferences(createDb(c.env.DB), c.get("userId"))),
);

defineRoute(
  myPreferenceRoutes,
  {
    method: ["put", "patch"],
    path: "/",
    operationId: "setMyPreferences",
    summary: "Turn categories on or off",
    description:
      "Creates skip a user for a category they turned off (the create's `skipped` counts them), inline and queued alike; notifications already delivered stay. Turning a critical category off is a 400 naming it. PUT and PATCH alike change only the categories named.",
    tags,
    security: USER_AUTH,
    request: { body: jsonBody(preferencesUpdateBody) },
    responses: {
      200: ok(preferencesBodySchema, "The preferences as they are now."),
      ...errors(400, 401, 413, 415, 429),
    },
  },
  limitUserWrites,
  async (c) => {
    const input = await readJson(c.req.raw, preferencesUpdateBody);
    const { body, update } = await setPreferences(createDb(c.env.DB), c.get("userId"), input);
    // events.v1 sockets get a preferences.changed frame; legacy ones see no change in their counts.
    if (update) pushCounts(c.env, (promise) => c.executionCtx.waitUntil(promise), [update]);
    return c.json(body);
  },
);

myPreferenceRoutes.all("/", methodNotAllowed);

/** The service's settings per category: /api/v1/preferences/defaults (service key). */
export const preferenceDefaultRoutes = new OpenAPIHono<HonoEnv>();
preferenceDefaultRoutes.use(requireService);

defineRoute(
  preferenceDefaultRoutes,
  {
    method: "get",
    path: "/",
    operationId: "getCategoryDefaults",
    summary: "The service's settings per category: default on or off, critical",
    tags,
    security: SERVICE_AUTH,
    responses: { 200: ok(defaultsBodySchema, "Every category with a setting."), ...errors(401) },
  },
  async (c) => c.json(await readDefaults(createDb(c.env.DB))),
);

defineRoute(
  preferenceDefaultRoutes,
  {
    method: ["put", "patch"],
    path: "/",
    operationId: "setCategoryDefaults",
    summary: "Set categories' defaults and mark them critical",
    description:
      "`enabled_by_default` applies to users who did not choose; `critical` categories are delivered to everyone, whatever they chose before. Takes effect on the next create.",
    tags,
    security: SERVICE_AUTH,
    request: { body: jsonBody(defaultsUpdateBody) },
    responses: { 200: ok(defaultsBodySchema, "Every category with a setting, now."), ...errors(400, 401, 413, 415) },
  },
  async (c) => {
    const body = await readJson(c.req.raw, defaultsUpdateBody);
    return c.json(await setDefaults(createDb(c.env.DB), body));
  },
);

preferenceDefaultRoutes.all("/", methodNotAllowed);
