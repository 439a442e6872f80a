/** The reconnect policy (reconnect.ts) and the socket that follows it (socket.ts), on fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CloseCode, reconnectDelay } from "../../packages/client/src/reconnect";
import { LiveSocket, type SocketStatus } from "../../packages/client/src/socket";
import { FakeDocument, FakeSocket } from "./fakes";

describe("reconnectDelay", () => {
  const at = (random: number) => ({ random: () => random });

  it("draws uniformly below an exponential ceiling from 0.5 s, capped at 30 s (full jitter)", () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, {}, at(0.999999)))).toEqual([
      expect.closeTo(500, 0),
      expect.closeTo(1000, 0),
      expect.closeTo(2000, 0),
      expect.closeTo(4000, 0),
    ]);
    expect(reconnectDelay(20, {}, at(0.999999))).toBeCloseTo(30_000, 0);
    expect(reconnectDelay(3, { code: 1006 }, at(0))).toBe(0);
    expect(reconnectDelay(3, { code: 1006 }, at(0.5))).toBe(2000);
  });

  it("waits at least 60 s after 4429 or HTTP 429, 10 s after 1008", () => {
    expect(reconnectDelay(0, { code: CloseCode.TOO_MANY }, at(0))).toBe(60_000);
    expect(reconnectDelay(0, { httpStatus: 429 }, at(0))).toBe(60_000);
    expect(reconnectDelay(0, { code: CloseCode.POLICY }, at(0))).toBe(10_000);
    expect(reconnectDelay(2, { code: CloseCode.POLICY }, at(0.5))).toBe(11_000);
  });

  it("stops on 4403, 4400 and HTTP 403; retries 4401 at once the first time only", () => {
    for (const ending of [{ code: 4403 }, { code: 4400 }, { httpStatus: 403 }]) {
      expect(reconnectDelay(0, ending, at(0.5))).toBeNull();
    }
    expect(reconnectDelay(0, { code: CloseCode.UNAUTHORIZED }, at(0.5))).toBe(0);
    expect(reconnectDelay(1, { code: CloseCode.UNAUTHORIZED }, at(0.5))).toBe(500);
  });
});

describe("LiveSocket", () => {
  let statuses: SocketStatus[];
  let urls: number;
  let document: FakeDocument;

  const socket = (options: { pauseWhenHidden?: boolean } = {}) => {
    const live = new LiveSocket({
      url: async () => `ws://test/${++urls}`,
      WebSocket: FakeSocket,
      random: () => 0.5,
      onMessage: () => {},
      onStatus: (status) => statuses.push(status),
      onError: () => {},
      ...options,
    });
    live.start();
    return live;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    statuses = [];
    urls = 0;
    document = new FakeDocument();
    vi.stubGlobal("document", document);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("asks for a fresh URL (ticket) per attempt and backs off after a drop", async () => {
    const live = socket();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();
    FakeSocket.last().drop(1006);
    expect(live.status).toBe("offline");
    await vi.advanceTimersByTimeAsync(249);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all.map((s) => s.url)).toEqual(["ws://test/1", "ws://test/2"]);
  });

  it("honours 4429 for a minute and stops for good on 4403", async () => {
    const live = socket();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().drop(CloseCode.TOO_MANY);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().drop(CloseCode.FORBIDDEN);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(live.status).toBe("closed");
  });

  it("does not reconnect a hidden page until it shows, and keeps a 4429 floor across", async () => {
    const live = socket();
    await vi.advanceTimersByTimeAsync(0);
    FakeSocket.last().open();
    document.set("hidden");
    expect(live.status).toBe("open");
    FakeSocket.last().drop(1006);
    expect(live.status).toBe("paused");
    await vi.advanceTimersByTimeAsync(600_000);
    expect(FakeSocket.all).toHaveLength(1);
    document.set("visible");
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);

    FakeSocket.last().drop(CloseCode.TOO_MANY);
    document.set("hidden");
    document.set("visible");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(FakeSocket.all).toHaveLength(3);
    expect(statuses).toContain("paused");
  });

  it("reconnects while hidden with pauseWhenHidden: false", async () => {
    socket({ pauseWhenHidden: false });
    await vi.advanceTimersByTimeAsync(0);
    document.set("hidden");
    FakeSocket.last().drop(1006);
    await vi.advanceTimersByTimeAsync(250);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("starts over from the shortest delay once a connection worked", async () => {
    const live = socket();
    await vi.advanceTimersByTimeAsync(0);
    for (const wait of [250, 500, 1000]) {
      FakeSocket.last().drop(1006);
      await vi.advanceTimersByTimeAsync(wait);
    }
    expect(FakeSocket.all).toHaveLength(4);
    live.healthy();
    FakeSocket.last().drop(1006);
    await vi.advanceTimersByTimeAsync(250);
    expect(FakeSocket.all).toHaveLength(5);
  });
});
