import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import DEV_DEFAULTS from "../../src/dev/defaults.json";

/** DEV_MODE is "true" in this project, as `npm run dev` sets it, but the secrets are not the dev defaults. */
describe("dev routes with DEV_MODE on and other secrets", () => {
  it("the project runs with DEV_MODE on and secrets other than the dev defaults", () => {
    expect(env.DEV_MODE).toBe("true");
    expect(env.JWT_SECRET).not.toBe(DEV_DEFAULTS.JWT_SECRET);
  });

  it.each(["http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787"])(
    "POST /dev/token and /dev/notify on %s answer 404",
    async (origin) => {
      for (const [path, body] of [
        ["/dev/token", { user_id: "2" }],
        ["/dev/notify", { user_ids: ["2"], message: "hi" }],
      ] as const) {
        const response = await exports.default.fetch(
          new Request(`${origin}${path}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body),
          }),
        );
        expect(response.status, path).toBe(404);
        expect(await response.json()).toEqual({ detail: "Not found." });
      }
    },
  );
});
