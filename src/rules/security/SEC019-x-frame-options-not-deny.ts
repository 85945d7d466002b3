import { XFRAME_MIDDLEWARE } from "../../django/names.js";
import { str } from "../../python/value.js";
import { defineSettingsRule } from "../define.js";

const MW = 'MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC019",
  slug: "x-frame-options-not-deny",
  area: "security",
  severity: "warning",
  djangoCheck: "security.W019",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "XFrameOptionsMiddleware is installed but X_FRAME_OPTIONS is not 'DENY'.",
    why: "SAMEORIGIN (or anything but DENY) lets pages be framed, by this site or, with a typo such as 'deny', by any site.",
    fix: "Set X_FRAME_OPTIONS = 'DENY' (the default) and allow framing per view with @xframe_options_sameorigin where it is needed.",
    bad: { "mysite/settings.py": `${MW}X_FRAME_OPTIONS = "SAMEORIGIN"\n` },
    good: { "mysite/settings.py": `${MW}X_FRAME_OPTIONS = "DENY"\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/clickjacking/"],
  },
  messages: {
    notDeny: "X_FRAME_OPTIONS is {value}, not 'DENY', so pages can be framed",
  },
  test(world) {
    const middleware = world.contains("MIDDLEWARE", XFRAME_MIDDLEWARE);
    if (middleware === false) return false;
    // An exact, case-sensitive comparison (base.py check_xframe_deny): 'deny' fails.
    const deny = world.equals("X_FRAME_OPTIONS", str("DENY"));
    if (deny === true) return false;
    if (middleware === undefined || deny === undefined) return undefined;
    return { at: "X_FRAME_OPTIONS", messageId: "notDeny", data: { value: world.repr("X_FRAME_OPTIONS") } };
  },
});
