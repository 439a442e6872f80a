import { describe, expect, it } from "vitest";
import { FRAME_BUDGET, SOCKET_ERRORS } from "../../src/realtime/protocol";
import { counts, ITEM_KEYS, notify, socketFor, uniqueUserId, userCall } from "../helpers";

describe("ALLOWED_NOTIFICATION_DATA=true", () => {
  it("the first frame carries the first page of notifications, newest first", async () => {
    const user = uniqueUserId();
    for (let i = 0; i < 3; i++) await notify({ message: `m${i}`, user_ids: [user] });
    const socket = await socketFor(user);
    const frame = await socket.next(0);
    expect(frame).toMatchObject(counts(3, 0));
    expect(frame.notifications.map((n: any) => n.notification.message)).toEqual(["m2", "m1", "m0"]);
    expect(Object.keys(frame.notifications[0]).slice(0, ITEM_KEYS.length)).toEqual(ITEM_KEYS);
    socket.close();
  });

  it("pushes carry the fresh page too, and the page is capped at 25", async () => {
    const user = uniqueUserId();
    await notify({ user_ids: Array.from({ length: 1 }, () => user) });
    const socket = await socketFor(user);
    await socket.next(0);
    for (let i = 0; i < 26; i++) await notify({ message: `n${i}`, user_ids: [user] });
    await socket.until((frames) => (frames.at(-1) as any)?.total_notifications === 27, "27 notifications");
    expect(socket.last.notifications).toHaveLength(25);
    expect(socket.last.notifications[0].notification.message).toBe("n25");
    await userCall(user, "/api/v1/me/notifications", { method: "PATCH", body: { action_choice: "MARK_ALL_AS_READ" } });
    await socket.until((frames) => (frames.at(-1) as any)?.read_notifications === 27, "all read");
    expect(socket.last.notifications.every((n: any) => n.is_read)).toBe(true);
    socket.close();
  });

  it("a refresh burst gets the page in every answer; a flood past the frame budget is closed with 1008", async () => {
    const user = uniqueUserId();
    await notify({ message: "only", user_ids: [user] });
    const socket = await socketFor(user);
    await socket.next(0);
    for (let i = 0; i < 5; i++) socket.send("refresh");
    await socket.until((frames) => frames.length === 6, "five answers");
    for (const frame of socket.frames.slice(1) as any[]) {
      expect(frame).toMatchObject(counts(1, 0));
      expect(frame.notifications.map((n: any) => n.notification.message)).toEqual(["only"]);
    }
    for (let i = 0; i < 500; i++) socket.send("refresh");
    expect(await socket.waitClosed(15_000)).toEqual({ code: 1008, reason: SOCKET_ERRORS.flood });
    expect(socket.frames.length).toBeLessThan(2 * FRAME_BUDGET.burst);
    // Let the hub finish the close before the file's runtime is torn down.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
});
