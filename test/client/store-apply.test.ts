/** The store's reducer (store-apply.ts): each change moves the rows as the service's UPDATE does. */
import { describe, expect, it } from "vitest";
import { applyChange, applyCreated, matchesView } from "../../packages/client/src/store-apply";
import type { Change, InboxEntry } from "../../packages/client/src/store-types";
import { item } from "./items";

const list = (...ids: number[]): InboxEntry[] => ids.map((id) => ({ kind: "item", item: item(id) }));
const ids = (entries: InboxEntry[]) => entries.map((e) => (e.kind === "item" ? e.item.id : e.group.notification.id));
const at = "2026-04-04T00:00:00.000000Z";

describe("applyChange", () => {
  it('"all" read stops at `before` and leaves rows read earlier as they were', () => {
    const entries = [
      ...list(3, 2),
      { kind: "item", item: item(1, { is_read: true, read_at: "earlier" }) } as InboxEntry,
    ];
    const { entries: next } = applyChange(entries, { change: "read", all: true, before: 2, at }, {}, false);
    const rows = next.map((e) => (e.kind === "item" ? e.item : null));
    expect(rows.map((r) => [r?.id, r?.is_read, r?.read_at])).toEqual([
      [3, false, null],
      [2, true, at],
      [1, true, "earlier"],
    ]);
    expect(next[0]).toBe(entries[0]);
  });

  it('"all" archived with only_read takes only read rows out of the live view', () => {
    const entries = [{ kind: "item", item: item(2, { is_read: true }) } as InboxEntry, ...list(1)];
    const change: Change = { change: "archived", all: true, only_read: true, at };
    expect(ids(applyChange(entries, change, {}, false).entries)).toEqual([1]);
  });

  it("asks for a refetch when an item may enter the view that the lists never held", () => {
    const unarchived: Change = { change: "unarchived", uids: [item(9).uid], at };
    expect(applyChange(list(1), unarchived, {}, false).refetch).toBe(true);
    expect(applyChange(list(1), unarchived, { archived: true }, false).refetch).toBe(false);
    expect(applyChange(list(1), { change: "read", uids: [item(1).uid], at }, {}, false).refetch).toBe(false);
  });

  it("removes a read item from the unread view, and an expired one from every view", () => {
    expect(
      ids(applyChange(list(2, 1), { change: "read", uids: [item(1).uid], at }, { unreadOnly: true }, false).entries),
    ).toEqual([2]);
    expect(ids(applyChange(list(2, 1), { change: "expired", uids: [item(2).uid], at }, {}, false).entries)).toEqual([
      1,
    ]);
  });

  it("targets whole groups by group_keys", () => {
    const entries: InboxEntry[] = [{ kind: "item", item: item(2, { group_key: "g" }) }, ...list(1)];
    const next = applyChange(entries, { change: "removed", group_keys: ["g"], at }, {}, false).entries;
    expect(ids(next)).toEqual([1]);
  });

  it("refetches a grouped view when a group's newest item leaves it", () => {
    const group = {
      group_key: "g",
      notification: item(2, { group_key: "g" }),
      count: 2,
      unread: 2,
      actors: [],
      actors_count: 0,
    };
    const applied = applyChange(
      [{ kind: "group", group }],
      { change: "removed", uids: [item(2).uid], at },
      { grouped: true },
      false,
    );
    expect(applied.refetch).toBe(true);
  });
});

describe("applyCreated", () => {
  it("inserts by id where the view shows it, once, and not past a page still to load", () => {
    expect(ids(applyCreated(list(5, 3), item(4), {}, false).entries)).toEqual([5, 4, 3]);
    expect(ids(applyCreated(list(5, 3), item(3), {}, false).entries)).toEqual([5, 3]);
    expect(ids(applyCreated(list(5, 3), item(2), {}, true).entries)).toEqual([5, 3]);
    expect(
      ids(applyCreated(list(5), item(6, { category: "billing" }), { category: "comments" }, false).entries),
    ).toEqual([5]);
    expect(matchesView(item(1, { archived_at: at }), { archived: true })).toBe(true);
  });
});
