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

test("variable defaults and .env values that are URLs with a password are redacted in every format", async () => {
  const passwords = {
    dbDefault: "DbDefaultPw-6d1f0c",
    brokerDefault: "BrokerDefaultPw-a83e",
    redisDefault: "RedisDefaultPw-17bb",
    envFileUrl: "EnvFileUrlPw-c40d",
  };
  const root = materialize({
    "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
    "mysite/settings.py": [
      "import os",
      "import environ",
      "env = environ.Env()",
      'SECRET_KEY = env("DJANGO_SECRET_KEY")',
      "DEBUG = False",
      'ALLOWED_HOSTS = ["a.example"]',
      `DATABASES = {"default": env.db("DATABASE_URL", default="postgres://app:${passwords.dbDefault}@db:5432/app")}`,
      `CELERY_BROKER_URL = os.environ.get("BROKER", "amqp://guest:${passwords.brokerDefault}@rabbit:5672//")`,
      `CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ.get("REDIS_URL", "redis://:${passwords.redisDefault}@cache:6379/0")}}`,
      "",
    ].join("\n"),
    "prod.env": `DJANGO_SECRET_KEY=${SECRETS.key}\nDATABASE_URL=postgres://app:${passwords.envFileUrl}@db.internal:5432/app\n`,
  });
  roots.push(root);
  const envFile = ["--env-file", join(root, "prod.env")];
  const runs = [
    ["settings", root],
    ["settings", root, "--format", "json"],
    ["settings", root, ...envFile],
    ["settings", root, "--format", "json", ...envFile],
    ...["text", "json", "sarif", "markdown", "junit", "html"].flatMap((format) => [
      ["audit", root, "--format", format],
      ["audit", root, "--format", format, ...envFile],
    ]),
  ];
  const outputs = await Promise.all(runs.map((args) => run(args)));
  outputs.forEach((output, index) => {
    assert.ok(output.length > 100, `${runs[index]?.join(" ")}: empty`);
    for (const [name, secret] of Object.entries({ ...passwords, key: SECRETS.key })) {
      const at = output.indexOf(secret);
      assert.ok(
        at < 0,
        `${name} leaked by ${runs[index]
          ?.slice(0, 1)
          .concat(runs[index]?.slice(2) ?? [])
          .join(" ")}:\n${output.slice(Math.max(0, at - 200), at + 100)}`,
      );
    }
  });
  // Redacted, not dropped: the rest of the URL is still there to read.
  assert.match(outputs[0] as string, /DATABASE_URL="postgres:\/\/app:\*\*\*@db:5432\/app"/);
  assert.match(outputs[0] as string, /BROKER="amqp:\/\/guest:\*\*\*@rabbit:5672\/\/"/);
});
