import assert from "node:assert/strict";
import { test } from "node:test";
import { auditCase, ruleTester } from "../tester.js";
import rule from "./SEC009-secret-key-weak.js";

const ADMIN = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes"]\n';
const t = ruleTester(rule);
t.fires(
  "an empty key is W009",
  { files: { "app/settings.py": 'SECRET_KEY = ""\n' } },
  { messageId: "empty", djangoCheck: "security.W009" },
);
t.fires(
  "3.2 with the admin's autodiscovery stops at start-up instead",
  { files: { "app/settings.py": `${ADMIN}SECRET_KEY = ""\n` }, djangoVersion: "3.2" },
  { messageId: "emptyCrash", djangoCheck: null },
);
t.quiet("3.2 refuses to start while the variable the key is read from is unset: a required secret, not an insecure default", {
  files: { "app/settings.py": `import os\n${ADMIN}SECRET_KEY = os.getenv("APP_SECRET_KEY")\n` },
  djangoVersion: "3.2",
});
t.fires(
  "4.0 reads the key lazily: W009",
  { files: { "app/settings.py": `${ADMIN}SECRET_KEY = ""\n` }, djangoVersion: "4.0" },
  {
    messageId: "empty",
    djangoCheck: "security.W009",
  },
);
t.fires(
  "SimpleAdminConfig does not autodiscover: W009 in 3.2",
  {
    files: {
      "app/settings.py":
        'INSTALLED_APPS = ["django.contrib.admin.apps.SimpleAdminConfig", "django.contrib.auth", "django.contrib.contenttypes"]\nSECRET_KEY = ""\n',
    },
    djangoVersion: "3.2",
  },
  { djangoCheck: "security.W009" },
);
t.quiet("a strong key", { files: { "app/settings.py": 'SECRET_KEY = "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9"\n' } });
const ONE_PATH_EMPTY =
  'import os\nimport sys\nif len(sys.argv) > 2:\n    SECRET_KEY = os.environ["APP_SECRET_KEY"]\nelse:\n    SECRET_KEY = ""\n';
t.quiet("a guard that raises on a short key leaves only the keys that pass it", {
  files: {
    "app/settings.py": `${ONE_PATH_EMPTY}if len(SECRET_KEY) < 50:\n    raise ValueError("SECRET_KEY must be at least 50 characters")\n`,
  },
});
t.fires("without the guard, the empty key is there on one path", { files: { "app/settings.py": ONE_PATH_EMPTY } }, { messageId: "empty" });

// One problem, one finding: a key whose two possible values have different lengths is reported once on its line.
const TWO_LENGTHS = 'import os\nSECRET_KEY = os.environ.get("K", "aaaaaaa" if os.environ.get("D") else "bbbbbbbbbbbb")\n';
for (const environment of [undefined, { D: "1" }])
  test(`SEC009: two weak values on one line are one finding (${environment ? "D=1" : "any environment"})`, async () => {
    const findings = (await auditCase([rule], { files: { "app/settings.py": TWO_LENGTHS }, environment })).filter(
      (f) => f.rule === rule.code,
    );
    assert.equal(findings.length, 1, findings.map((f) => `${f.line} ${f.message}`).join("\n"));
  });
