import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { REPO_ROOT } from "../helpers/paths.js";

/** Debian's Chromium (scripts/provision.sh installs it): playwright-core never downloads a browser. */
export const CHROMIUM = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((path) => existsSync(path));

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("Chromium is not installed: run scripts/provision.sh (apt-get install chromium)");
  // --no-sandbox: the tests run as root, where Chromium refuses its sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], timeout: 60_000 });
}

/** Where tests leave what a person may want to look at (screenshots): gitignored with dist/. */
export function artifactPath(name: string): string {
  const dir = join(REPO_ROOT, "dist", "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
