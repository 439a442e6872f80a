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

  /** `{created, uids}` when written at once, `{job_id, status: "queued", ...}` when fanned out. */
  async createNotifications(input: CreateNotificationsInput, options: { idempotencyKey?: string } = {}) {
    return (await this.notifier().create(input, options)).body;
  }

  async job(id: string) {
    return await this.notifier().job(id);
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
