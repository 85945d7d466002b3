import assert from "node:assert/strict";
import { test } from "node:test";
import { auditCase, ruleTester } from "../tester.js";
import rule from "./CFG108-compose-secret-literal.js";

const settings = { "mysite/settings.py": "DEBUG = False\n" };
const compose = (environment: string) => ({
  ...settings,
  "compose.yaml": `services:\n  web:\n    image: registry.example.com/app:1.4.2\n    environment:\n${environment}`,
});
const t = ruleTester(rule);
t.fires(
  "a literal password, map syntax",
  { files: compose("      POSTGRES_PASSWORD: s3cr3t-pass\n") },
  { file: "compose.yaml", line: 5, messageId: "literal", message: "(11 characters)" },
);
t.fires("a literal token, list syntax", { files: compose("      - SENTRY_AUTH_TOKEN=abc123def\n") }, { line: 5, messageId: "literal" });
t.fires(
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  "a ${VAR:-literal} default",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  { files: compose("      DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY:-insecure-dev-key}\n") },
  { line: 5, messageId: "fallback", env: ["DJANGO_SECRET_KEY"] },
);
// biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
t.fires("a ${VAR-literal} default", { files: compose('      - "API_KEY=${API_KEY-k3y}"\n') }, { messageId: "fallback" });
t.fires(
  "a URL with its password written out",
  { files: compose("      DATABASE_URL: postgres://app:hunter2@db:5432/app\n") },
  { line: 5, messageId: "urlLiteral", message: "(7 characters)" },
);
t.fires(
  "a URL default with a password",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  { files: compose("      DATABASE_URL: ${DATABASE_URL:-postgres://app:hunter2@db/app}\n") },
  { messageId: "urlFallback", env: ["DATABASE_URL"] },
);
t.fires(
  "DEBUG defaulting to true",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  { files: compose("      DJANGO_DEBUG: ${DJANGO_DEBUG:-True}\n") },
  { messageId: "debugFallback", message: "falls back to True whenever DJANGO_DEBUG is unset" },
);
t.quiet("passed through from the shell", {
  files: compose(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      SECRET_KEY: ${SECRET_KEY:?set it}\n      API_KEY: $API_KEY\n      TOKEN:\n",
  ),
});
t.quiet("a URL whose password is interpolated", {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  files: compose("      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@db:5432/app\n"),
});
t.quiet("names about secrets are not secrets", {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  files: compose("      PASSWORD_RESET_TIMEOUT: '3600'\n      DJANGO_DEBUG: ${DJANGO_DEBUG:-False}\n      SECRET_KEY: ''\n"),
});
t.quiet("a development compose file", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  web:\n    image: registry.example.com/app:1.4.2\n",
    "compose.dev.yaml": "services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: postgres\n",
  },
});

// plane's and mathesar's compose files merge one `x-db-env: &db-env` block into five services.
const anchored = {
  ...settings,
  "compose.yaml":
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    "x-db-env: &db-env\n  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-plane}\nservices:\n  api:\n    image: registry.example.com/app:1.4.2\n    environment:\n      <<: *db-env\n  worker:\n    image: registry.example.com/app:1.4.2\n    environment:\n      <<: *db-env\n",
};
t.fires("a fallback in an anchor merged into two services", { files: anchored }, { line: 2, message: /^api, worker: POSTGRES_PASSWORD/ });
test("CFG108 reports a line several services share once", async () => {
  const findings = (await auditCase([rule], { files: anchored })).filter((f) => f.rule === "CFG108");
  assert.deepEqual(
    findings.map((f) => `${f.line} ${f.message.split(":")[0]}`),
    ["2 api, worker"],
  );
});
