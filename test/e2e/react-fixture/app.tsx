/**
 * The page of test/e2e/react-hooks.test.ts: the hooks alone (no element) in StrictMode, with
 * render counters and the actions on `window` for the test to drive. `?api=` and `?user=` say
 * where and who.
 */
import type { InboxStore } from "@edge-notify/client";
import { InboxProvider, useCounts, useInbox, useInboxSelector, useInboxStore } from "@edge-notify/react";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

type Probe = {
  /** Commits (effects without dependencies run once per commit; StrictMode adds one at mount). */
  renders: { counts: number; list: number; itemCount: number };
  inbox?: ReturnType<typeof useInbox>;
  store?: InboxStore;
  unmount?: () => void;
};
const probe: Probe = { renders: { counts: 0, list: 0, itemCount: 0 } };
(window as unknown as { probe: Probe }).probe = probe;

const query = new URLSearchParams(location.search);
const api = query.get("api") ?? "";
const user = query.get("user") ?? "1";

async function getToken(): Promise<string> {
  const response = await fetch(`${api}/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user_id: user }),
  });
  return ((await response.json()) as { token: string }).token;
}

function Counts() {
  const counts = useCounts();
  useEffect(() => {
    probe.renders.counts++;
  });
  return <output id="counts">{counts ? `unread ${counts.unread}, unseen ${counts.unseen}` : "unknown"}</output>;
}

/**
 * An inline selector building a new object each time, with an inline isEqual, under a parent
 * that re-renders on every store change: the slice must keep its identity while equal.
 */
function ItemCount() {
  const slice = useInboxSelector(
    (state) => ({ count: state.items.length }),
    (a, b) => a.count === b.count,
  );
  useEffect(() => {
    probe.renders.itemCount++;
  }, [slice]);
  return <output id="item-count">{slice.count}</output>;
}

function List() {
  const inbox = useInbox();
  probe.store = useInboxStore();
  probe.inbox = inbox;
  useEffect(() => {
    probe.renders.list++;
  });
  return (
    <div>
      <span id="connection">{inbox.connection}</span>
      <ItemCount />
      <ul id="list">
        {inbox.items.map((item) => (
          <li key={item.uid} data-read={item.is_read}>
            {item.notification.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Root() {
  const [mounted, setMounted] = useState(true);
  probe.unmount = () => setMounted(false);
  if (!mounted) return <p id="unmounted">unmounted</p>;
  return (
    <InboxProvider baseUrl={api} getToken={getToken}>
      <Counts />
      <List />
    </InboxProvider>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
