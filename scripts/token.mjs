#!/usr/bin/env node
// `npm run -s token -- --user 1 [--minutes 60]`: prints a dev access token shaped like
// djangorestframework-simplejwt's, signed with EDGE_NOTIFY_JWT_SECRET when set, else with the
// JWT_SECRET `npm run dev` uses (.dev.vars or the dev defaults).
import { parseArgs } from "node:util";
import jwt from "@tsndr/cloudflare-worker-jwt";
import { devSettings } from "./dev-vars.mjs";

const USAGE = "usage: [EDGE_NOTIFY_JWT_SECRET=...] npm run -s token -- --user <id> [--minutes 60]";
// The secret comes from the environment: a command line is visible to every local user in `ps`.
if (process.argv.slice(2).some((arg) => arg === "--secret" || arg.startsWith("--secret="))) {
  console.error(
    "--secret is not accepted (`ps` shows command lines to every local user): " +
      "set EDGE_NOTIFY_JWT_SECRET in the environment instead.\n" +
      USAGE,
  );
  process.exit(2);
}
let values;
try {
  ({ values } = parseArgs({
    options: {
      user: { type: "string" },
      minutes: { type: "string", default: "60" },
    },
  }));
} catch (error) {
  // e.g. `--minutes -5`, which parseArgs reads as an option: `--minutes=-5` works.
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
const minutes = Number(values.minutes);
if (!values.user || !Number.isFinite(minutes)) {
  console.error(USAGE);
  process.exit(2);
}
const settings = devSettings();
const algorithm = process.env.JWT_ALGORITHM || "HS256";
if (!/^HS(256|384|512)$/.test(algorithm)) {
  console.error(`dev tokens are HMAC-signed: JWT_ALGORITHM must be HS256, HS384 or HS512, not ${algorithm}`);
  process.exit(2);
}
const claim = process.env.JWT_USER_ID_CLAIM || "user_id";
const userId = /^(0|-?[1-9][0-9]*)$/.test(values.user) ? Number(values.user) : values.user;
const now = Math.floor(Date.now() / 1000);
// The key is the secret's UTF-8 bytes, as simplejwt and the worker use: handing the library the
// string would cut each character to one byte (and take a secret naming PUBLIC for a PEM key).
const key = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(process.env.EDGE_NOTIFY_JWT_SECRET || settings.JWT_SECRET),
  { name: "HMAC", hash: `SHA-${algorithm.slice(2)}` },
  false,
  ["sign"],
);
const token = await jwt.sign(
  {
    token_type: "access",
    exp: now + Math.round(minutes * 60),
    iat: now,
    jti: crypto.randomUUID().replaceAll("-", ""),
    [claim]: userId,
  },
  key,
  algorithm,
);
console.log(token);
