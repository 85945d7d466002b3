import type { Json } from "../python/value.js";

/**
 * Names whose values are secrets: the secret word ends the name (EMAIL_HOST_PASSWORD,
 * SENTRY_AUTH_TOKEN, STRIPE_SECRET_KEY, a DATABASES "PASSWORD"), so that settings merely about
 * secrets (PASSWORD_HASHERS, AUTH_PASSWORD_VALIDATORS) stay readable.
 */
const SECRET_WORDS = [
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PWD",
  "TOKEN",
  "SECRET",
  "SECRET_KEY",
  "APIKEY",
  "API_KEY",
  "PRIVATE_KEY",
  "ACCESS_KEY",
  "AUTH_KEY",
  "SIGNING_KEY",
  "PASSPHRASE",
  "CREDENTIAL",
  "CREDENTIALS",
];

/**
 * In any case: a whole word at the end of the name, or one of the two names that hold one further in.
 * Compared as strings rather than by a case-insensitive pattern, which took longer to compile (~0.5 ms
 * of a cold audit) than every name of a project takes to compare.
 */
export function isSecretName(name: string): boolean {
  const upper = asciiUpperCase(name);
  return (
    SECRET_WORDS.some((word) => upper === word || upper.endsWith(`_${word}`)) ||
    upper.includes("SECRET_ACCESS_KEY") ||
    upper.includes("SECRET_KEY_FALLBACKS")
  );
}

/** a-z upper-cased and nothing else: what a case-insensitive pattern without the u flag equates. */
function asciiUpperCase(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code >= 97 && code <= 122 ? String.fromCharCode(code - 32) : text[i];
  }
  return out;
}

/**
 * Whether a value held under a secret-sounding name is plainly no secret: a dotted import path
 * (django-allauth's ACCOUNT_FORMS {"reset_password": "users.forms.ResetPasswordForm"}), a URL path,
 * a rate-limit spec (ACCOUNT_RATE_LIMITS {"reset_password": "20/m/ip"}, "5/m"), or a URL or
 * host:port without credentials (an upstream's PROXY_PASS = "http://app:8000").
 */
export function isNotASecretValue(value: string): boolean {
  const v = value.trim();
  if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*){2,}$/.test(v) || /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*\.[A-Z]\w*$/.test(v)) return true;
  if (/^\/[\w\-./{}<>:%]*$/.test(v)) return true;
  if (/^\d+\s*\/\s*\d*\s*(s|sec|second|m|min|minute|h|hour|d|day)s?(\/[\w-]+)*$/i.test(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]+$/i.test(v) || /^unix:\S+$/.test(v)) return true;
  if (/^[a-z0-9][\w.-]*:\d{2,5}$/i.test(v)) return true;
  return false;
}

/**
 * Values that vendors publish for anyone to use in tests: keys that only ever pass or fail a test
 * check and unlock nothing. Google reCAPTCHA's test keys
 * (https://developers.google.com/recaptcha/docs/faq), hCaptcha's test secret
 * (https://docs.hcaptcha.com/#integration-testing-test-keys), Cloudflare Turnstile's test secrets
 * (https://developers.cloudflare.com/turnstile/troubleshooting/testing/), Stripe's documentation
 * key, AWS's documentation example keys.
 */
const PUBLIC_DEMO_VALUES = new Set([
  "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI",
  "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
  "0x0000000000000000000000000000000000000000",
  "10000000-ffff-ffff-ffff-000000000001",
  "1x0000000000000000000000000000000AA",
  "2x0000000000000000000000000000000AA",
  "3x0000000000000000000000000000000AA",
  "1x00000000000000000000AA",
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  "pk_test_TYooMQauvdEDq54NiTphI7jx",
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
]);

/** Whether a value is a vendor's documented public test or demo key (see PUBLIC_DEMO_VALUES). */
export function isPublicDemoValue(value: string): boolean {
  return PUBLIC_DEMO_VALUES.has(value.trim());
}

/** What replaces a secret in every output: its length, and for Django keys the insecure prefix. */
export interface Redacted {
  redacted: true;
  length: number;
  insecurePrefix?: boolean;
}

export function redactString(value: string, withPrefix: boolean): Json {
  const redacted: Redacted = { redacted: true, length: [...value].length };
  if (withPrefix) redacted.insecurePrefix = value.startsWith("django-insecure-");
  return redacted as unknown as Json;
}

// scheme://user:password@host — the password part only; the user and host stay readable.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]*)@/gi;

/** A string with the password part of any URL or DSN in it replaced. */
export function redactUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, (_match, head: string, password: string) => (password ? `${head}:***@` : `${head}:@`));
}

/**
 * Redacts a JSON value that belongs to `name`: the whole value when the name is a secret's, the
 * secret keys inside dicts at any depth, and the password part of URLs everywhere.
 */
export function redactJson(value: Json, name: string | null): Json {
  const isKey = name === "SECRET_KEY" || name === "SECRET_KEY_FALLBACKS";
  if (name !== null && isSecretName(name)) {
    if (typeof value === "string") return redactString(value, isKey);
    if (Array.isArray(value)) return value.map((item) => (typeof item === "string" ? redactString(item, isKey) : redactJson(item, name)));
    if (value !== null && typeof value === "object") return redactEverything(value);
    return value;
  }
  if (typeof value === "string") return redactUrlPasswords(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, null) as Json);
  if (value !== null && typeof value === "object") return redactObject(value);
  return value;
}

function redactEverything(value: Json): Json {
  if (typeof value === "string") return redactString(value, false);
  if (Array.isArray(value)) return value.map((item) => redactEverything(item) as Json);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactEverything(item) as Json]));
  }
  return value;
}

function redactObject(value: { [key: string]: Json }): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactJson(item, key) as Json;
  return out;
}

// A quoted string literal on one line ('…' or "…", backslash escapes honoured).
const STRING_LITERAL = /(["'])((?:\\.|(?!\1)[^\\\n])*)\1/g;
// NAME = value, NAME: value, NAME=value (.env, YAML, Dockerfile ENV, ini) with an unquoted value.
// A call or attribute (os.environ.get(…)) is code, not a value.
const UNQUOTED_ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)(\s*[:=]\s*)(?!["'\s[{(])([^\s#,;()"']+)(?![(\w.])/g;
const MASK = "•••";

/** A random-looking token (a key, a token): long, no spaces, letters and digits, not a path or module. */
function looksRandom(text: string): boolean {
  return text.length >= 20 && !/[\s./]/.test(text) && /[A-Za-z]/.test(text) && /\d/.test(text);
}

/**
 * One line of a project file as a report may quote it: URL passwords masked; on a line that names a
 * secret (SECRET_KEY = "…", PASSWORD: …, API_TOKEN=…), every value but variable names masked; and
 * anywhere, string literals that look like keys. Reporters quote code only through this.
 */
export function redactSourceLine(line: string): string {
  const namesSecret = (line.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).some(isSecretName);
  let out = redactUrlPasswords(line).replace(STRING_LITERAL, (literal, quote: string, body: string) => {
    if (body.includes("***@")) return literal;
    // Variable names stay readable: os.environ.get("SECRET_KEY", "…") keeps its first argument.
    const isVariableName = /^[A-Z][A-Z0-9_]*$/.test(body);
    return (namesSecret && body !== "" && !isVariableName) || looksRandom(body) ? `${quote}${MASK}${quote}` : literal;
  });
  if (namesSecret) {
    out = out.replace(UNQUOTED_ASSIGNMENT, (match, name: string, sep: string, value: string) =>
      isSecretName(name) && value !== MASK ? `${name}${sep}${MASK}` : match,
    );
  }
  return out;
}
