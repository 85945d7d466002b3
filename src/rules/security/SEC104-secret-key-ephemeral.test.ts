import { ruleTester } from "../tester.js";
import rule from "./SEC104-secret-key-ephemeral.js";

const IMPORT = "import os\nfrom django.core.management.utils import get_random_secret_key\n";
const t = ruleTester(rule);
t.fires(
  "always random",
  { files: { "app/settings.py": `${IMPORT}SECRET_KEY = get_random_secret_key()\n` } },
  { line: 3, messageId: "ephemeral", env: [] },
);
t.fires(
  "the default of os.environ.get",
  { files: { "app/settings.py": `${IMPORT}SECRET_KEY = os.environ.get("SECRET_KEY", get_random_secret_key())\n` } },
  { line: 3, message: /^Insecure default: SECRET_KEY is drawn at random/, env: ["SECRET_KEY"] },
);
t.fires(
  "an `or` fallback",
  { files: { "app/settings.py": `${IMPORT}SECRET_KEY = os.environ.get("SECRET_KEY") or get_random_secret_key()\n` } },
  { line: 3, env: ["SECRET_KEY"] },
);
t.fires(
  "secrets.token_urlsafe",
  { files: { "app/settings.py": "import secrets\nSECRET_KEY = secrets.token_urlsafe(50)\n" } },
  { line: 2, messageId: "ephemeral" },
);
t.quiet("a required variable", { files: { "app/settings.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n' } });
t.quiet("a key from a file", {
  files: { "app/settings.py": 'SECRET_KEY = open("/run/secrets/django_key").read().strip()\n' },
});

// A random key only on DEBUG's path (saleor): production, with DEBUG off, has no key, and Django refuses to start.
const DEBUG_ON_BY_DEFAULT = `${IMPORT}DEBUG = os.environ.get("DEBUG", "1") == "1"\nSECRET_KEY = os.environ.get("SECRET_KEY")\n`;
t.quiet("a random key drawn only while DEBUG is on (saleor)", {
  files: { "app/settings.py": `${DEBUG_ON_BY_DEFAULT}if not SECRET_KEY and DEBUG:\n    SECRET_KEY = get_random_secret_key()\n` },
});
t.fires(
  "a random key whenever the variable is unset, while DEBUG defaults to on",
  { files: { "app/settings.py": `${DEBUG_ON_BY_DEFAULT}if not SECRET_KEY:\n    SECRET_KEY = get_random_secret_key()\n` } },
  { line: 6, env: ["SECRET_KEY"] },
);
t.fires(
  "an `or` fallback while DEBUG defaults to on",
  {
    files: {
      "app/settings.py": `${IMPORT}DEBUG = os.environ.get("DEBUG", "1") == "1"\nSECRET_KEY = os.environ.get("SECRET_KEY") or get_random_secret_key()\n`,
    },
  },
  { line: 4, env: ["SECRET_KEY"] },
);
t.fires(
  "DEBUG's path, but DEBUG is off by default",
  {
    files: {
      "app/settings.py": `${IMPORT}DEBUG = os.environ.get("DEBUG", "0") == "1"\nSECRET_KEY = os.environ.get("SECRET_KEY")\nif not SECRET_KEY and not DEBUG:\n    SECRET_KEY = get_random_secret_key()\n`,
    },
  },
  { line: 6 },
);
