import type { CatchUp } from "./catch-up";
import { countsFrame, type EventFrame, resetFrame, wireFrames } from "./frames";
import { type Attachment, attachmentOf, send } from "./sockets";

/**
 * Delivery to events.v1 sockets. Per socket the attachment keeps the last version sent; frames go
 * out in version order, each version at most once, never with a gap: a socket is sent a pushed
 * frame only when it holds the version just before; any other socket that is behind is caught up
 * from the outbox instead (one read per hub, see Refresher).
 */

export const isEventSocket = (ws: WebSocket) => attachmentOf(ws).events === true;

const setVersion = (ws: WebSocket, seen: Attachment, version: number) => {
  const { claimed: _claimed, ...rest } = seen;
  ws.serializeAttachment({ ...rest, version });
};

/**
 * A pushed change at `version` (with its ready `frame`, when the writer had one). Returns the
 * sockets that are behind by more than this frame (pushes raced, the hub slept, or the socket
 * waits for its first read) and need a catch-up read.
 */
export function deliverLive(sockets: WebSocket[], version: number, frame: EventFrame | undefined): WebSocket[] {
  const behind: WebSocket[] = [];
  for (const ws of sockets) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    const seen = attachmentOf(ws);
    if (seen.claimed || seen.version < 0) behind.push(ws);
    else if (seen.version >= version) continue;
    else if (frame && seen.version === version - 1) {
      for (const part of wireFrames(frame)) send(ws, part);
      setVersion(ws, seen, version);
    } else behind.push(ws);
  }
  return behind;
}

/**
 * Sends each socket what it misses up to the version read: the frames after its version when the
 * outbox still holds all of them (at most RESUME_MAX_EVENTS), else `reset` and `counts`. A socket
 * without a version gets `counts`; one that claimed a version the user never reached gets `reset`
 * (unknown_version). `reply` (a connect, a sync or any other text frame): a socket that needed no
 * frame is sent `counts` as the answer.
 */
export function deliverCatchUp(sockets: WebSocket[], { counts, full, frames, max }: CatchUp, reply: boolean): void {
  const current = counts.version;
  for (const ws of sockets) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    const seen = attachmentOf(ws);
    if (seen.version < 0) {
      send(ws, countsFrame(current, full));
    } else if (seen.version > current) {
      // A version this socket was sent after the read began is newer than the read: nothing to add.
      if (!seen.claimed) continue;
      send(ws, resetFrame(current, "unknown_version"));
      send(ws, countsFrame(current, full));
      // Back to the user's real version, or every live frame would look already sent.
      setVersion(ws, seen, current);
      continue;
    } else if (seen.version === current) {
      if (reply || seen.claimed) send(ws, countsFrame(current, full));
    } else {
      const missing = frames.filter((frame) => frame.version > seen.version);
      if (current - seen.version <= max && missing.length === current - seen.version) {
        for (const frame of missing) for (const part of wireFrames(frame)) send(ws, part);
      } else {
        send(ws, resetFrame(current, "too_far_behind"));
        send(ws, countsFrame(current, full));
      }
    }
    setVersion(ws, seen, Math.max(seen.version, current));
  }
}
