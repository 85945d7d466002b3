import { ruleTester } from "../tester.js";
import rule from "./CFG408-admin-required-middleware-missing.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages"]\n';
const t = ruleTester(rule);
t.fires(
  "sessions and messages but no authentication",
  {
    files: {
      "app/settings.py": `${APPS}MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "django.contrib.messages.middleware.MessageMiddleware"]\n`,
    },
  },
  { djangoCheck: "admin.E408" },
);
t.quiet("a project subclass counts (admin tests issubclass)", {
  files: {
    "app/settings.py": `${APPS}MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", "app.mw.Auth", "django.contrib.messages.middleware.MessageMiddleware"]\n`,
    "app/mw.py":
      "from django.contrib.auth.middleware import AuthenticationMiddleware\n\n\nclass Auth(AuthenticationMiddleware):\n    pass\n",
  },
});
t.quiet("third-party middleware beside the required ones", {
  files: {
    "app/settings.py": `${APPS}MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware", "django.contrib.sessions.middleware.SessionMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware"]\n`,
  },
});
