/**
 * The demo app shell: a product header with the drop-in `<edge-notify-inbox>` and a user menu, a
 * dev sign-in (DEV_MODE mints a token for any user id), placeholder screens and a form that sends
 * test notifications. The inbox needs nothing but `getToken`: it opens its own live store.
 * `?dir=rtl`, `?locale=ar`, `?theme=dark` and `?page-size=5` show the element mirrored, with
 * translated dates, themed, and scrolling page by page.
 */
import "@edge-notify/inbox";
import { initSendForm } from "./send-form";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const inbox = $<HTMLElementTagNameMap["edge-notify-inbox"]>("inbox");
type Session = { userId: string; token: string };
const STORAGE_KEY = "edge-notify-demo";

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

function showStatus(connection: string) {
  const status = $("status");
  status.dataset.state = connection;
  $("status-text").textContent = connection === "open" ? "live" : connection;
}

let unwatch: (() => void) | undefined;

function start(session: Session) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  inbox.getToken = () => session.token;
  inbox.hidden = false;
  // The element made its store while updating; the header's status dot follows its connection.
  void inbox.updateComplete.then(() => {
    const store = inbox.inboxStore;
    if (!store) return;
    unwatch = store.subscribe(() => showStatus(store.getState().connection));
    showStatus(store.getState().connection);
  });
  $("user-name").textContent = `User ${session.userId}`;
  $("user-initial").textContent = session.userId.charAt(0).toUpperCase();
  $<HTMLInputElement>("send-to").value = session.userId;
  for (const id of ["nav", "status", "user-menu", "app"]) $(id).hidden = false;
  $("sign-in").hidden = true;
}

function stop() {
  unwatch?.();
  sessionStorage.removeItem(STORAGE_KEY);
  inbox.getToken = undefined;
  for (const id of ["nav", "status", "user-menu", "app", "user-menu-list"]) $(id).hidden = true;
  inbox.hidden = true;
  $("user-button").setAttribute("aria-expanded", "false");
  $("sign-in").hidden = false;
  $("user-id").focus();
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
    $("sign-in-error").textContent =
      `Could not get a dev token (${error instanceof Error ? error.message : error}). Is DEV_MODE on?`;
  }
});

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const token = $<HTMLInputElement>("token").value.trim();
  if (token) start({ userId: userIdOfToken(token), token });
});

const userButton = $("user-button");
userButton.addEventListener("click", () => {
  const open = userButton.getAttribute("aria-expanded") !== "true";
  userButton.setAttribute("aria-expanded", String(open));
  $("user-menu-list").hidden = !open;
});
$("user-menu").addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  userButton.setAttribute("aria-expanded", "false");
  $("user-menu-list").hidden = true;
  userButton.focus();
});
$("sign-out").addEventListener("click", stop);

const params = new URLSearchParams(location.search);
if (params.get("dir") === "rtl") document.documentElement.dir = "rtl";
const locale = params.get("locale");
if (locale) {
  document.documentElement.lang = locale;
  inbox.locale = locale;
}
const pageSize = Number(params.get("page-size"));
if (pageSize > 0) inbox.pageSize = pageSize;
const theme = params.get("theme");
if (theme === "dark" || theme === "light") inbox.theme = theme;

initSendForm(post);
const saved = sessionStorage.getItem(STORAGE_KEY);
if (saved) start(JSON.parse(saved) as Session);
