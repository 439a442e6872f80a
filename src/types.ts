/** Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declared here. */
declare global {
  namespace Cloudflare {
    interface Env {
      JWT_SECRET?: string;
      SERVICE_API_KEY?: string;
      /** Never in wrangler.toml: `npm run dev` passes it, so a deploy cannot carry it. */
      DEV_MODE?: string;
    }
  }
}

export type HonoEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Canonical id of the authenticated user (user routes only). */
    userId: string;
    /** When the caller's access token expires, seconds since the epoch (user routes only). */
    tokenExpiresAt: number;
  };
};
