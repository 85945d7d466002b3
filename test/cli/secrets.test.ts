/**
 * Secrets never reach output: not in `djship settings` (text or JSON), not in any audit format,
 * whether they are literals, defaults, .env values or parts of database URLs.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { REPO_ROOT } from "../helpers/paths.js";

const CLI = join(REPO_ROOT, "bin", "djship.js");
const SECRETS = {
  key: "Zq9KeyLiteralSECRET-5f2c8e1a7b3d9c4e6f0a2b8d1c7e3f9a5b",
  fallback: "OldKeyFallback-7d3e9a1c5b8f2e4d6a0c9b7e3f1a5d8c2b6e",
  dbPassword: "Pa55wordInUrl-93kd",
  emailPassword: "MailPa55-Literal-x7",
  awsSecret: "AwsSecretFromEnvDefault-44x",
  envFileSecret: "DotenvSecretValue-e91",
};
const SETTINGS = `import os
import dj_database_url
SECRET_KEY = "${SECRETS.key}"
SECRET_KEY_FALLBACKS = ["${SECRETS.fallback}"]
DATABASES = {"default": dj_database_url.parse("postgres://app:${SECRETS.dbPassword}@db:5432/app")}
EMAIL_HOST_PASSWORD = "${SECRETS.emailPassword}"
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "${SECRETS.awsSecret}")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://:${SECRETS.dbPassword}@cache:6379/0"}}
DEBUG = True
`;

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function run(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (_error, stdout, stderr) =>
      resolve(stdout + stderr),
    );
  });
}

test("no secret value appears in any output format", async () => {
  const root = materialize({
    "mysite/settings.py": SETTINGS,
    ".env": `API_TOKEN=${SECRETS.envFileSecret}\nSECRET_KEY=${SECRETS.key}\n`,
    "prod.env": `SECRET_KEY=${SECRETS.key}\n`,
  });
  roots.push(root);
  const outputs = await Promise.all([
    run(["settings", root]),
    run(["settings", root, "--format", "json"]),
    run(["settings", root, "--format", "json", "--env-file", join(root, "prod.env")]),
    ...["text", "json", "sarif", "markdown", "junit", "html"].map((format) => run(["audit", root, "--format", format])),
    run(["audit", root, "--format", "json", "--env-file", join(root, "prod.env")]),
  ]);
  for (const output of outputs) {
    assert.ok(output.length > 100, "an output is empty");
    for (const [name, secret] of Object.entries(SECRETS)) {
      assert.ok(
        !output.includes(secret),
        `${name} leaked:\n${output.slice(Math.max(0, output.indexOf(secret) - 200), output.indexOf(secret) + 100)}`,
      );
    }
  }
  const json = JSON.parse(outputs[1] as string) as { values: Record<string, { value: unknown; envDefaults: Record<string, unknown> }> };
  assert.deepEqual(json.values.SECRET_KEY?.value, { redacted: true, length: SECRETS.key.length, insecurePrefix: false });
  assert.deepEqual(json.values.SECRET_KEY_FALLBACKS?.value, [{ redacted: true, length: SECRETS.fallback.length, insecurePrefix: false }]);
  assert.deepEqual(json.values.EMAIL_HOST_PASSWORD?.value, { redacted: true, length: SECRETS.emailPassword.length });
  const caches = json.values.CACHES?.value as { default: { LOCATION: string } } | undefined;
  assert.equal(caches?.default.LOCATION, "redis://:***@cache:6379/0");
  assert.deepEqual(json.values.AWS_SECRET_ACCESS_KEY?.envDefaults.AWS_SECRET_ACCESS_KEY, {
    redacted: true,
    length: SECRETS.awsSecret.length,
  });
});
