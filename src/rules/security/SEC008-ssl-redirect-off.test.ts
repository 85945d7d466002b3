import { ruleTester } from "../tester.js";
import rule from "./SEC008-ssl-redirect-off.js";

const MW = 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nimport os\n';
const t = ruleTester(rule);

t.fires(
  "the string True from the environment is not True",
  {
    files: { "app/settings.py": `${MW}SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "True")\n` },
    environment: { SSL_REDIRECT: "True" },
  },
  { line: 3, messageId: "off", djangoCheck: "security.W008", env: ["SSL_REDIRECT"] },
);
t.fires(
  "insecure default while the variable is unset",
  { files: { "app/settings.py": `${MW}SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT") == "1"\n` } },
  { line: 3, messageId: "off", env: ["SSL_REDIRECT"], djangoCheck: null, message: /^Insecure default/ },
);
t.fires(
  "left at Django's default: points at the settings module",
  { files: { "app/settings.py": MW } },
  { file: "app/settings.py", line: 1, djangoCheck: "security.W008" },
);
t.fires(
  "one branch of an undecidable condition",
  {
    files: {
      "app/settings.py": `${MW}import socket\nif socket.gethostname() == "web1":\n    SECURE_SSL_REDIRECT = True\nelse:\n    SECURE_SSL_REDIRECT = False\n`,
    },
  },
  { line: 7, djangoCheck: null, message: /on one path/ },
);
t.fires(
  "an exact environment that leaves the variable unset",
  { files: { "app/settings.py": `${MW}SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "0") == "1"\n` }, environment: {} },
  { line: 3, djangoCheck: "security.W008", message: /while SSL_REDIRECT is unset/ },
);
t.quiet("no SecurityMiddleware", { files: { "app/settings.py": "SECURE_SSL_REDIRECT = False\n" } });
t.quiet("set from the environment to 1", {
  files: { "app/settings.py": `${MW}SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT", "1") == "1"\n` },
});
t.quiet("suppressed inline", {
  files: { "app/settings.py": `${MW}SECURE_SSL_REDIRECT = False  # djship: ignore[SEC008]\n` },
});
