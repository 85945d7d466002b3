import assert from "node:assert/strict";
import { test } from "node:test";
import { auditCase, ruleTester } from "../tester.js";
import rule from "./CFG101-secret-in-source.js";

const KEY = "n7#q2v!x9Lr4Tz8Wm3Kp6Yc1Hd5Fs0Gj2Bv7Nq4Xe9Ra3Uy6Io";
const t = ruleTester(rule);

t.fires(
  "a literal SECRET_KEY, pointing at the literal",
  { files: { "mysite/settings.py": `DEBUG = False\nSECRET_KEY = (\n    "${KEY}"\n)\n` } },
  {
    file: "mysite/settings.py",
    line: 3,
    messageId: "literal",
    severity: "error",
    message: "SECRET_KEY is a literal in the repository (50 characters)",
  },
);
t.fires(
  "a fallback default overridden by production is still in the repository",
  {
    files: { "mysite/settings.py": `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "${KEY}")\n` },
    environment: { SECRET_KEY: "from-the-secret-store-0123456789-0123456789-0123456789" },
  },
  { line: 2, messageId: "fallback", env: ["SECRET_KEY"], severity: "warning" },
);
t.fires(
  "a fallback production falls back to is an error",
  { files: { "mysite/settings.py": `import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "${KEY}")\n` }, environment: {} },
  { line: 2, messageId: "fallback", severity: "error" },
);
t.fires(
  "database and e-mail passwords, and a broker URL with a password",
  {
    files: {
      "mysite/settings.py":
        'DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "shop",\n        "PASSWORD": "Sup3rS3cret",\n    }\n}\nEMAIL_HOST_PASSWORD = "mail-Pa55"\nCELERY_BROKER_URL = "amqp://shop:Rabb1tPw@mq:5672//"\nAWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n',
    },
  },
  { line: 5, message: "DATABASES['default']['PASSWORD']" },
  { line: 8, message: "EMAIL_HOST_PASSWORD" },
  { line: 9, message: "the password in CELERY_BROKER_URL" },
  { line: 10, message: "AWS_SECRET_ACCESS_KEY" },
);
t.fires(
  "a DSN default in dj-database-url, at the URL literal",
  {
    files: {
      "mysite/settings.py":
        'import os\nimport dj_database_url\nDATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "postgres://app:pw%40x@db/app"))}\n',
    },
  },
  { line: 3, messageId: "fallback", env: ["DATABASE_URL"], message: "DATABASES['default']['PASSWORD']" },
);
t.quiet("secrets from the environment without a default", {
  files: {
    "mysite/settings.py":
      'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nEMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")\nCELERY_BROKER_URL = os.environ.get("BROKER", "redis://localhost:6379/0")\n',
  },
});
t.quiet("settings merely about passwords", {
  files: { "mysite/settings.py": 'AUTH_PASSWORD_VALIDATORS = [{"NAME": "x"}]\nPASSWORD_RESET_TIMEOUT = 3600\n' },
});

test("CFG101 never prints the secret", async () => {
  const findings = await auditCase([rule], {
    files: { "mysite/settings.py": `SECRET_KEY = "${KEY}"\nEMAIL_HOST_PASSWORD = "mail-Pa55"\n` },
  });
  assert.ok(findings.length >= 2);
  for (const finding of findings) {
    assert.ok(!JSON.stringify(finding).includes(KEY));
    assert.ok(!JSON.stringify(finding).includes("mail-Pa55"));
  }
});

// A key that names a password is not always a password.
t.quiet("allauth's form paths and rate limits keyed reset_password", {
  files: {
    "mysite/settings.py": `import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nACCOUNT_FORMS = {"reset_password": "users.forms.ResetPasswordForm", "change_password": "allauth.account.forms.ChangePasswordForm"}\nACCOUNT_RATE_LIMITS = {"reset_password": "20/m/ip", "change_password": "5/m"}\nLOGIN_URLS = {"reset_password": "/accounts/password/reset/"}\n`,
  },
});
t.quiet("an upstream named *_PASS", {
  files: {
    "mysite/settings.py":
      'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nPROXY_PASS = "http://app:8000"\nUWSGI_PASS = "unix:/run/uwsgi.sock"\n',
  },
});
t.fires(
  "a password under a form-like key is still one",
  { files: { "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nEMAIL_HOST_PASSWORD = "hunter2-but-longer"\n' } },
  { line: 3, messageId: "literal", severity: "error" },
);
t.fires(
  "a vendor's published test key is info",
  {
    files: {
      "mysite/settings.py":
        'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nRECAPTCHA_PRIVATE_KEY = os.environ.get("RECAPTCHA_PRIVATE_KEY", "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe")\n',
    },
  },
  { line: 3, messageId: "demo", severity: "info" },
);
t.fires(
  "a Google Maps browser key is info (bakerydemo)",
  {
    files: {
      "mysite/settings.py":
        'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nGOOGLE_MAP_API_KEY = "AIzaSyD31CT9P9KxvNUJOwDq2kcFEIG8ADgaFgw"\n',
    },
  },
  { line: 3, messageId: "browserKey", severity: "info" },
);
t.fires(
  "a maps server key beside it is still an error",
  {
    files: {
      "mysite/settings.py":
        'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nGOOGLE_MAPS_SERVER_SECRET = "AIzaSyD31CT9P9KxvNUJOwDq2kcFEIG8ADgaFgw"\n',
    },
  },
  { line: 3, messageId: "literal", severity: "error" },
);
t.fires(
  "a URL's password that is also a folder name is placed at the URL (saleor)",
  {
    files: {
      "mysite/settings.py":
        'import os\nimport dj_database_url\nSECRET_KEY = os.environ["SECRET_KEY"]\nDATABASES = {\n    "default": dj_database_url.config(\n        default="postgres://saleor:saleor@localhost:5432/saleor",\n    ),\n}\nSTATICFILES_DIRS = [("images", os.path.join("/srv", "saleor", "static"))]\n',
    },
  },
  { line: 6, messageId: "fallback" },
);
t.quiet("a URL built from a variable read without a default holds the text of None, not a committed password", {
  files: {
    "mysite/settings.py":
      "import os\nBROKER_URL = f\"amqp://{os.getenv('RABBITMQ_USER')}:{os.getenv('RABBITMQ_PASS')}@{os.getenv('RABBITMQ_HOST', 'rabbit')}:5672/app\"\n",
  },
});
t.fires(
  "the same URL with a literal fallback password fires",
  {
    files: {
      "mysite/settings.py":
        "import os\nBROKER_URL = f\"amqp://{os.getenv('RABBITMQ_USER', 'app')}:{os.getenv('RABBITMQ_PASS', 'hunter22')}@rabbit:5672/app\"\n",
    },
  },
  { line: 2, messageId: "fallback" },
);
