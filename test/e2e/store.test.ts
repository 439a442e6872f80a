/**
 * InboxStore against `npm run dev` over real sockets (Node, `ws`): two stores of one user stay
 * equal to each other and to the REST feed through creates, actions in either, a cut socket and
 * a server restart; a refused action rolls back; 4403 stops, 4401 fetches a fresh ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_DEFAULTS } from "../../scripts/dev-vars.mjs";
import { type DevServer, startDevServer } from "./dev-server";
import { allEqualRest, clientFor, send, sign, socketsOf, storeFor, TrackedSocket, until } from "./store-harness";

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
}, 90_000);

afterAll(() => server?.stop());

describe("InboxStore, two of one user", () => {
  it("stay equal to each other and to the REST feed through actions, a cut socket and a restart", {
    timeout: 180_000,
  }, async () => {
    const user = `${Date.now()}71`;
    const rest = clientFor(server.base, user);
    const a = await storeFor(server.base, user);
    const b = await storeFor(server.base, user);
    expect(socketsOf(a).at(-1)?.url).toContain("protocol=events.v1");
    expect(a.getState()).toMatchObject({ connection: "open", version: expect.any(Number) });

    const uids: string[] = [];
    for (const n of [1, 2, 3, 4])
      uids.push(await send(server.base, user, `m${n}`, { category: n % 2 ? "odd" : "even" }));
    await allEqualRest([a, b], rest, "after four creates");

    await a.markAsRead([uids[0] as string]);
    await allEqualRest([a, b], rest, "read in A");
    await b.archive([uids[1] as string]);
    await allEqualRest([a, b], rest, "archive in B");
    await a.markAllAsSeen();
    await b.markAsInteracted(uids[2] as string);
    await a.markAsUnread([uids[0] as string]);
    await allEqualRest([a, b], rest, "seen, interacted, unread");

    // A's socket dies; what happens meanwhile reaches it on the resume, by version.
    const versionBefore = a.getState().version;
    // A's socket now (under load a slow handshake may have been replaced since the start).
    const socketA = socketsOf(a).find((socket) => socket.readyState === TrackedSocket.OPEN);
    expect(socketA).toBeDefined();
    // Watched, not polled: A may be offline and back open between two polls.
    let aDropped = false;
    const unwatch = a.subscribe(() => {
      if (a.getState().connection !== "open") aDropped = true;
    });
    socketA?.terminate();
    await until(() => aDropped, "A noticing");
    unwatch();
    await b.remove([uids[3] as string]);
    uids.push(await send(server.base, user, "while A was away"));
    await b.markAllAsRead();
    await until(() => a.getState().connection === "open", "A back");
    expect(socketsOf(a).at(-1)?.url).toMatch(new RegExp(`since=${versionBefore}(&|$)`));
    await allEqualRest([a, b], rest, "after A's resume");

    // Every socket drops at once; the data stays; both resume.
    await server.stop({ keepState: true });
    await until(() => a.getState().connection !== "open" && b.getState().connection !== "open", "both dropped");
    server = await startDevServer({ port: server.port, state: server.state });
    await until(() => a.getState().connection === "open" && b.getState().connection === "open", "both back", 30_000);
    uids.push(await send(server.base, user, "after the restart"));
    await a.archiveAllRead();
    await allEqualRest([a, b], rest, "after the restart");
    expect(a.getState().items.map((item) => item.notification.message)).toEqual(["after the restart"]);
    a.stop();
    b.stop();
  });

  it("rolls back an action the service refuses, and reports it", async () => {
    const user = `${Date.now()}72`;
    const uid = await send(server.base, user, "keep me unread");
    const store = await storeFor(server.base, user);
    await until(() => store.getState().items.length === 1, "the item");
    const errors: string[] = [];
    store.onEvent((event) => event.type === "error" && errors.push(event.action ?? ""));
    const action = store.markAsRead([uid, "not-a-uid"]);
    expect(store.getState().items[0]?.is_read).toBe(true);
    expect(store.getState().counts?.unread).toBe(0);
    await expect(action).rejects.toMatchObject({ status: 400 });
    expect(store.getState().items[0]?.is_read).toBe(false);
    expect(store.getState().counts?.unread).toBe(1);
    expect(store.getState().error).toMatchObject({ status: 400 });
    expect(errors).toEqual(["markAsRead"]);
    await allEqualRest([store], clientFor(server.base, user), "after the rollback");
    store.stop();
  });
});

describe("InboxStore, group actions", () => {
  it("reads, archives and unarchives whole groups; a grouped and a flat store follow the server", {
    timeout: 60_000,
  }, async () => {
    const user = `${Date.now()}75`;
    const rest = clientFor(server.base, user);
    for (const n of [1, 2, 3]) await send(server.base, user, `ada ${n}`, { group_key: "ada" });
    for (const n of [1, 2]) await send(server.base, user, `bob ${n}`, { group_key: "bob" });
    await send(server.base, user, "alone");
    const grouped = await storeFor(server.base, user, { grouped: true });
    const flat = await storeFor(server.base, user);
    // The grouped store's entries equal the server's grouped page, and its counts the server's.
    const sameGroups = async (what: string) => {
      await until(() => grouped.getState().entries.length > 0 && !grouped.getState().loading, `${what}: loaded`);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const page = await rest.listGroups({ pageSize: 50 });
        const mine = grouped.getState().entries.map((entry) => (entry.kind === "group" ? entry.group : entry));
        if (JSON.stringify(mine) === JSON.stringify(page.groups) || Date.now() > deadline) {
          expect(mine, what).toEqual(page.groups);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await allEqualRest([flat], rest, what);
      const counts = await rest.allCounts();
      await until(() => grouped.getState().counts?.unread === counts.unread_notifications, `${what}: counts`);
    };
    await sameGroups("after the creates");

    const reading = grouped.markGroupsAsRead(["ada"]);
    const ada = () => grouped.getState().entries.find((e) => e.kind === "group" && e.group.group_key === "ada");
    expect(ada()).toMatchObject({ group: { count: 3, unread: 0 } });
    expect(grouped.getState().counts).toMatchObject({ unread: 3, read: 3 });
    await reading;
    await sameGroups("ada read");
    expect((await rest.allCounts()).unread_notifications).toBe(3);

    await grouped.archiveGroups(["bob"]);
    expect(grouped.getState().entries.map((e) => e.kind === "group" && e.group.group_key)).toEqual([null, "ada"]);
    await sameGroups("bob archived");
    expect(await rest.allCounts()).toMatchObject({ total_notifications: 4, archived_notifications: 2 });

    await flat.markGroupsAsUnread(["ada"]);
    await flat.unarchiveGroups(["bob"]);
    await sameGroups("ada unread, bob back");
    expect(await rest.allCounts()).toMatchObject({ unread_notifications: 6, archived_notifications: 0 });
    grouped.stop();
    flat.stop();
  });
});

describe("InboxStore, reconnect codes through the server", () => {
  it("stops on 4403 (notifications turned off for the user) and does not come back", async () => {
    const user = `${Date.now()}73`;
    await send(server.base, user, "hello");
    const store = await storeFor(server.base, user);
    const opened = TrackedSocket.all.length;
    const response = await fetch(`${server.base}/api/v1/users/${user}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${DEV_DEFAULTS.SERVICE_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ notifications_enabled: false }),
    });
    expect(response.status).toBe(200);
    await until(() => store.getState().connection === "closed", "closed");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(TrackedSocket.all.length).toBe(opened);
    expect(store.getState().connection).toBe("closed");
    store.stop();
  });

  it("fetches a fresh ticket with a fresh token after 4401 and resumes", { timeout: 30_000 }, async () => {
    const user = `${Date.now()}74`;
    let calls = 0;
    // The first token expires in 3 s; later ones are fresh, as an app's refresh would give.
    const client = clientFor(server.base, user, { getToken: () => sign(user, ++calls <= 1 ? 3 : 3600) });
    const { InboxStore } = await import("../../packages/client/src/index");
    const store = new InboxStore(client);
    await store.start();
    const first = TrackedSocket.all.length;
    await until(
      () => TrackedSocket.all.length > first && store.getState().connection === "open",
      "a new socket",
      15_000,
    );
    await send(server.base, user, "after re-auth");
    await until(() => store.getState().items.length === 1, "the item on the new socket");
    expect(calls).toBeGreaterThan(1);
    store.stop();
  });
});
