import { Inbox, InboxProvider } from "@edge-notify/react";
import { useState } from "react";
import { Activity } from "./activity.js";
import { CountsBadge } from "./counts-badge.js";
import { Projects } from "./projects.js";
import { apiBase, type Session } from "./session.js";
import { SignIn } from "./sign-in.js";

const api = apiBase();

/** An app shell: a header with the inbox, a sidebar with a badge of its own, and a page. */
export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [theme, setTheme] = useState<"auto" | "light" | "dark">("auto");
  const [opened, setOpened] = useState("");
  if (!session) {
    return (
      <main className="page">
        <SignIn api={api} onSignedIn={setSession} />
      </main>
    );
  }
  return (
    // One store for the whole app: the element, the badge and the list share its socket and state.
    <InboxProvider baseUrl={api} getToken={session.getToken} pageSize={20}>
      <header className="bar">
        <span className="brand">Acme Projects</span>
        <span className="who">Signed in as user {session.userId}</span>
        <label className="row theme">
          Inbox theme
          <select value={theme} onChange={(event) => setTheme(event.target.value as typeof theme)}>
            <option value="auto">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <Inbox
          categories={["billing", "comments"]}
          theme={theme}
          onNotificationClick={(event) => setOpened(`Opened “${event.detail.item.notification.message}”`)}
          onActionClick={(event) => setOpened(`Clicked “${event.detail.action.label}”`)}
        />
        <button type="button" className="link" onClick={() => setSession(null)}>
          Sign out
        </button>
      </header>
      <div className="layout">
        <nav aria-label="Sections" className="sidebar">
          <a href="#activity" aria-current="page">
            Activity <CountsBadge />
          </a>
          <a href="#projects">Projects</a>
          <a href="#settings">Settings</a>
        </nav>
        <main className="page">
          <p role="status" className="muted status" data-testid="opened">
            {opened}
          </p>
          <Activity />
          <Projects />
        </main>
      </div>
    </InboxProvider>
  );
}
