import assert from "node:assert/strict";
import { test } from "node:test";
import { isSecretName, redactSourceLine } from "./secrets.js";

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

// isSecretName compares strings; it must say what the case-insensitive pattern it replaced says,
// for every name built from the secret words and their near misses.
/** The pattern isSecretName replaced, kept here as its specification. */
const SPECIFICATION = (name: string): boolean =>
  /(^|_)(PASSWORD|PASSWD|PASS|PWD|TOKEN|SECRET|SECRET_KEY|API_?KEY|PRIVATE_KEY|ACCESS_KEY|AUTH_KEY|SIGNING_KEY|PASSPHRASE|CREDENTIALS?)$/i.test(
    name,
  ) || /SECRET_ACCESS_KEY|SECRET_KEY_FALLBACKS/i.test(name);

test("secret names and names about secrets", () => {
  for (const name of [
    "SECRET_KEY",
    "EMAIL_HOST_PASSWORD",
    "SENTRY_AUTH_TOKEN",
    "password",
    "Stripe_Secret_Key",
    "AWS_SECRET_ACCESS_KEY_ID",
  ])
    assert.equal(isSecretName(name), true, name);
  for (const name of ["PASSWORD_HASHERS", "AUTH_PASSWORD_VALIDATORS", "TOKENIZER", "BYPASS_X", "SECRET_KEYS", "DEBUG"])
    assert.equal(isSecretName(name), false, name);
});

test("the same answer as the pattern it replaced, for names built from the words and near misses", () => {
  const words = ["PASSWORD", "PASSWD", "PASS", "PWD", "TOKEN", "SECRET", "SECRET_KEY", "APIKEY", "API_KEY", "API__KEY", "APIKEYS"];
  words.push("PRIVATE_KEY", "ACCESS_KEY", "AUTH_KEY", "SIGNING_KEY", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "CREDENTIALSS");
  words.push("SECRET_ACCESS_KEY", "SECRET_KEY_FALLBACKS", "KEY", "", "_");
  const prefixes = ["", "_", "X_", "X", "MY_APP_", "my_", "Ü_", "ı_"];
  const suffixes = ["", "_", "S", "_X", "\n", " ", "ß"];
  const cases = [(s: string) => s, (s: string) => s.toLowerCase(), (s: string) => s.replace(/./g, (c, i) => (i % 2 ? c.toLowerCase() : c))];
  let compared = 0;
  for (const word of words)
    for (const prefix of prefixes)
      for (const suffix of suffixes)
        for (const change of cases) {
          const name = change(`${prefix}${word}${suffix}`);
          assert.equal(isSecretName(name), SPECIFICATION(name), JSON.stringify(name));
          compared++;
        }
  // Names with letters a case-insensitive ASCII pattern does not fold: ſ and K are not s and k.
  for (const name of ["PAſſWORD", "ſECRET", "SECRET_\u212aEY", "API_\u212aEY", "TOKEN\u0130"])
    assert.equal(isSecretName(name), SPECIFICATION(name), name);
  assert.ok(compared > 3000);
});
