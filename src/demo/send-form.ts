/** The demo's "send a test notification" form: category, group key, an action and an expiry, through /dev/notify. */
type Post = <T>(path: string, body: unknown) => Promise<T>;

export function initSendForm(post: Post) {
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value.trim();
  const result = document.getElementById("send-result") as HTMLElement;
  document.getElementById("send-form")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const minutes = Number(value("send-expiry"));
    const body = {
      user_ids: value("send-to")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
      message: value("send-message"),
      ...(value("send-category") && { category: value("send-category") }),
      ...(value("send-group") && { group_key: value("send-group") }),
      ...(value("send-action") && {
        actions: [
          {
            id: "primary",
            label: value("send-action"),
            url: value("send-action-url") || location.href,
            style: "primary",
          },
        ],
      }),
      ...(minutes > 0 && { expires_at: new Date(Date.now() + minutes * 60_000).toISOString() }),
    };
    try {
      const sent = await post<{ created: number; skipped: number }>("/dev/notify", body);
      const skipped = sent.skipped ? ` (${sent.skipped} turned this category off)` : "";
      result.textContent = `Sent to ${sent.created} user(s)${skipped}.`;
    } catch (error) {
      result.textContent = `Not sent: ${error instanceof Error ? error.message : error}`;
    }
  });
}
