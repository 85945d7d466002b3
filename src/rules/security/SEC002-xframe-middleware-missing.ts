import { XFRAME_MIDDLEWARE } from "../../django/names.js";
import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "SEC002",
  slug: "xframe-middleware-missing",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W002",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "XFrameOptionsMiddleware is not in MIDDLEWARE.",
    why: "Without it pages carry no X-Frame-Options header, so another site can load them in a frame and trick users into clicking (clickjacking).",
    fix: "Add 'django.middleware.clickjacking.XFrameOptionsMiddleware' to MIDDLEWARE.",
    bad: { "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n' },
    good: {
      "mysite/settings.py":
        'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/clickjacking/"],
  },
  messages: {
    missing: "XFrameOptionsMiddleware is not in MIDDLEWARE, so pages are sent without an X-Frame-Options header",
  },
  test(world) {
    // Django tests exact membership of the dotted path (base.py _xframe_middleware).
    const present = world.contains("MIDDLEWARE", XFRAME_MIDDLEWARE);
    if (present === undefined) return undefined;
    return present ? false : { at: "MIDDLEWARE", messageId: "missing" };
  },
});
