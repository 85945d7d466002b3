import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";

const messages = {
  noSlash: "{name} is '{value}', which does not end with a slash",
} as const;

export default defineSettingsRule({
  code: "STC006",
  slug: "static-url-no-trailing-slash",
  area: "static",
  severity: "error",
  djangoCheck: "urls.E006",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "STATIC_URL or MEDIA_URL does not end with a slash.",
    why: "Django joins file names straight onto these URLs: 'static' + 'app.css' gives /staticapp.css, a URL that serves nothing.",
    fix: "End both with a slash: STATIC_URL = 'static/', MEDIA_URL = '/media/'.",
    bad: { "mysite/settings.py": 'STATIC_URL = "/static"\n' },
    good: { "mysite/settings.py": 'STATIC_URL = "/static/"\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#static-url"],
  },
  messages,
  test(world) {
    // urls.py check_url_settings, on the values settings.X returns (with the script prefix a
    // relative URL gains, which always ends with "/").
    const verdicts: Verdict<typeof messages>[] = [];
    let unknown = false;
    for (const name of ["STATIC_URL", "MEDIA_URL"]) {
      const value = world.value(name);
      if (value.kind === "none" || (value.kind === "str" && value.value === "")) continue;
      if (value.kind !== "str") {
        unknown = true;
        continue;
      }
      if (!value.value.endsWith("/")) verdicts.push({ at: name, messageId: "noSlash", data: { name, value: value.value } });
    }
    if (verdicts.length > 0) return verdicts;
    return unknown ? undefined : false;
  },
});
