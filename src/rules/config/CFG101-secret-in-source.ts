import { isNotASecretValue, isPublicDemoValue, isSecretName } from "../../model/secrets.js";
import type { SettingsView } from "../../model/settings-view.js";
import type { PyFile } from "../../python/parse.js";
import { literalString, walkNodes } from "../../python/queries.js";
import { collectDeps, hashKey, pyEquals, str, type Value } from "../../python/value.js";
import { defineRule } from "../define.js";

/** scheme://user:password@host with a non-empty password (the same shape secrets.ts redacts). */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

interface LiteralSecret {
  /** Where in the setting: SECRET_KEY, DATABASES['default']['PASSWORD'], the password in CELERY_BROKER_URL. */
  readonly what: string;
  /** The literal string as written: used only to find it in the source, never printed. */
  readonly literal: string;
  readonly length: number;
  /** Variables whose absence makes the code fall back to the literal. */
  readonly unset: readonly string[];
  /** Other values of the same dict (USER, HOST): they tell apart two URLs with the same password. */
  readonly hints: readonly string[];
}

function secretsIn(
  value: Value,
  name: string,
  path: string,
  out: LiteralSecret[],
  depth = 0,
  inherited: readonly string[] = [],
  hints: readonly string[] = [],
): void {
  if (depth > 8) return;
  // A container built from a variable's default (dj_database_url.parse(os.environ.get(...))) passes it on.
  const here = [...new Set([...inherited, ...(value.deps?.unset ?? [])])];
  switch (value.kind) {
    case "str": {
      const unset = [...new Set([...here, ...(collectDeps(value)?.unset ?? [])])].sort();
      // f"amqp://{os.getenv('USER')}:{os.getenv('PASS')}@host" while PASS is unset holds the text of
      // None: nothing was committed, the variable is simply missing (taiga-back's docker/config.py).
      const isUnsetNone = (text: string) => text === "None" && unset.length > 0;
      // A key that names a password may hold something else: a form's import path, a rate limit, an upstream URL.
      if (value.value !== "" && isSecretName(name) && !isNotASecretValue(value.value)) {
        if (!isUnsetNone(value.value)) out.push({ what: path, literal: value.value, length: [...value.value].length, unset, hints });
      } else {
        const password = URL_WITH_PASSWORD.exec(value.value)?.[1];
        if (password && !isUnsetNone(password))
          out.push({ what: `the password in ${path}`, literal: value.value, length: [...password].length, unset, hints: [] });
      }
      return;
    }
    case "list":
    case "tuple":
      value.items.forEach((item, i) => {
        secretsIn(item, name, `${path}[${i}]`, out, depth + 1, here);
      });
      return;
    case "dict": {
      const siblings: string[] = [];
      for (const key of ["USER", "HOST"]) {
        const hash = hashKey(str(key));
        const sibling = hash ? value.entries.get(hash)?.value : undefined;
        if (sibling?.kind === "str" && sibling.value) siblings.push(sibling.value);
      }
      for (const entry of value.entries.values()) {
        if (entry.key.kind !== "str") continue;
        secretsIn(entry.value, entry.key.value, `${path}['${entry.key.value}']`, out, depth + 1, here, siblings);
      }
      return;
    }
    case "alternatives":
      for (const option of value.options) secretsIn(option.value, name, path, out, depth + 1, here);
      return;
    default:
      return;
  }
}

/**
 * The line and column of the string literal that holds `literal`, or else of a URL literal that
 * holds it as its password (dj-database-url decodes "%40" to "@"), if any.
 */
function literalPosition(
  file: PyFile | undefined,
  literal: string,
  hints: readonly string[],
  near: number,
): { line: number; column: number } | undefined {
  if (!file) return undefined;
  const strings: { text: string; line: number; column: number }[] = [];
  walkNodes(file.root, (node) => {
    if (node.type !== "string") return true;
    const text = literalString(node);
    if (text !== undefined) strings.push({ text, line: node.line, column: node.column });
    return false;
  });
  const exact = strings.filter((s) => s.text === literal);
  const forms = [literal, encodeURIComponent(literal)];
  const urls = strings.filter((s) => forms.some((form) => s.text.includes(`:${form}@`)));
  const hinted = urls.filter((s) => hints.every((hint) => s.text.includes(hint)));
  if (exact.length === 1 && urls.length === 0) return exact[0];
  // A short password ("saleor") is also a word elsewhere in the file (a folder name): of the
  // strings that hold it, the one nearest the assignment is the one the setting got it from.
  const candidates = [...exact, ...(hinted.length > 0 ? hinted : urls)];
  return candidates.sort((a, b) => Math.abs(a.line - near) - Math.abs(b.line - near))[0];
}

/** Whether the audited environment's settings hold the same literal in the same setting. */
function usedInProduction(view: SettingsView | undefined, name: string, literal: string): boolean {
  const value = view?.get(name)?.value;
  if (!value) return false;
  const hits: LiteralSecret[] = [];
  secretsIn(value, name, name, hits);
  return hits.some((hit) => pyEquals(str(hit.literal), str(literal)) === true);
}

/**
 * Keys made to be sent to every browser: a Google Maps JavaScript API key (restricted by HTTP
 * referrer, https://developers.google.com/maps/api-security-best-practices), Stripe's publishable
 * key, reCAPTCHA/hCaptcha/Turnstile site keys, public halves of key pairs. Committing one gives away
 * nothing a visitor does not already get, so it is worth a note, not an error.
 */
const BROWSER_KEY = /(^|_)(MAPS?_(JS_|JAVASCRIPT_)?API_KEY|MAPS?_KEY|PUBLISHABLE_KEY|PUBLIC_KEY|SITE_KEY|SITEKEY)$/i;

export default defineRule({
  code: "CFG101",
  slug: "secret-in-source",
  area: "config",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "A secret is written in the settings source: a literal SECRET_KEY, a database, e-mail or cloud password, an access key, or a URL with a password, including a fallback default of os.environ.get().",
    why: "Everything in the repository is read by everyone who can clone it, by CI logs and by every backup, forever: a key that was ever committed has to be considered public. A hard-coded fallback is also what production silently runs with the day the variable goes missing.",
    fix: "Rotate the secret, then read it from the environment with no default (os.environ['SECRET_KEY'] or env('SECRET_KEY')), so that a missing variable stops the deploy instead of falling back.",
    bad: {
      "mysite/settings.py": 'import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "n7#q2v!x9Lr4Tz8Wm3Kp6Yc1Hd5Fs0Gj2Bv7Nq4Xe9Ra3Uy6Io")\n',
    },
    good: { "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n' },
    references: ["https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key", "https://12factor.net/config"],
  },
  messages: {
    literal: "{what} is a literal in the repository ({length} characters), and production uses it",
    fallback: "{what} falls back to a literal in the repository ({length} characters) whenever {env} is unset",
    demo: "{what} is a vendor's published test key: it unlocks nothing, but production must set a real one",
    browserKey: "{what} is a key every browser receives (a public key by design): restrict it to your domains in the vendor's console",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    const settingsIfUnset = project.settings.ifUnset;
    if (!settingsIfUnset) return;
    const seen = new Set<string>();
    for (const name of settingsIfUnset.names()) {
      const setting = settingsIfUnset.get(name);
      if (!setting || setting.isDefault || !setting.origin) continue;
      const found: LiteralSecret[] = [];
      secretsIn(setting.value, name, name, found);
      for (const secret of found) {
        const position = literalPosition(artifacts.python(setting.origin.file), secret.literal, secret.hints, setting.origin.line);
        const line = position?.line ?? setting.origin.line;
        const key = `${setting.origin.file}:${line}:${secret.what}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const place = { file: setting.origin.file, line, column: position?.column ?? setting.origin.column };
        const data = { what: secret.what, length: secret.length, env: secret.unset.join(", ") };
        if (isPublicDemoValue(secret.literal)) report("demo", place, data, { severity: "info", env: secret.unset });
        else if (BROWSER_KEY.test(name)) report("browserKey", place, data, { severity: "info", env: secret.unset });
        else if (secret.unset.length === 0) report("literal", place, data);
        else {
          // Overridden in the environment audited: still in the repository, so still a finding, one level down.
          const used = usedInProduction(settings, name, secret.literal);
          report("fallback", place, data, { env: secret.unset, ...(used ? {} : { severity: "warning" as const }) });
        }
      }
    }
  },
});
