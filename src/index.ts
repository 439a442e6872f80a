import { createApp } from "./app";

export { UserHub } from "./realtime/user-hub";
export { NotificationService } from "./rpc";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
