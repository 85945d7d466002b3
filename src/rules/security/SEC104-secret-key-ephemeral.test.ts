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
