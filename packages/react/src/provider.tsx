import { InboxStore, type InboxView, NotificationsClient, type NotificationsClientOptions } from "@edge-notify/client";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from "react";

const InboxContext = createContext<InboxStore | null>(null);

/** What the provider builds its own client from. */
export type InboxConnection = Pick<NotificationsClientOptions, "baseUrl" | "getToken" | "WebSocket">;

type NoConnection = { baseUrl?: undefined; getToken?: undefined; WebSocket?: undefined };

export type InboxProviderProps = {
  children?: ReactNode;
  /** The first view (tabs, filters); change it later with `useInbox().setView`. */
  view?: InboxView;
  pageSize?: number;
} & (
  | (InboxConnection & { store?: undefined; client?: undefined })
  | (NoConnection & { client: NotificationsClient; store?: undefined })
  | (NoConnection & { store: InboxStore; client?: undefined })
);

/**
 * Puts an InboxStore in context and runs it while mounted: started on mount (first page, counts,
 * the live socket), stopped on unmount. Give it `baseUrl` + `getToken`, a NotificationsClient, or
 * a ready InboxStore. A new store is made only when `baseUrl`, the client or `pageSize` change:
 * `getToken` and `view` may be inline (the latest `getToken` is always the one called).
 */
export function InboxProvider(props: InboxProviderProps) {
  const latestGetToken = useRef(props.getToken);
  latestGetToken.current = props.getToken;
  // The view a new store starts with (as useState's initial value): later views go through setView.
  const latestView = useRef(props.view);
  latestView.current = props.view;
  const { children, store: given, client: givenClient, baseUrl, WebSocket, pageSize } = props;

  const store = useMemo(() => {
    if (given) return given;
    const client =
      givenClient ??
      new NotificationsClient({
        baseUrl: baseUrl ?? "",
        getToken: () => {
          const getToken = latestGetToken.current;
          if (!getToken) throw new Error("InboxProvider needs getToken (or a client or a store).");
          return getToken();
        },
        ...(WebSocket !== undefined && { WebSocket }),
      });
    return new InboxStore(client, {
      ...(latestView.current && { view: latestView.current }),
      ...(pageSize !== undefined && { pageSize }),
    });
  }, [given, givenClient, baseUrl, WebSocket, pageSize]);

  useRunningStore(store);
  return <InboxContext.Provider value={store}>{children}</InboxContext.Provider>;
}

/** Stores whose stop is scheduled: a remount in the same commit (StrictMode) cancels it. */
const pendingStops = new WeakMap<InboxStore, ReturnType<typeof setTimeout>>();

/**
 * Starts the store while the component is mounted. StrictMode mounts, unmounts and mounts again
 * at once: stopping right away would close the socket and open a second one, so the stop waits a
 * task and a remount in between cancels it. start() is idempotent, so the second mount is free.
 */
function useRunningStore(store: InboxStore) {
  useEffect(() => {
    clearTimeout(pendingStops.get(store));
    pendingStops.delete(store);
    // A failed first load is in the state (`error`) for the UI; nothing else to do with it here.
    store.start().catch(() => {});
    return () => {
      pendingStops.set(
        store,
        setTimeout(() => {
          pendingStops.delete(store);
          store.stop();
        }, 0),
      );
    };
  }, [store]);
}

/** The InboxStore of the nearest InboxProvider; throws outside one. */
export function useInboxStore(): InboxStore {
  const store = useContext(InboxContext);
  if (!store) throw new Error("useInbox(), useCounts() and useInboxStore() need an <InboxProvider> above them.");
  return store;
}

/** The store of the nearest provider, or null (for components that also work without one). */
export function useOptionalInboxStore(): InboxStore | null {
  return useContext(InboxContext);
}
