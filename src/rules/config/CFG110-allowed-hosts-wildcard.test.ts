import { ruleTester } from "../tester.js";
import rule from "./CFG110-allowed-hosts-wildcard.js";

const t = ruleTester(rule);
t.fires("a literal wildcard", { files: { "app/settings.py": 'ALLOWED_HOSTS = ["*"]\n' } }, { line: 1, messageId: "wildcard", env: [] });
t.fires(
  "a wildcard among names",
  { files: { "app/settings.py": 'ALLOWED_HOSTS = ["example.com", "*"]\n' } },
  { line: 1, messageId: "wildcard" },
);
t.fires(
  "a wildcard default of os.environ.get, in any environment",
  { files: { "app/settings.py": 'import os\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")\n' } },
  { line: 2, message: /^Insecure default: ALLOWED_HOSTS is \['\*'\]/, env: ["ALLOWED_HOSTS"], severity: "warning" },
);
t.fires(
  "a wildcard default of django-environ",
  { files: { "app/settings.py": 'import environ\nenv = environ.Env()\nALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])\n' } },
  { line: 3, env: ["ALLOWED_HOSTS"] },
);
t.fires(
  "the wildcard from the audited environment",
  {
    files: { "app/settings.py": 'import os\nALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")\n' },
    environment: { ALLOWED_HOSTS: "*" },
  },
  { line: 2, messageId: "wildcard", severity: "warning" },
);
t.fires(
  "a default the audited environment overrides is info",
  {
    files: { "app/settings.py": 'import os\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")\n' },
    environment: { ALLOWED_HOSTS: "example.com" },
  },
  { severity: "info" },
);
t.quiet("named hosts", { files: { "app/settings.py": 'ALLOWED_HOSTS = ["example.com", ".example.org"]\n' } });
t.quiet("a required variable", { files: { "app/settings.py": 'import os\nALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")\n' } });
t.quiet("a subdomain wildcard is not '*'", { files: { "app/settings.py": 'ALLOWED_HOSTS = ["*.example.com"]\n' } });
