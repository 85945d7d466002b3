import assert from "node:assert/strict";
import { test } from "node:test";
import { auditCase, ruleTester } from "../tester.js";
import rule from "./SRV105-gunicorn-timeout-unbounded.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "a huge timeout in gunicorn.conf.py",
  {
    files: {
      ...settings,
      Procfile: "web: gunicorn mysite.wsgi -c gunicorn.conf.py\n",
      "gunicorn.conf.py": "workers = 3\ntimeout = 60 * 60\n",
    },
  },
  { file: "gunicorn.conf.py", line: 2, messageId: "huge", message: /3600-second/ },
);
t.fires("-t 0", { files: { ...settings, Procfile: "web: gunicorn -t 0 mysite.wsgi\n" } }, { messageId: "disabled", line: 1 });
t.quiet("the default", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" } });
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
t.quiet("a timeout from an unknown variable", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi --timeout ${TIMEOUT}\n" } });

// One problem, one finding: a gunicorn.conf.py that the image, compose and Kubernetes all run.
const SHARED_CONFIG = {
  ...settings,
  "gunicorn.conf.py": "timeout = 0\nworkers = 4\n",
  Dockerfile: 'FROM python:3.12.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "-c", "gunicorn.conf.py", "mysite.wsgi"]\n',
  "compose.yaml": "services:\n  web:\n    build: .\n",
  "k8s/web.yaml":
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web\n",
};
t.fires(
  "a config file shared by several processes",
  { files: SHARED_CONFIG },
  { file: "gunicorn.conf.py", line: 1, messageId: "disabled" },
);
test("a config file shared by several processes is one finding", async () => {
  const findings = (await auditCase([rule], { files: SHARED_CONFIG })).filter((f) => f.rule === rule.code);
  assert.equal(findings.length, 1, findings.map((f) => f.message).join("\n"));
  assert.match(findings[0]?.message ?? "", / and /);
});
