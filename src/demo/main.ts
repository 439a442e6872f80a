/**
 * The demo page: sign in as any user (dev mode), watch the bell update live over the socket, page
 * and filter the list, mark read, remove, and send test notifications. No polling: every change
 * arrives as a counts frame, which triggers one list reload.
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

function setBadge(unread: number) {
  const badge = $("badge");
  badge.textContent = unread > 99 ? "99+" : String(unread);
  badge.dataset.count = String(unread);
  $("bell").setAttribute("aria-label", `Notifications, ${unread} unread`);
}

function filterValue(): boolean | undefined {
  const value = $<HTMLSelectElement>("filter").value;
  return value === "" ? undefined : value === "true";
}

function when(iso: string) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function renderItem(item: NotificationItem): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "item";
  li.dataset.read = String(item.is_read);
  li.dataset.uid = item.uid;
  const text = document.createElement("div");
  text.className = "text";
  const message = document.createElement("div");
  message.className = "message";
  message.textContent = item.notification.message;
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = `${item.notification.model} · ${item.notification.method} · ${when(item.created_at)}${item.is_read ? " · read" : ""}`;
  text.append(message, meta);
  const actions = document.createElement("div");
  actions.className = "actions";
  if (!item.is_read) {
    const read = document.createElement("button");
    read.type = "button";
    read.textContent = "Mark read";
    read.setAttribute("aria-label", `Mark "${item.notification.message}" as read`);
    read.addEventListener("click", () => client?.markAsRead([item.uid]).catch(showError));
    actions.append(read);
  }
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "danger";
  remove.textContent = "Remove";
  remove.setAttribute("aria-label", `Remove "${item.notification.message}"`);
  remove.addEventListener("click", () => client?.remove([item.uid]).catch(showError));
  actions.append(remove);
  li.append(text, actions);
  return li;
}

async function loadList() {
  if (!client) return;
  let feed: FeedBody;
  try {
    feed = await client.list({ page, pageSize: PAGE_SIZE, isRead: filterValue() });
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
    `${feed.total_notifications} total · ${feed.unread_notifications} unread · ${feed.read_notifications} read`;
  $("page-label").textContent = `Page ${page}`;
  $<HTMLButtonElement>("prev").disabled = page <= 1;
  $<HTMLButtonElement>("next").disabled = !feed.has_more;
  setBadge(feed.unread_notifications);
}

function showError(error: unknown) {
  $("sign-in-error").textContent = error instanceof Error ? error.message : String(error);
}

function start(next: Session) {
  session = next;
  sessionStorage.setItem("edge-notify-demo", JSON.stringify(next));
  client = new NotificationsClient({ baseUrl: "", getToken: () => next.token });
  client.onCounts((counts) => {
    setBadge(counts.unread_notifications);
    void loadList();
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
$("bell").addEventListener("click", () => $("inbox").scrollIntoView({ behavior: "smooth" }));
$("filter").addEventListener("change", () => {
  page = 1;
  void loadList();
});
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
  try {
    const result = await post<{ created: number }>("/dev/notify", { user_ids: to, message });
    $("send-result").textContent = `Sent to ${result.created} user(s).`;
  } catch (error) {
    $("send-result").textContent = `Not sent: ${error instanceof Error ? error.message : error}`;
  }
});

const saved = sessionStorage.getItem("edge-notify-demo");
if (saved && !session) start(JSON.parse(saved) as Session);
