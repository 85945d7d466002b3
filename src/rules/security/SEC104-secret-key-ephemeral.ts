import { RANDOM_AT_START } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC104",
  slug: "secret-key-ephemeral",
  area: "security",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings"],
  debugPathIsDevelopment: true,
  doc: {
    what: "SECRET_KEY is generated when the settings load (get_random_secret_key(), secrets.token_urlsafe()), or falls back to such a key when its variable is unset.",
    why: "Each process then signs with its own key, and every deploy or restart draws a new one: sessions log out, password-reset links and signed cookies stop validating, and with several workers or replicas a request signed by one is refused by the next. check --deploy passes, since the key is long and random.",
    fix: "Generate the key once, store it with the other secrets, and read it from the environment with no fallback: SECRET_KEY = os.environ['SECRET_KEY'].",
    bad: {
      "mysite/settings.py":
        'import os\nfrom django.core.management.utils import get_random_secret_key\nSECRET_KEY = os.environ.get("SECRET_KEY", get_random_secret_key())\n',
    },
    good: { "mysite/settings.py": 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n' },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#secret-key",
      "https://docs.djangoproject.com/en/stable/topics/signing/",
    ],
  },
  messages: {
    ephemeral: "SECRET_KEY is drawn at random when the settings load: each process and each deploy signs with a different key",
  },
  test(world) {
    const value = world.value("SECRET_KEY");
    if (value.kind === "unknown") return value.reason === RANDOM_AT_START ? { at: "SECRET_KEY", messageId: "ephemeral" } : undefined;
    return value.kind === "alternatives" ? undefined : false;
  },
});
