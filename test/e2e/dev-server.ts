import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type DevServer = { base: string; stop: () => void };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `npm run dev`'s script on free loopback ports with its own local state; resolves once ready. */
export async function startDevServer(): Promise<DevServer> {
  const [port, inspector] = [await freePort(), await freePort()];
  const state = mkdtempSync(join(tmpdir(), "edge-notify-e2e-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["scripts/dev.mjs", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", state],
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    rmSync(state, { recursive: true, force: true });
  };
  for (let i = 0; i < 120 && !output.includes("Ready on"); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!output.includes("Ready on")) {
    stop();
    throw new Error(`wrangler dev did not start:\n${output}`);
  }
  return { base: `http://127.0.0.1:${port}`, stop };
}
