import { FRAME_BUDGET } from "./protocol";
import { attachmentOf } from "./sockets";

/**
 * Spends one frame from the socket's token bucket (FRAME_BUDGET) and says whether it was there.
 * The bucket lives in the attachment, so a hibernation between frames neither refills nor forgets
 * it; a socket opened before the bucket existed starts full.
 */
export function spendFrame(ws: WebSocket, now: number): boolean {
  const seen = attachmentOf(ws);
  const last = seen.frameBudget ?? { tokens: FRAME_BUDGET.burst, at: now };
  const refilled = (Math.max(0, now - last.at) / 1000) * FRAME_BUDGET.perSecond;
  const tokens = Math.min(FRAME_BUDGET.burst, last.tokens + refilled);
  if (tokens < 1) return false;
  ws.serializeAttachment({ ...seen, frameBudget: { tokens: tokens - 1, at: now } });
  return true;
}
