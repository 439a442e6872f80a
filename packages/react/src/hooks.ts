import type { InboxCounts, InboxState, InboxStore } from "@edge-notify/client";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useInboxStore } from "./provider.js";

/** The store's actions, bound (safe to pass as event handlers or effect dependencies). */
export type InboxActions = Pick<
  InboxStore,
  | "setView"
  | "loadMore"
  | "refresh"
  | "markAsRead"
  | "markAsUnread"
  | "markAsSeen"
  | "markAllAsSeen"
  | "markAllAsRead"
  | "archive"
  | "unarchive"
  | "archiveAllRead"
  | "markAsInteracted"
  | "remove"
  | "loadPreferences"
  | "setPreference"
>;

const ACTIONS = [
  "setView",
  "loadMore",
  "refresh",
  "markAsRead",
  "markAsUnread",
  "markAsSeen",
  "markAllAsSeen",
  "markAllAsRead",
  "archive",
  "unarchive",
  "archiveAllRead",
  "markAsInteracted",
  "remove",
  "loadPreferences",
  "setPreference",
] as const satisfies readonly (keyof InboxActions)[];

function bindActions(store: InboxStore): InboxActions {
  const bound: Record<string, unknown> = {};
  for (const name of ACTIONS) bound[name] = (store[name] as (...args: unknown[]) => unknown).bind(store);
  return bound as InboxActions;
}

/**
 * A slice of the store's state: the component re-renders only when `isEqual` says the slice
 * changed, whatever else the store did. An inline selector works; one that builds a new object
 * each time needs an `isEqual` that compares by content.
 */
export function useInboxSelector<T>(
  selector: (state: InboxState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useInboxStore();
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
  // The slice last rendered, kept across renders (an inline selector makes a new getSnapshot each
  // time): an equal new slice is answered with it, so the snapshot settles.
  const rendered = useRef<{ value: T } | null>(null);
  const getSnapshot = useMemo(() => {
    let last: { state: InboxState; value: T } | null = null;
    return () => {
      const state = store.getState();
      if (last?.state === state) return last.value;
      const value = selector(state);
      const previous = last ?? rendered.current;
      last = { state, value: previous && isEqual(previous.value, value) ? previous.value : value };
      return last.value;
    };
  }, [store, selector, isEqual]);
  const value = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  useEffect(() => {
    rendered.current = { value };
  }, [value]);
  return value;
}

const wholeState = (state: InboxState) => state;

/** The inbox's whole state (items, entries, counts, connection, ...) and its actions. */
export function useInbox(): InboxState & InboxActions {
  const store = useInboxStore();
  const state = useInboxSelector(wholeState);
  const actions = useMemo(() => bindActions(store), [store]);
  return useMemo(() => ({ ...state, ...actions }), [state, actions]);
}

const selectCounts = (state: InboxState) => state.counts;

/** Whether two counts say the same (frames bring a new object even when nothing changed). */
export function countsEqual(a: InboxCounts | null, b: InboxCounts | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.total !== b.total || a.read !== b.read || a.unread !== b.unread) return false;
  if (a.unseen !== b.unseen || a.archived !== b.archived) return false;
  const names = Object.keys(a.categories);
  if (names.length !== Object.keys(b.categories).length) return false;
  return names.every((name) => {
    const [x, y] = [a.categories[name], b.categories[name]];
    return x !== undefined && y !== undefined && x.total === y.total && x.unread === y.unread && x.unseen === y.unseen;
  });
}

/**
 * The counts only (null until known): the component re-renders when a count changes, not when
 * items load, a view changes or the connection flaps. For a badge anywhere in the app.
 */
export function useCounts(): InboxCounts | null {
  return useInboxSelector(selectCounts, countsEqual);
}
