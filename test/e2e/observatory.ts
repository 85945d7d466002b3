/** The MDN HTTP Observatory on one local target, through observatory-runner.ts in a child process. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";
import { APP_HOST, type Pki } from "./servers.js";

export interface ObservatoryResult {
  grade: string;
  score: number;
  tests: Record<string, { result: string; pass: boolean; scoreModifier: number }>;
}

/** Runs the Observatory on one target in a child process that trusts the test CA. */
export function observatory(pki: Pki, host: string, httpPort: number, httpsPort: number): Promise<ObservatoryResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        join(REPO_ROOT, "dist/test/e2e/observatory-runner.js"),
        JSON.stringify({ host, httpPort, httpsPort, pins: { [APP_HOST]: "127.0.0.1" } }),
      ],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: pki.caCert }, timeout: 60_000 },
      (error, stdout, stderr) => {
        try {
          const result = JSON.parse(stdout.trim().split("\n").pop() ?? "") as ObservatoryResult & { error?: string };
          if (result.error) reject(new Error(`Observatory: ${result.error}`));
          else resolve(result);
        } catch {
          reject(new Error(`Observatory runner failed: ${error?.message ?? ""}\n${stderr.slice(-2000)}\n${stdout.slice(-2000)}`));
        }
      },
    );
  });
}
