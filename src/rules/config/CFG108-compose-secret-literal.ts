import type { ComposeEnvEntry } from "../../artifacts/compose/parse.js";
import { isSecretName } from "../../model/secrets.js";
import { defineRule } from "../define.js";

/**
 * A compose value as interpolation reads it: `${VAR:-default}` / `${VAR-default}` fall back to the
 * default when VAR is unset (or empty), `${VAR}`, `${VAR:?error}` and `$VAR` come from the shell,
 * `$$` is a literal dollar. https://docs.docker.com/reference/compose-file/interpolation/
 */
interface Interpolated {
  /** The text with every interpolation removed: what is written in the file itself. */
  readonly literal: string;
  /** When the whole value is one `${VAR:-default}`: the variable and its default. */
  readonly fallback?: { readonly variable: string; readonly value: string };
}

const WHOLE_FALLBACK = /^\$\{([A-Za-z_]\w*)(:?-)([^}]*)\}$/;
const INTERPOLATION = /\$\{[^}]*\}|\$[A-Za-z_]\w*/g;

function interpolate(value: string): Interpolated {
  const unescaped = value.replace(/\$\$/g, "\u0000");
  const whole = WHOLE_FALLBACK.exec(unescaped);
  if (whole) return { literal: "", fallback: { variable: whole[1] as string, value: (whole[3] as string).replace(/\u0000/g, "$") } };
  return { literal: unescaped.replace(INTERPOLATION, "").replace(/\u0000/g, "$") };
}

/** scheme://user:password@host with a password written out (not interpolated). */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

function literalUrlPassword(text: string): string | undefined {
  const password = URL_PASSWORD.exec(text)?.[1];
  return password && !password.includes("$") ? password : undefined;
}

const TRUE_WORDS = /^(1|true|yes|on|y|t)$/i;

type Found =
  | { messageId: "literal" | "urlLiteral"; length: number }
  | { messageId: "fallback" | "urlFallback"; length: number; env: string }
  | { messageId: "debugFallback"; env: string; value: string };

function judge(entry: ComposeEnvEntry): Found | undefined {
  if (entry.value === null || entry.value === "") return undefined;
  const { literal, fallback } = interpolate(entry.value);
  const secretName = isSecretName(entry.key);
  if (fallback) {
    if (fallback.value === "") return undefined;
    if (secretName) return { messageId: "fallback", length: [...fallback.value].length, env: fallback.variable };
    const password = literalUrlPassword(fallback.value);
    if (password) return { messageId: "urlFallback", length: [...password].length, env: fallback.variable };
    if (/(^|_)DEBUG$/i.test(entry.key) && TRUE_WORDS.test(fallback.value.trim()))
      return { messageId: "debugFallback", env: fallback.variable, value: fallback.value };
    return undefined;
  }
  // Only a value written out in full is a secret in the file: "${DB_PASSWORD}" is read from the shell.
  if (secretName && literal === entry.value) return { messageId: "literal", length: [...literal].length };
  const password = literalUrlPassword(entry.value);
  if (password) return { messageId: "urlLiteral", length: [...password].length };
  return undefined;
}

export default defineRule({
  code: "CFG108",
  slug: "compose-secret-literal",
  area: "config",
  severity: "warning",
  since: "0.2.0",
  reads: ["artifacts"],
  doc: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    what: "A production compose file writes a secret into a service's environment: a password, token or key as a literal, a URL with its password written out, or a `${VAR:-literal}` default that stands in when the variable is unset (and DEBUG defaulting to true the same way).",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    why: "The compose file is in the repository, so the secret is read by everyone who can clone it, and is what the containers silently run with the day the variable is missing from the server's environment: `${SECRET_KEY:-changeme}` deploys with `changeme` instead of failing.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    fix: "Pass secrets from the environment with no default (`${SECRET_KEY:?set SECRET_KEY}` fails the deploy when it is missing), from an env_file kept out of git, or as compose secrets; rotate any secret that was committed.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
        "services:\n  web:\n    image: registry.example.com/app:1.4.2\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:-insecure-dev-key}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
        "services:\n  web:\n    image: registry.example.com/app:1.4.2\n    environment:\n      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY}\n",
    },
    references: ["https://docs.docker.com/reference/compose-file/interpolation/", "https://docs.docker.com/compose/how-tos/use-secrets/"],
  },
  messages: {
    literal: "{service}: {key} is a literal in the compose file ({length} characters)",
    urlLiteral: "{service}: the password in {key} is a literal in the compose file ({length} characters)",
    fallback: "{service}: {key} falls back to a literal in the compose file ({length} characters) whenever {env} is unset",
    urlFallback: "{service}: the password in {key} falls back to a literal ({length} characters) whenever {env} is unset",
    debugFallback: "{service}: {key} falls back to {value} whenever {env} is unset",
  },
  check({ project, report }) {
    const { deployment } = project;
    // Development compose files (compose.dev.yml, docker-compose.local.yml) may hold throwaway passwords.
    for (const file of deployment.productionCompose) {
      // One line shared by several services (an `x-env: &env` anchor merged into each) is one
      // secret in the file: one finding naming every service that gets it.
      const byLine = new Map<string, { entry: ComposeEnvEntry; found: Found; services: string[] }>();
      for (const service of file.services) {
        for (const entry of service.environment) {
          const found = judge(entry);
          if (!found) continue;
          const key = `${entry.file}:${entry.line}:${entry.key}`;
          const seen = byLine.get(key);
          if (seen) seen.services.push(service.name);
          else byLine.set(key, { entry, found, services: [service.name] });
        }
      }
      for (const { entry, found, services } of byLine.values()) {
        const data = { service: services.join(", "), key: entry.key, ...("length" in found ? { length: found.length } : {}) };
        if ("env" in found)
          report(
            found.messageId,
            entry,
            { ...data, env: found.env, ...("value" in found ? { value: found.value } : {}) },
            { env: [found.env] },
          );
        else report(found.messageId, entry, data);
      }
    }
  },
});
