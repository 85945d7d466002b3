import assert from "node:assert/strict";
import { test } from "node:test";
import { redactSourceLine } from "./secrets.js";

test("quoted source lines keep their shape and lose their secrets", () => {
  const cases: [string, string][] = [
    ['SECRET_KEY = "Zq9KeyLiteral-5f2c8e1a7b3d9c"', 'SECRET_KEY = "•••"'],
    [
      'AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "fallback-value")',
      'AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY", "•••")',
    ],
    [
      'DATABASES = {"default": dj_database_url.parse("postgres://app:Pa55@db:5432/app")}',
      'DATABASES = {"default": dj_database_url.parse("postgres://app:***@db:5432/app")}',
    ],
    ["API_TOKEN=DotenvSecretValue", "API_TOKEN=•••"],
    ["      POSTGRES_PASSWORD: hunter2", "      POSTGRES_PASSWORD: •••"],
    ["ENV SECRET_KEY=abc DEBUG=1", "ENV SECRET_KEY=••• DEBUG=1"],
    // The second line of a key split over lines names nothing, but looks like a key.
    ['    "x8f7d6s5a4q3w2e1r0t9y8u7i6o5p4"', '    "•••"'],
    ['DEBUG = env.bool("DEBUG", default=True)', 'DEBUG = env.bool("DEBUG", default=True)'],
    [
      'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]',
      'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]',
    ],
  ];
  for (const [line, expected] of cases) assert.equal(redactSourceLine(line), expected);
});
