import { serviceKeyMatches } from "../auth/service-key";
import { devMode } from "../config";
import DEV_DEFAULTS from "./defaults.json";

/** 127.0.0.0/8, localhost and [::1], as the URL's hostname spells them. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether the dev-only routes answer this request. DEV_MODE alone is not enough: `npm run dev`
 * sets it whatever .dev.vars holds, and a token minted with a real JWT_SECRET (Django's SECRET_KEY,
 * as the README allows) would open the real backend too. So the secrets must be the documented dev
 * defaults (src/dev/defaults.json, which the scripts read too), and the Host a loopback one, which
 * a deployed worker or a DNS-rebound page never has.
 */
export async function devRoutesOpen(env: Env, url: string): Promise<boolean> {
  if (!devMode(env) || !LOOPBACK.test(new URL(url).hostname)) return false;
  const [jwtDefault, keyDefault] = await Promise.all([
    serviceKeyMatches(env.JWT_SECRET ?? "", DEV_DEFAULTS.JWT_SECRET),
    serviceKeyMatches(env.SERVICE_API_KEY ?? "", DEV_DEFAULTS.SERVICE_API_KEY),
  ]);
  return jwtDefault && keyDefault;
}
