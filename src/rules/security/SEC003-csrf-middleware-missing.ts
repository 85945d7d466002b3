import { CSRF_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC003",
  slug: "csrf-middleware-missing",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W003",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "CsrfViewMiddleware is not in MIDDLEWARE.",
    why: "Without it no view is protected against cross-site request forgery unless each one is decorated by hand: a forgotten view lets another site post forms as your logged-in users.",
    fix: "Add 'django.middleware.csrf.CsrfViewMiddleware' to MIDDLEWARE (after SessionMiddleware) and exempt the few views that must be, with @csrf_exempt.",
    bad: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n' },
    good: {
      "mysite/settings.py":
        'MIDDLEWARE = [\n    "django.middleware.common.CommonMiddleware",\n    "django.middleware.csrf.CsrfViewMiddleware",\n]\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/csrf/"],
  },
  messages: {
    missing: "CsrfViewMiddleware is not in MIDDLEWARE, so views are not protected against cross-site request forgery",
  },
  test(world) {
    // Exact membership (csrf.py _csrf_middleware).
    const present = world.contains("MIDDLEWARE", CSRF_MIDDLEWARE);
    if (present === undefined) return undefined;
    return present ? false : { at: "MIDDLEWARE", messageId: "missing" };
  },
});
