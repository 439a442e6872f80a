import { createApp } from "./app";
import { handleFanout } from "./fanout/consumer";
import type { FanoutMessage } from "./fanout/messages";
import { handleScheduled } from "./scheduled";

export { UserHub } from "./realtime/user-hub";
export { NotificationService } from "./rpc";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: handleFanout,
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env, FanoutMessage>;
