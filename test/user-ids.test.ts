/**
 * User ids are the key of everything a user owns (rows, counters, the hub). An id must reach the
 * database and the hub unchanged, so ids with invisible or unencodable characters are refused at
 * every door (tokens, sockets, bodies, paths, RPC) with the door's usual error.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, counts, feed, notify, openSocket, service, socketFor, tokenFor, uniqueUserId } from "./helpers";

const MESSAGE = "A user id is an integer or a string of 1 to 255 printable characters.";

/** One of each kind of \p{C}: lone surrogates, control, bidi and zero-width format, private use, unassigned. */
const unencodable = ["u\ud800", "\udc00u"];
const invisible = ["user\u202eevil", "al\u200bice", "x\u2066y", "x\ufeff", "\ue000pua", "x\u0085y", "x\u0378"];
const hostile = [...unencodable, ...invisible];

const body = (userIds: (string | number)[], extra: Record<string, unknown> = {}) => ({
  message: "m",
  model: "Blog",
  instance: { id: 1 },
  user_ids: userIds,
  ...extra,
});

describe("hostile user ids", () => {
  it("printable ids of any script round-trip: the feed shows them and pushes reach their socket", async () => {
    for (const id of [`José ${uniqueUserId()}`, `用户-${uniqueUserId()}`, `😀${uniqueUserId()}`]) {
      const socket = await socketFor(id);
      expect(await socket.next(0), id).toEqual(counts(0, 0));
      await notify({ user_ids: [id] });
      expect(await socket.next(1), id).toEqual(counts(1, 0));
      expect((await feed(id)).notifications[0].user.id).toBe(id);
      socket.close();
    }
  });

  it.each(hostile)("a token carrying %j is not valid, over HTTP and on the socket", async (id) => {
    const token = await tokenFor(id);
    const response = await call("/api/v1/me/notifications", { token });
    expect(response.status).toBe(401);
    expect(response.json.code).toBe("token_not_valid");
    const socket = await openSocket({ Authorization: `Bearer ${token}` });
    expect(await socket.next(0)).toEqual({ error: "Token is invalid or expired", code: 4401 });
  });

  it.each(hostile)("a body naming %j is a 400 naming the field", async (id) => {
    const recipient = await service("/api/v1/notifications", { method: "POST", body: body([uniqueUserId(), id]) });
    expect(recipient.status).toBe(400);
    expect(recipient.json).toEqual({ user_ids: { "1": [MESSAGE] } });
    const creator = await service("/api/v1/notifications", {
      method: "POST",
      body: body([uniqueUserId()], { created_by: id }),
    });
    expect(creator.status).toBe(400);
    expect(creator.json).toEqual({ created_by: [MESSAGE] });
  });

  // A lone surrogate has no URL form (encodeURIComponent throws), so paths get the invisible ones.
  it.each(invisible)("a path naming %j is a 400, as any invalid id there is", async (id) => {
    const path = `/api/v1/users/${encodeURIComponent(id)}`;
    for (const method of ["PUT", "GET"]) {
      const response = await service(path, { method, ...(method === "PUT" && { body: { first_name: "x" } }) });
      expect(response.status, method).toBe(400);
      expect(response.json).toEqual({ non_field_errors: [MESSAGE] });
    }
  });

  it.each(hostile)("RPC refuses %j in createNotifications, upsertUser and getUser", async (id) => {
    await expect(env.NOTIFY.createNotifications(body([id]))).rejects.toThrow(
      JSON.stringify({ user_ids: { "0": [MESSAGE] } }),
    );
    await expect(env.NOTIFY.upsertUser(id, { first_name: "x" })).rejects.toThrow(MESSAGE);
    await expect(env.NOTIFY.getUser(id)).rejects.toThrow(MESSAGE);
  });
});
