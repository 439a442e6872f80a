/**
 * Property-based: random and hostile JSON, query strings, headers and socket frames against every
 * route and the hub. Never a 5xx, always JSON, errors name a field or give a detail, the hub keeps
 * working (a socket flooding it is closed by policy), and a bystander's notifications do not change.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRAME_BUDGET, SOCKET_ERRORS } from "../src/realtime/protocol";
import { renderUserId } from "../src/users/ids";
import { call, counts, feed, notify, service, socketFor, tokenFor, uniqueUserId } from "./helpers";

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "null",
    "__proto__",
    "constructor",
    "' OR 1=1 --",
    "<script>",
    "\u0000",
    "\u202e",
    "a\u200bb",
    "😀".repeat(50),
    "9".repeat(40),
  ),
);
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(
        hostileString,
        fc.constantFrom(
          "action_choice",
          "notification_uids",
          "user_ids",
          "message",
          "model",
          "instance",
          "status",
          "is_read",
          "__proto__",
        ),
      ),
      tie("value"),
      { maxKeys: 6 },
    ),
  ),
})).value;

/** What a client may put in a socket frame: text of any kind and size, JSON, binary, the keepalive. */
const socketFrame: fc.Arbitrary<string | ArrayBuffer> = fc.oneof(
  hostileString,
  fc.string({ unit: "binary", maxLength: 500 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom("ping", "refresh", "x".repeat(256 * 1024), "😀".repeat(20_000)),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => bytes.slice().buffer),
);

const BINARY_ERROR = "Binary frames are not supported; send any text frame to get the current counts.";
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** A body for one route: mostly the right field names with hostile values, sometimes anything. */
const bodyFor = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    hostileJson,
    fc.record(
      Object.fromEntries(
        Object.keys(fields).map((k) => [k, fc.oneof(fields[k] as fc.Arbitrary<unknown>, hostileJson)]),
      ),
      { requiredKeys: [] },
    ),
  );

function expectClientError(status: number, json: unknown) {
  expect(status).toBeLessThan(500);
  expect(json).not.toBeNull();
  if (status >= 400) {
    expect(typeof json).toBe("object");
    const keys = Object.keys(json as object);
    expect(keys.length).toBeGreaterThan(0);
  }
}

describe("fuzz", () => {
  it("user routes answer every body, query and header with JSON and never a 5xx", { timeout: 120_000 }, async () => {
    const bystander = uniqueUserId();
    await notify({ user_ids: [bystander] });
    const before = await feed(bystander);
    const user = uniqueUserId();
    const [uid] = await notify({ user_ids: [user] });
    const token = await tokenFor(user);
    await fc.assert(
      fc.asyncProperty(
        bodyFor({
          action_choice: fc.constantFrom(
            "MARK_AS_READ",
            "MARK_AS_REMOVED",
            "MARK_ALL_AS_READ",
            "REMOVED_ALL",
            "UNDEFINED",
          ),
          notification_uids: fc.array(fc.oneof(fc.uuid(), hostileString), { maxLength: 5 }),
        }),
        async (body) => {
          const response = await call("/api/v1/me/notifications", { method: "PATCH", token, body });
          expectClientError(response.status, response.json);
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(bodyFor({ status: hostileString, is_read: fc.boolean() }), async (body) => {
        const response = await call(`/api/v1/me/notifications/${uid}`, { method: "PATCH", token, body });
        expectClientError(response.status, response.json);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("page", "page_size", "is_read", "cursor", "x"), hostileString, { maxKeys: 4 }),
        hostileString,
        async (query, path) => {
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const list = await call(`/api/v1/me/notifications?${qs}`, { token });
          expectClientError(list.status, list.json);
          const detail = await call(`/api/v1/me/notifications/${encodeURIComponent(path)}`, { token });
          expectClientError(detail.status, detail.json);
        },
      ),
      { numRuns: 60 },
    );
    // Header values a client can send at all: visible ASCII and spaces.
    const headerValue = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 300,
    });
    await fc.assert(
      fc.asyncProperty(headerValue, async (value) => {
        const response = await call("/api/v1/me/notifications", { headers: { Authorization: `Bearer ${value}` } });
        expect(response.status).toBe(401);
      }),
      { numRuns: 40 },
    );
    const after = await feed(bystander);
    expect(after).toEqual(before);
  });

  it("server routes answer every body with JSON and never a 5xx", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyFor({
          message: hostileString,
          model: hostileString,
          instance: hostileJson,
          method: hostileString,
          user_ids: fc.array(fc.oneof(fc.integer(), hostileString), { maxLength: 4 }),
          created_by: fc.oneof(fc.integer(), hostileString),
          previous: hostileJson,
          changed_data: hostileJson,
          custom_info: hostileJson,
        }),
        async (body) => {
          const response = await service("/api/v1/notifications", { method: "POST", body });
          expectClientError(response.status, response.json);
        },
      ),
      { numRuns: 80 },
    );
    await fc.assert(
      fc.asyncProperty(
        hostileString,
        bodyFor({ first_name: hostileString, email: hostileString, is_active: fc.boolean() }),
        async (id, body) => {
          const response = await service(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PUT", body });
          expectClientError(response.status, response.json);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a user id is refused everywhere or reaches the feed unchanged", { timeout: 120_000 }, async () => {
    // Any UTF-16 unit (lone surrogates too), any code point, and the invisible ones by name.
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const hostileId = fc.oneof(
      fc.string({ unit: codeUnit, minLength: 1, maxLength: 8 }),
      fc.string({ unit: "binary", minLength: 1, maxLength: 8 }),
      fc
        .tuple(fc.string({ maxLength: 4 }), fc.constantFrom("\ud800", "\udfff", "\u202e", "\u200b", "\u2066", "\ufeff"))
        .map(([text, bad]) => `${text}${bad}${text}`),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(hostileId, async (id) => {
        const created = await service("/api/v1/notifications", {
          method: "POST",
          body: { message: "m", model: "Blog", instance: { id: 1 }, user_ids: [id] },
        });
        const mine = await call("/api/v1/me/notifications", { token: await tokenFor(id) });
        if (created.status === 400) {
          expect(Object.keys(created.json)).toEqual(["user_ids"]);
          expect(mine.status).toBe(401); // the same gate for tokens and bodies
          return;
        }
        expect(created.status).toBe(201);
        expect(mine.status).toBe(200);
        expect(mine.json.notifications[0].uid).toBe(created.json.uids[0]);
        // Compared as JSON: a lone surrogate in a failure message breaks the test runner's socket.
        expect(JSON.stringify(mine.json.notifications[0].user.id)).toBe(JSON.stringify(renderUserId(id)));
      }),
      { numRuns: 80 },
    );
  });

  it("the hub answers every frame within the budget, one answer each, and stays open", {
    timeout: 60_000,
  }, async () => {
    const user = uniqueUserId();
    await notify({ user_ids: [user] });
    await fc.assert(
      fc.asyncProperty(fc.array(socketFrame, { minLength: 1, maxLength: FRAME_BUDGET.burst }), async (frames) => {
        const socket = await socketFor(user);
        expect(await socket.next(0)).toEqual(counts(1, 0));
        for (const frame of frames) socket.send(frame);
        await socket.until((received) => received.length === 1 + frames.length, "one answer per frame");
        // "pong" comes from the runtime at once, so it may overtake an answer: compare as sets.
        const kind = (answer: unknown) =>
          answer === "pong" ? "pong" : JSON.stringify(answer) === JSON.stringify(counts(1, 0)) ? "counts" : answer;
        const expected = frames.map((frame) =>
          frame === "ping" ? "pong" : typeof frame === "string" ? "counts" : { error: BINARY_ERROR },
        );
        expect(socket.frames.slice(1).map(kind).sort(byJson)).toEqual(expected.sort(byJson));
        expect(socket.closed).toBeNull();
        socket.close();
      }),
      { numRuns: 25 },
    );
  });

  it("a socket-frame flood is closed by policy (1008); the bystander never sees a 5xx or a change", {
    timeout: 90_000,
  }, async () => {
    const bystander = uniqueUserId();
    await notify({ user_ids: [bystander] });
    const watcher = await socketFor(bystander);
    expect(await watcher.next(0)).toEqual(counts(1, 0));
    const before = await feed(bystander);
    // "ping" never reaches the hub and is not counted, so a flood here is made of other frames.
    const counted = socketFrame.filter((frame) => frame !== "ping");
    await fc.assert(
      fc.asyncProperty(fc.array(counted, { minLength: FRAME_BUDGET.burst + 10, maxLength: 400 }), async (frames) => {
        // A user whose socket was closed for flooding may not reconnect for a while: one user per run.
        const socket = await socketFor(uniqueUserId());
        await socket.next(0);
        const started = Date.now();
        for (const frame of frames) socket.send(frame);
        const during = await call("/api/v1/me/notifications", { token: await tokenFor(bystander) });
        expect(during.status).toBe(200);
        expect(during.json).toEqual(before);
        expect(await socket.waitClosed(15_000)).toEqual({ code: 1008, reason: SOCKET_ERRORS.flood });
        expect(socket.last).toEqual({ error: SOCKET_ERRORS.flood, code: 1008 });
        const budget = FRAME_BUDGET.burst + Math.ceil(((Date.now() - started) / 1000) * FRAME_BUDGET.perSecond) + 1;
        expect(socket.frames.length - 2).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 15 },
    );
    watcher.send("refresh");
    expect(await watcher.next(1)).toEqual(counts(1, 0));
    expect(watcher.closed).toBeNull();
    expect(await feed(bystander)).toEqual(before);
    watcher.close();
  });
});
