import { useInbox } from "@edge-notify/react";

const CONNECTION = {
  connecting: "Connecting…",
  open: "Live",
  offline: "Offline, retrying",
  paused: "Paused while hidden",
  closed: "Disconnected",
} as const;

/** The page's own list of the inbox (the store's current view), with a few actions. */
export function Activity() {
  const inbox = useInbox();
  return (
    <section className="card" aria-labelledby="activity-title" id="activity">
      <div className="head">
        <h1 id="activity-title">Activity</h1>
        <span className="muted" data-testid="connection" data-state={inbox.connection}>
          {CONNECTION[inbox.connection]}
        </span>
        <button type="button" onClick={() => void inbox.markAllAsRead().catch(() => {})}>
          Mark all as read
        </button>
      </div>
      {inbox.error && (
        <p className="error" role="alert">
          {inbox.error.message}
        </p>
      )}
      {inbox.items.length === 0 && !inbox.loading && <p className="muted">Nothing yet.</p>}
      <ul className="list" data-testid="activity">
        {inbox.items.map((item) => (
          <li key={item.uid} data-read={item.is_read}>
            <span className="message">{item.notification.message}</span>
            <span className="muted">{item.category}</span>
            {!item.is_read && (
              <button
                type="button"
                aria-label={`Mark "${item.notification.message}" as read`}
                onClick={() => void inbox.markAsRead([item.uid]).catch(() => {})}
              >
                Read
              </button>
            )}
            <button
              type="button"
              aria-label={`Archive "${item.notification.message}"`}
              onClick={() => void inbox.archive([item.uid]).catch(() => {})}
            >
              Archive
            </button>
          </li>
        ))}
      </ul>
      {inbox.hasMore && (
        <button type="button" onClick={() => void inbox.loadMore().catch(() => {})} disabled={inbox.loading}>
          Load more
        </button>
      )}
    </section>
  );
}
