/**
 * @edge-notify/react on a server (Node, react-dom/server): importing it (and so the element's
 * package) and rendering the provider, the hooks and <Inbox /> works without a DOM, touches no
 * network (effects do not run on a server) and gives the store's initial state.
 */
import { Inbox, InboxProvider, useCounts, useInbox } from "@edge-notify/react";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

function Badge() {
  const counts = useCounts();
  const { items, loading, connection } = useInbox();
  return h("p", null, `${counts ? counts.unseen : "?"} new, ${items.length} items, ${connection}, loading ${loading}`);
}

describe("@edge-notify/react in server rendering", () => {
  it("renders the initial state and the element's tag, asking nothing of the network", () => {
    const getToken = () => {
      throw new Error("no token is needed to render on a server");
    };
    const html = renderToString(
      h(InboxProvider, { baseUrl: "https://notify.example.test", getToken }, h(Badge), h(Inbox, { className: "bell" })),
    );
    expect(html).toContain("? new, 0 items, closed, loading false");
    expect(html).toContain('<edge-notify-inbox class="bell">');
  });

  it("says what is missing when a hook has no provider above it", () => {
    expect(() => renderToString(h(Badge))).toThrow("need an <InboxProvider> above them");
  });
});
