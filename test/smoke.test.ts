import { describe, expect, it } from "vitest";
import { counts, feed, notify, socketFor, uniqueUserId } from "./helpers";

describe("smoke", () => {
  it("creates, lists and pushes", async () => {
    const user = uniqueUserId();
    const socket = await socketFor(user);
    expect(await socket.next(0)).toEqual(counts(0, 0));
    await notify({ user_ids: [user] });
    const body = await feed(user);
    expect(body.total_notifications).toBe(1);
    expect(await socket.next(1)).toEqual(counts(1, 0));
    socket.close();
  });
});
