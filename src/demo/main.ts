/**
 * The demo page: sign in as any user (dev mode), watch the bell (unseen notifications) update live
 * over the socket, open it to mark what is shown as seen, page and filter the list (read state,
 * archived, category), mark read, archive, remove, click action buttons, and send test
 * notifications with a category, group, action and expiry. No polling: every change arrives as a
 * counts frame, which triggers one list reload.
 */
import { type FeedBody, type NotificationItem, NotificationsClient } from "@edge-notify/client";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const PAGE_SIZE = 10;

type Session = { userId: string; token: string };
let session: Session | null = null;
let client: NotificationsClient | null = null;
let page = 1;
let lastFeed: FeedBody | null = null;

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.detail ?? JSON.stringify(json));
  return json as T;
}

/** The bell shows what is new (unseen), as inboxes do; the list shows unread styling. */
function setBadge(unseen: number) {
  const badge = $("badge");
  badge.textContent = unseen > 99 ? "99+" : String(unseen);
  badge.dataset.count = String(unseen);
  $("bell").setAttribute("aria-label", `Notifications, ${unseen} new`);
}

function listFilters() {
  const show = $<HTMLSelectElement>("filter").value;
  const category = $<HTMLSelectElement>("category").value;
  return {
    ...(show === "archived" ? { archived: "only" as const } : show === "" ? {} : { isRead: show === "true" }),
    ...(category && { category }),
  };
}

function button(label: string, aria: string, onClick: () => Promise<unknown> | undefined, className = "") {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.className = className;
  element.setAttribute("aria-label", aria);
  element.addEventListener("click", () => void onClick()?.catch(showError));
  return element;
}

function when(iso: string) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function renderItem(item: NotificationItem): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "item";
  li.dataset.read = String(item.is_read);
  li.dataset.seen = String(item.seen_at !== null);
  li.dataset.uid = item.uid;
  const text = document.createElement("div");
  text.className = "text";
  const message = document.createElement("div");
  message.className = "message";
  message.textContent = item.notification.message;
  const meta = document.createElement("div");
  meta.className = "meta";
  const states = [item.seen_at === null ? "new" : "", item.is_read ? "read" : "", item.archived_at ? "archived" : ""];
  meta.textContent = [item.category, when(item.created_at), ...states].filter(Boolean).join(" · ");
  text.append(message, meta);
  if (item.actions.length > 0) {
    const links = document.createElement("div");
    links.className = "links";
    for (const action of item.actions) {
      const link = document.createElement("a");
      link.href = action.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.className = action.style;
      link.textContent = action.label;
      link.addEventListener("click", () => void client?.markAsInteracted(item.uid, action.id).catch(showError));
      links.append(link);
    }
    text.append(links);
  }
  const actions = document.createElement("div");
  actions.className = "actions";
  const label = `"${item.notification.message}"`;
  if (!item.is_read) actions.append(button("Mark read", `Mark ${label} as read`, () => client?.markAsRead([item.uid])));
  actions.append(
    item.archived_at
      ? button("Unarchive", `Unarchive ${label}`, () => client?.unarchive([item.uid]))
      : button("Archive", `Archive ${label}`, () => client?.archive([item.uid])),
    button("Remove", `Remove ${label}`, () => client?.remove([item.uid]), "danger"),
  );
  li.append(text, actions);
  return li;
}

/** The category select lists the user's categories (from the per-category counts). */
async function loadCategories() {
  if (!client) return;
  const { categories } = await client.allCounts();
  const select = $<HTMLSelectElement>("category");
  const chosen = select.value;
  const options = Object.entries(categories).map(([name, c]) => {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${c.unread} unread)`;
    return option;
  });
  const all = document.createElement("option");
  all.value = "";
  all.textContent = "All categories";
  select.replaceChildren(all, ...options);
  select.value = chosen && categories[chosen] ? chosen : "";
}

async function loadList() {
  if (!client) return;
  let feed: FeedBody;
  try {
    feed = await client.list({ page, pageSize: PAGE_SIZE, ...listFilters() });
  } catch (error) {
    // The page vanished (e.g. everything on it was removed): go back to the first.
    if (page > 1) {
      page = 1;
      return loadList();
    }
    return showError(error);
  }
  lastFeed = feed;
  $("list").replaceChildren(...feed.notifications.map(renderItem));
  $("empty").hidden = feed.notifications.length > 0;
  $("counts").textContent =
    `${feed.total_notifications} total · ${feed.unread_notifications} unread · ${feed.unseen_notifications} new`;
  $("page-label").textContent = `Page ${page}`;
  $<HTMLButtonElement>("prev").disabled = page <= 1;
  $<HTMLButtonElement>("next").disabled = !feed.has_more;
  setBadge(feed.unseen_notifications);
}

function showError(error: unknown) {
  $("sign-in-error").textContent = error instanceof Error ? error.message : String(error);
}

function start(next: Session) {
  session = next;
  sessionStorage.setItem("edge-notify-demo", JSON.stringify(next));
  client = new NotificationsClient({ baseUrl: "", getToken: () => next.token });
  client.onCounts((counts) => {
    setBadge(counts.unseen_notifications);
    void loadList();
    void loadCategories().catch(showError);
  });
  client.onStatus((status) => {
    const badge = $("status");
    badge.textContent = status === "open" ? "live" : status;
    badge.dataset.state = status;
  });
  client.onError((error) => console.warn("edge-notify:", error.message));
  client.connect();
  $("who-name").textContent = `user ${next.userId}`;
  $("who").hidden = false;
  $<HTMLButtonElement>("bell").disabled = false;
  $("sign-in").hidden = true;
  $("inbox").hidden = false;
  $("send").hidden = false;
  $<HTMLInputElement>("send-to").value = next.userId;
  void loadList();
}

function stop() {
  client?.close();
  client = null;
  session = null;
  sessionStorage.removeItem("edge-notify-demo");
  $("who").hidden = true;
  $<HTMLButtonElement>("bell").disabled = true;
  $("sign-in").hidden = false;
  $("inbox").hidden = true;
  $("send").hidden = true;
  setBadge(0);
}

function userIdOfToken(token: string): string {
  try {
    const payload = JSON.parse(atob((token.split(".")[1] ?? "").replaceAll("-", "+").replaceAll("_", "/")));
    return String(payload.user_id ?? payload.sub ?? "?");
  } catch {
    return "?";
  }
}

$("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const userId = $<HTMLInputElement>("user-id").value.trim();
  try {
    const { token } = await post<{ token: string }>("/dev/token", { user_id: userId });
    $("sign-in-error").textContent = "";
    start({ userId, token });
  } catch (error) {
    showError(`Could not get a dev token (${error instanceof Error ? error.message : error}). Is DEV_MODE on?`);
  }
});

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $<HTMLInputElement>("token").value.trim();
  if (token) start({ userId: userIdOfToken(token), token });
});

$("sign-out").addEventListener("click", stop);
// Opening the inbox marks what it shows as seen: everything up to the newest item listed, so a
// notification arriving meanwhile stays new.
$("bell").addEventListener("click", () => {
  $("inbox").scrollIntoView({ behavior: "smooth" });
  const newest = lastFeed?.notifications[0]?.id;
  if (newest !== undefined) void client?.markAllAsSeen(newest).catch(showError);
});
for (const id of ["filter", "category"]) {
  $(id).addEventListener("change", () => {
    page = 1;
    void loadList();
  });
}
$("prev").addEventListener("click", () => {
  page = Math.max(1, page - 1);
  void loadList();
});
$("next").addEventListener("click", () => {
  if (lastFeed?.has_more) page += 1;
  void loadList();
});
$("mark-all").addEventListener("click", () => client?.markAllAsRead().catch(showError));
$("remove-all").addEventListener("click", () => client?.removeAll().catch(showError));

$("send-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const to = $<HTMLInputElement>("send-to")
    .value.split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const message = $<HTMLInputElement>("send-message").value;
  const value = (id: string) => $<HTMLInputElement>(id).value.trim();
  const minutes = Number(value("send-expiry"));
  const body = {
    user_ids: to,
    message,
    ...(value("send-category") && { category: value("send-category") }),
    ...(value("send-group") && { group_key: value("send-group") }),
    ...(value("send-action") && {
      actions: [{ id: "primary", label: value("send-action"), url: value("send-action-url"), style: "primary" }],
    }),
    ...(minutes > 0 && { expires_at: new Date(Date.now() + minutes * 60_000).toISOString() }),
  };
  try {
    const result = await post<{ created: number; skipped: number }>("/dev/notify", body);
    const skipped = result.skipped ? ` (${result.skipped} turned this category off)` : "";
    $("send-result").textContent = `Sent to ${result.created} user(s)${skipped}.`;
  } catch (error) {
    $("send-result").textContent = `Not sent: ${error instanceof Error ? error.message : error}`;
  }
});

const saved = sessionStorage.getItem("edge-notify-demo");
if (saved && !session) start(JSON.parse(saved) as Session);
