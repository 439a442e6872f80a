import { ApiError } from "../errors";

/**
 * D1 calls the hub cannot afford to lose (a socket's first frame, the presence flag that decides
 * whether writes push here) are retried with backoff before giving up. ApiErrors are answers,
 * not failures, and are not retried.
 */
export async function withRetries<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** (attempt - 1)));
    }
  }
}
