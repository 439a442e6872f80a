import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { openApiDocument } from "./document";

/** Served but not part of the API: dev-only helpers (never deployed) and the document itself. */
const UNDOCUMENTED = [/^\/dev\//, /^\/openapi\.json$/, /^\/asyncapi\.yaml$/];

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const document = await openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents every route the worker serves, and nothing it does not", async () => {
    const document = await openApiDocument();
    const served = new Set(
      createApp()
        .routes.filter((route) => route.method !== "ALL")
        .map((route) => `${route.method} ${route.path.replace(/\/$/, "").replaceAll(/:(\w+)/g, "{$1}") || "/"}`)
        .filter((route) => !UNDOCUMENTED.some((pattern) => pattern.test(route.split(" ")[1] ?? ""))),
    );
    const documented = new Set(
      Object.entries(document.paths as Record<string, object>).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it("declares security on every route but the health check", async () => {
    const document = await openApiDocument();
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (path === "/health") expect(operation.security, `${method} ${path}`).toBeUndefined();
        // The socket also opens with a ticket, which no security scheme describes.
        else if (path === "/ws/me/notifications") expect(operation.security).toEqual([{ userJwt: [] }, {}]);
        else expect(operation.security?.length, `${method} ${path}`).toBe(1);
      }
    }
  });
});
