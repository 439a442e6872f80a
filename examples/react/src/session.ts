/**
 * Tokens for the example: `npm run dev` mints one for any user id at POST /dev/token (dev only:
 * a real app gets its user's token from its own backend). Kept until a minute before it expires.
 */
export type Session = { userId: string; getToken: () => Promise<string> };

export async function signIn(api: string, userId: string): Promise<Session> {
  let cached: { token: string; until: number } | null = null;
  const getToken = async () => {
    if (cached && Date.now() < cached.until) return cached.token;
    const response = await fetch(`${api}/dev/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user_id: userId }),
    });
    const body = (await response.json()) as { token?: string; expires_in?: number; detail?: string };
    if (!response.ok || !body.token) throw new Error(body.detail ?? `The token request answered ${response.status}.`);
    cached = { token: body.token, until: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000 };
    return body.token;
  };
  await getToken(); // fail here, on the sign-in form, rather than later in the inbox
  return { userId, getToken };
}

/** The service's URL: `?api=` (the tests' server), else `npm run dev`'s default address. */
export function apiBase(): string {
  return new URLSearchParams(location.search).get("api") ?? "http://127.0.0.1:8787";
}
