import { WorkerEntrypoint } from "cloudflare:workers";
import { type CreateNotificationsInput, Notifier, type UpsertUserInput } from "./notifications/notifier";

/**
 * The server API over a service binding, for other Workers:
 * `[[services]] binding = "NOTIFY", service = "edge-notify", entrypoint = "NotificationService"`.
 * Errors arrive as exceptions whose message is the JSON error body the HTTP API would send.
 */
export class NotificationService extends WorkerEntrypoint<Env> {
  private notifier() {
    return new Notifier(this.env, (promise) => this.ctx.waitUntil(promise));
  }

  async createNotifications(input: CreateNotificationsInput) {
    return await this.notifier().create(input);
  }

  async upsertUser(id: string | number, fields: UpsertUserInput) {
    return await this.notifier().upsertUser(id, fields);
  }

  async getUser(id: string | number) {
    return await this.notifier().getUser(id);
  }

  async modelNotifications(query: { model: string; page?: string; page_size?: string }) {
    return await this.notifier().modelNotifications(query);
  }
}
