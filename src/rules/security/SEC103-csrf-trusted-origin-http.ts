import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

/** Hosts for which plain HTTP is the norm and nobody else can serve a page. */
const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

export default defineSettingsRule({
  code: "SEC103",
  slug: "csrf-trusted-origin-http",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "CSRF_TRUSTED_ORIGINS trusts a plain-HTTP origin (http://…), or lists an origin with a path, which never matches.",
    why: "A trusted origin may send unsafe requests (POST, PUT, DELETE) with the user's cookies. A page served over plain HTTP can be rewritten by anyone on the network path (public Wi-Fi, a hostile ISP), so trusting it hands them the user's session for every form. An entry with a path or trailing slash is compared with the browser's Origin header, which never has one: the form it was meant for fails with 403.",
    fix: "List only https:// origins, as scheme and host without a path (https://app.example.com), and serve those sites over HTTPS.",
    bad: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["http://shop.example.com"]\n' },
    good: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com"]\n' },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins",
      "https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Origin",
    ],
  },
  messages: {
    http: "CSRF_TRUSTED_ORIGINS trusts {origin}, served over plain HTTP: anyone on the network can forge requests from it",
    path: "CSRF_TRUSTED_ORIGINS lists {origin} with a path: an Origin header is scheme and host only, so it never matches",
  },
  test(world) {
    // Before 4.0 the entries were host names without a scheme: there is no scheme to judge.
    if (!atLeast(world.series, "4.0")) return false;
    const items = world.items("CSRF_TRUSTED_ORIGINS");
    if (!items) return world.value("CSRF_TRUSTED_ORIGINS").kind === "str" ? false : undefined;
    const verdicts: { at: string; messageId: "http" | "path"; data: { origin: string } }[] = [];
    for (const item of items) {
      if (item.kind !== "str") continue;
      const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(item.value);
      if (!match) continue;
      const [, scheme = "", host = "", rest = ""] = match;
      const origin = JSON.stringify(item.value);
      if (scheme.toLowerCase() === "http" && !LOCAL.test(host))
        verdicts.push({ at: "CSRF_TRUSTED_ORIGINS", messageId: "http", data: { origin } });
      else if (rest !== "") verdicts.push({ at: "CSRF_TRUSTED_ORIGINS", messageId: "path", data: { origin } });
    }
    return verdicts.length > 0 ? verdicts : false;
  },
});
