import { WorkerEntrypoint } from "cloudflare:workers";
import { ApiError } from "./errors";
import { type CreateNotificationsInput, Notifier, type UpsertUserInput } from "./notifications/notifier";

/**
 * An ApiError as it crosses the RPC boundary. workerd keeps only an error's message (and prefixes
 * it with the class name unless that is a built-in one), so the error is rethrown as a plain Error
 * whose message is exactly the JSON body the HTTP API would send: `JSON.parse(error.message)`.
 */
async function rpc<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError) throw new Error(JSON.stringify(error.body));
    throw error;
  }
}

/**
 * The server API over a service binding, for other Workers:
 * `[[services]] binding = "NOTIFY", service = "edge-notify", entrypoint = "NotificationService"`.
 * A refused call rejects with an Error whose message is the JSON error body the HTTP API would send.
 */
export class NotificationService extends WorkerEntrypoint<Env> {
  private notifier() {
    return new Notifier(this.env, (promise) => this.ctx.waitUntil(promise));
  }

  /** `{created, uids}` when written at once, `{job_id, status: "queued", ...}` when fanned out. */
  async createNotifications(input: CreateNotificationsInput, options: { idempotencyKey?: string } = {}) {
    return rpc(async () => (await this.notifier().create(input, options)).body);
  }

  async job(id: string) {
    return rpc(() => this.notifier().job(id));
  }

  async upsertUser(id: string | number, fields: UpsertUserInput) {
    return rpc(() => this.notifier().upsertUser(id, fields));
  }

  async getUser(id: string | number) {
    return rpc(() => this.notifier().getUser(id));
  }

  async modelNotifications(query: { model: string; page?: string; page_size?: string }) {
    return rpc(() => this.notifier().modelNotifications(query));
  }
}
