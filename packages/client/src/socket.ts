/**
 * A WebSocket that reconnects by the policy of reconnect.ts, asks for a fresh URL (a one-time
 * ticket) before every attempt, and waits while the page is hidden.
 *
 * It replaces partysocket's ReconnectingWebSocket: that one computes its delay from the retry count
 * alone (no full jitter, no floor per close code: 4429 must wait a minute, 1008 ten seconds) and
 * knows nothing of page visibility. Bending it meant a second timer (a sleep inside its URL
 * provider, on top of its own backoff) and closing and reopening it from outside on
 * visibilitychange; the policy then lived in two places. What is needed fits in this file, with
 * no dependency.
 */
import { type Ending, type ReconnectOptions, reconnectDelay } from "./reconnect.js";

/** "offline": dropped, waiting to retry; "paused": waiting for the hidden page to show; "closed": stopped. */
export type SocketStatus = "connecting" | "open" | "offline" | "paused" | "closed";

type MinimalSocket = {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
};
export type WebSocketClass = new (url: string) => MinimalSocket;

export type LiveSocketOptions = ReconnectOptions & {
  /** Called before every attempt; an error with a numeric `status` (HTTP) steers the policy. */
  url: () => Promise<string>;
  WebSocket: WebSocketClass;
  /** Do not reconnect while `document.visibilityState === "hidden"` (default true). */
  pauseWhenHidden?: boolean;
  connectTimeoutMs?: number;
  onMessage: (text: string) => void;
  onStatus: (status: SocketStatus) => void;
  onError: (error: Error) => void;
};

type PageDocument = {
  visibilityState?: string;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
};
const page = (): PageDocument | undefined => (globalThis as { document?: PageDocument }).document;
const OPEN = 1;

export class LiveSocket {
  status: SocketStatus = "closed";
  private ws: MinimalSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending retry may start (a floor that a page turning visible must still respect). */
  private notBefore = 0;
  private attempt = 0;
  private running = false;
  private generation = 0;

  constructor(private readonly options: LiveSocketOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    if (this.options.pauseWhenHidden !== false) page()?.addEventListener("visibilitychange", this.onVisibility);
    void this.open();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    clearTimeout(this.timer);
    page()?.removeEventListener("visibilitychange", this.onVisibility);
    const ws = this.ws;
    this.ws = null;
    if (ws) this.detach(ws, 1000, "client closed");
    this.setStatus("closed");
  }

  send(text: string): boolean {
    if (this.ws?.readyState !== OPEN) return false;
    this.ws.send(text);
    return true;
  }

  /** The server answered with a real frame: the connection works, so the backoff starts over. */
  healthy(): void {
    this.attempt = 0;
  }

  /** Ends the current socket as if it had closed with `code` (an error frame names it before the close). */
  drop(code: number): void {
    if (this.ws) this.ended(this.ws, { code });
  }

  private readonly onVisibility = (): void => {
    if (!this.running || this.ws) return;
    if (this.hidden()) {
      clearTimeout(this.timer);
      this.setStatus("paused");
    } else if (this.status === "paused") {
      this.schedule(Math.max(0, this.notBefore - Date.now()));
    }
  };

  private hidden(): boolean {
    return this.options.pauseWhenHidden !== false && page()?.visibilityState === "hidden";
  }

  private async open(): Promise<void> {
    if (!this.running) return;
    if (this.hidden()) {
      this.setStatus("paused");
      return;
    }
    const generation = ++this.generation;
    this.setStatus("connecting");
    let url: string;
    try {
      url = await this.options.url();
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.onError(error instanceof Error ? error : new Error(String(error)));
      const status = (error as { status?: unknown }).status;
      this.retry({ httpStatus: typeof status === "number" ? status : undefined });
      return;
    }
    if (generation !== this.generation || !this.running) return;
    const ws = new this.options.WebSocket(url);
    this.ws = ws;
    // Generous: under a reconnect storm the server answers upgrades late, and giving up on one it is
    // already working on only queues another (a new ticket, a new upgrade) behind it.
    const timeout = setTimeout(() => this.ended(ws, {}), this.options.connectTimeoutMs ?? 30_000);
    ws.onopen = () => {
      clearTimeout(timeout);
      if (this.ws === ws) this.setStatus("open");
    };
    ws.onmessage = (event) => {
      if (this.ws === ws) this.options.onMessage(String(event.data));
    };
    ws.onerror = () => {};
    ws.onclose = (event) => {
      clearTimeout(timeout);
      this.ended(ws, { code: event.code });
    };
  }

  private ended(ws: MinimalSocket, ending: Ending): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.detach(ws, 1000, "reconnecting");
    this.retry(ending);
  }

  private retry(ending: Ending): void {
    if (!this.running) return;
    const delay = reconnectDelay(this.attempt++, ending, this.options);
    if (delay === null) {
      this.running = false;
      page()?.removeEventListener("visibilitychange", this.onVisibility);
      this.setStatus("closed");
      return;
    }
    this.notBefore = Date.now() + delay;
    if (this.hidden()) {
      this.setStatus("paused");
      return;
    }
    this.setStatus("offline");
    this.schedule(delay);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.open(), delay);
  }

  private detach(ws: MinimalSocket, code: number, reason: string): void {
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    // An error listener stays: `ws` (Node) emits "error" when a socket still connecting is closed.
    ws.onerror = () => {};
    try {
      ws.close(code, reason);
    } catch {
      // Already closed or closing.
    }
  }

  private setStatus(status: SocketStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus(status);
  }
}
