import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";

const source = readFileSync(new URL("../../docs/asyncapi.yaml", import.meta.url), "utf8");

describe("the AsyncAPI document of the socket", () => {
  it("is valid AsyncAPI 3 with no warnings", async () => {
    const { document, diagnostics } = await new Parser().parse(source);
    const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join(".")}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document?.version()).toBe("3.0.0");
    expect(document?.channels().get("notifications")?.address()).toBe("/ws/me/notifications");
  });

  it("names every close code the server uses", async () => {
    const protocol = readFileSync(new URL("../../src/realtime/protocol.ts", import.meta.url), "utf8");
    const codes = [...protocol.matchAll(/export const CLOSE_\w+ = (\d+);/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes) expect(source, `close code ${code}`).toContain(`| ${code} |`);
  });

  it("is served at /asyncapi.yaml", async () => {
    const response = await createApp().request("https://edge-notify.test/asyncapi.yaml", {}, {} as Env);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/yaml/);
    expect(await response.text()).toBe(source);
  });
});
