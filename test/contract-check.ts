/**
 * Every response the workers tests receive through `call` is checked against the served OpenAPI
 * document: an undocumented status or field (response objects are closed) fails the test that
 * received it, and every socket frame against docs/asyncapi.yaml. @cfworker/json-schema validates
 * without code generation, which workerd forbids.
 */
import { exports } from "cloudflare:workers";
import { type Schema, Validator } from "@cfworker/json-schema";
import { parse as parseYaml } from "yaml";
import asyncApiSource from "../docs/asyncapi.yaml";

type Operation = { responses: Record<string, { content?: Record<string, { schema: Schema }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

let loaded: Promise<{ document: Document; routes: { pattern: RegExp; path: string }[] }> | null = null;
const validators = new Map<Schema, Validator>();

function contract() {
  loaded ??= exports.default
    .fetch(new Request("https://edge-notify.test/openapi.json"))
    .then((response) => response.json() as Promise<Document>)
    .then((document) => ({
      document,
      routes: Object.keys(document.paths).map((path) => ({
        path,
        pattern: new RegExp(`^${path.replaceAll(/\{\w+\}/g, "[^/]+")}$`),
      })),
    }));
  return loaded;
}

function validate(schema: Schema, components: unknown, body: unknown): string[] {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator({ ...schema, components } as Schema, "2020-12", false);
    validators.set(schema, validator);
  }
  const result = validator.validate(body);
  return result.valid ? [] : result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** Throws when the response is not what the document says this operation answers. */
export async function assertDocumented(method: string, url: string, status: number, body: unknown): Promise<void> {
  if (method === "OPTIONS") return;
  const { document, routes } = await contract();
  const path = new URL(url).pathname.replace(/(.)\/$/, "$1");
  const route = routes.find((r) => r.pattern.test(path));
  const operation = route ? document.paths[route.path]?.[method.toLowerCase()] : undefined;
  const where = `${method} ${path} -> ${status}`;
  if (!operation) {
    // Paths and methods the API does not serve answer a 4xx `{"detail": ...}` (404, 405, or the
    // auth and origin checks that run first).
    const detail = { $ref: "#/components/schemas/Detail" } as Schema;
    const problems = status >= 400 && status < 500 ? validate(detail, document.components, body) : ["not a 4xx"];
    if (problems.length > 0) throw new Error(`Undocumented ${where}: ${problems.join("; ")}`);
    return;
  }
  const response = operation.responses[String(status)] ?? operation.responses.default;
  if (!response) throw new Error(`Status not in the OpenAPI document: ${where}`);
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return;
  const problems = validate(schema, document.components, body);
  if (problems.length > 0) {
    throw new Error(`Response does not match the OpenAPI document: ${where}\n${problems.slice(-6).join("\n")}`);
  }
}

type AsyncApi = {
  operations: Record<string, { action: string; messages: { $ref: string }[] }>;
  components: { messages: Record<string, { payload: Schema }>; schemas: Record<string, unknown> };
};

let frameValidators: Validator[] | null = null;

/** Validators for every message the AsyncAPI document says the server sends. */
function serverFrames(): Validator[] {
  if (frameValidators) return frameValidators;
  const document = parseYaml(asyncApiSource) as AsyncApi;
  const names = Object.values(document.operations)
    .filter((operation) => operation.action === "send")
    .flatMap((operation) => operation.messages.map((ref) => ref.$ref.split("/").at(-1) ?? ""));
  frameValidators = names.map((name) => {
    const message = document.components.messages[name];
    if (!message) throw new Error(`AsyncAPI: no message ${name}`);
    const root = { ...message.payload, components: document.components } as Schema;
    return new Validator(root, "7", false);
  });
  return frameValidators;
}

/** Why a frame the server sent is not one the AsyncAPI document describes, or null. */
export function frameProblem(frame: unknown): string | null {
  return serverFrames().some((validator) => validator.validate(frame).valid)
    ? null
    : `Socket frame not in docs/asyncapi.yaml: ${JSON.stringify(frame).slice(0, 300)}`;
}
