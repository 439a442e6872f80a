import type { InboxStore } from "@edge-notify/client";
import "@edge-notify/inbox"; // defines <edge-notify-inbox>
import type {
  ActionClickDetail,
  CountsChangeDetail,
  EdgeNotifyInbox,
  InboxStrings,
  NotificationClickDetail,
  RenderItem,
} from "@edge-notify/inbox";
import {
  type CSSProperties,
  createElement,
  forwardRef,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
} from "react";
import { useOptionalInboxStore } from "./provider.js";

/** The element's properties that the wrapper sets (see @edge-notify/inbox). */
export type InboxElementProps = {
  /** Where the service runs; "" for the page's own origin. Not needed with `store`. */
  baseUrl?: string;
  getToken?: () => string | Promise<string>;
  /** A store to show (default: the nearest InboxProvider's, so the hooks and the element share one). */
  store?: InboxStore;
  /** Categories shown as tabs, in this order. */
  categories?: string[];
  pageSize?: number;
  /** BCP 47 tag for dates and relative times (default: the browser's). */
  locale?: string;
  theme?: "light" | "dark" | "auto";
  /** Replacements for any of the element's words (i18n). */
  strings?: Partial<InboxStrings>;
  /** Draws an item instead of the default row (a DOM node or a Lit template; null: the default). */
  renderItem?: RenderItem;
};

export type { ActionClickDetail, CountsChangeDetail, NotificationClickDetail };

export type InboxProps = InboxElementProps & {
  onNotificationClick?: (event: CustomEvent<NotificationClickDetail>) => void;
  onActionClick?: (event: CustomEvent<ActionClickDetail>) => void;
  onCountsChange?: (event: CustomEvent<CountsChangeDetail>) => void;
  id?: string;
  className?: string;
  style?: CSSProperties;
  dir?: "ltr" | "rtl" | "auto";
};

const PROPERTIES = [
  "baseUrl",
  "getToken",
  "store",
  "categories",
  "pageSize",
  "locale",
  "theme",
  "strings",
  "renderItem",
] as const satisfies readonly (keyof InboxElementProps)[];

/** What the element holds when a prop is taken away (its own defaults). */
const UNSET: Partial<Record<(typeof PROPERTIES)[number], unknown>> = { baseUrl: "", categories: [], strings: {} };

const EVENTS = {
  onNotificationClick: "notification-click",
  onActionClick: "action-click",
  onCountsChange: "counts-change",
} as const;

/**
 * `<edge-notify-inbox>` for React: the props are set as the element's properties and the event
 * props become listeners, through a ref (React 18 passes only strings to custom elements, as
 * attributes). Inside an InboxProvider the element shows the provider's store unless given one.
 */
export const Inbox = forwardRef<EdgeNotifyInbox, InboxProps>(function Inbox(props, forwarded) {
  const element = useRef<EdgeNotifyInbox>(null);
  useImperativeHandle(forwarded, () => element.current as EdgeNotifyInbox, []);
  const contextStore = useOptionalInboxStore();
  // A connection of its own (baseUrl or getToken) wins over the provider's store.
  const ownConnection = props.baseUrl !== undefined || props.getToken !== undefined;
  const store = props.store ?? (ownConnection ? undefined : (contextStore ?? undefined));
  const applied = useRef(new Map<string, unknown>());
  // The latest handlers, read when an event fires: inline arrow functions need no re-subscribe.
  const handlers = useRef(props);

  // Before paint, so the element never draws with stale settings. Only what changed is set; a
  // prop taken away gives the element its default back.
  useLayoutEffect(() => {
    handlers.current = props;
    const node = element.current as (HTMLElement & Record<string, unknown>) | null;
    if (!node) return;
    for (const name of PROPERTIES) {
      const value = name === "store" ? store : props[name];
      if (value === undefined && !applied.current.has(name)) continue;
      if (applied.current.get(name) === value && node[name] === (value ?? UNSET[name])) continue;
      node[name] = value ?? UNSET[name];
      if (value === undefined) applied.current.delete(name);
      else applied.current.set(name, value);
    }
  });

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const off = Object.entries(EVENTS).map(([prop, type]) => {
      const listener = (event: Event) => {
        const handler = handlers.current[prop as keyof typeof EVENTS] as ((event: Event) => void) | undefined;
        handler?.(event);
      };
      node.addEventListener(type, listener);
      return () => node.removeEventListener(type, listener);
    });
    return () => {
      for (const remove of off) remove();
    };
  }, []);

  return createElement("edge-notify-inbox", {
    ref: element,
    id: props.id,
    // `class`, not className: React 18 writes className on a custom element as a "classname" attribute.
    class: props.className,
    style: props.style,
    dir: props.dir,
  });
});
