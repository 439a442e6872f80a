// Starts `npm run dev`'s script (scripts/dev.mjs) on free loopback ports with its own local state.
// Used by the e2e/browser tests and by the benchmark.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_DEFAULTS, writeEnvFile } from "./dev-vars.mjs";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Resolves once wrangler dev is ready. `before(stateDir)` runs after the migrations are applied
 * and before the server starts (the benchmark seeds data there). The server runs with `secrets`
 * (the dev defaults unless given), never with the developer's .dev.vars: what the callers sign and
 * send must match whatever that file holds.
 *
 * A restart: `await server.stop({ keepState: true })`, then `startDevServer({ port: server.port,
 * state: server.state })` serves the same data on the same address.
 */
export async function startDevServer({
  before,
  quiet = true,
  secrets = DEV_DEFAULTS,
  port: samePort,
  state: sameState,
} = {}) {
  const [port, inspector] = [samePort ?? (await freePort()), await freePort()];
  const state = sameState ?? mkdtempSync(join(tmpdir(), "edge-notify-"));
  // Inside the state directory (mode 0700, removed by stop()); --env-file makes wrangler skip .dev.vars.
  const envFile = join(state, "secrets.env");
  writeEnvFile(envFile, secrets);
  if (before) await before(state);
  const child = spawn(
    process.execPath,
    [
      "scripts/dev.mjs",
      ...["--port", String(port), "--inspector-port", String(inspector), "--persist-to", state],
      ...["--env-file", envFile],
    ],
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  const collect = (chunk) => {
    output += chunk;
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  /** Stops the server (and removes its state unless `keepState`); resolves once it has exited. */
  const stop = ({ keepState = false } = {}) => {
    const running = child.pid && child.exitCode === null;
    if (running) process.kill(-child.pid, "SIGTERM");
    if (keepState) return running ? exited : Promise.resolve();
    // Removed at once (callers that do not wait) and again once the server has stopped writing to it.
    const remove = () => {
      try {
        rmSync(state, { recursive: true, force: true });
      } catch {}
    };
    remove();
    return running ? exited.then(remove) : Promise.resolve();
  };
  for (let i = 0; i < 120 && !output.includes("Ready on"); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!output.includes("Ready on")) {
    stop();
    throw new Error(`wrangler dev did not start:\n${output}`);
  }
  return { base: `http://127.0.0.1:${port}`, port, inspectorPort: inspector, state, pid: child.pid, stop };
}
