import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export const TEST_JWT_SECRET = "test-jwt-secret";
export const TEST_SERVICE_API_KEY = "test-service-api-key";

/** YAML imported as text, as wrangler's Text rule bundles it (docs/asyncapi.yaml). */
const yamlAsText = {
  name: "yaml-as-text",
  transform(code: string, id: string) {
    return id.endsWith(".yaml") ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
  },
};

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");

  /** Tests that run inside workerd against the worker of wrangler.toml, with real D1 and Durable Objects. */
  const workersProject = (name: string, include: string[], vars: Record<string, string> = {}) => ({
    plugins: [
      yamlAsText,
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            JWT_SECRET: TEST_JWT_SECRET,
            SERVICE_API_KEY: TEST_SERVICE_API_KEY,
            ...vars,
          },
          // What another Worker's `[[services]]` binding to the entrypoint looks like.
          serviceBindings: { NOTIFY: { name: "edge-notify", entrypoint: "NotificationService" } },
        },
      }),
    ],
    test: { name, include, setupFiles: ["./test/setup/apply-migrations.ts"] },
  });

  return {
    test: {
      projects: [
        workersProject("workers", ["test/*.test.ts"]),
        // The same worker configured as an operator would: frames carry the first page, origins are listed.
        workersProject("configured", ["test/configured/*.test.ts"], {
          ALLOWED_NOTIFICATION_DATA: "true",
          ALLOWED_ORIGINS: "https://app.example.test, https://admin.example.test/",
          // As `npm run dev` sets it: the dev routes must still stay shut under the test secrets.
          DEV_MODE: "true",
          // A small resume bound, so passing it costs a few writes (test/configured/resume-bound.test.ts).
          RESUME_MAX_EVENTS: "5",
          // A small byte bound: two actions naming a dozen uids each pass it (test/configured/resume-bytes.test.ts).
          RESUME_MAX_BYTES: "1000",
        }),
        // Node: starts `npm run dev`'s script and talks to it over loopback.
        { test: { name: "e2e", include: ["test/e2e/*.test.ts"], environment: "node", testTimeout: 30_000 } },
        // Node: the client package's own logic (reconnect policy, the store's reducer) on fakes.
        { test: { name: "client", include: ["test/client/*.test.ts"], environment: "node" } },
        // Node: the published contract (OpenAPI, AsyncAPI, the client's generated types) checked offline.
        {
          plugins: [yamlAsText],
          test: { name: "contract", include: ["test/contract/*.test.ts"], environment: "node", testTimeout: 30_000 },
        },
      ],
      // workerd reports every rejected RPC call as unhandled even when the test awaits it
      // (cloudflare/workers-sdk#14736). Only API errors that crossed RPC (a JSON body) are let through.
      onUnhandledError(error: { message?: string; remote?: boolean }) {
        return !(error.remote === true && /^(ApiError: )?\{/.test(String(error.message)));
      },
    },
  };
});
