// The generated OpenAPI document, built in Node from the same app the worker serves.
import { createApp } from "../../src/app";

export async function openApiDocument(): Promise<Record<string, any>> {
  const response = await createApp().request("https://edge-notify.test/openapi.json", {}, {} as Env);
  if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, any>;
}
