import { defineProbe } from "../define.js";

export default defineProbe({
  id: "https-redirect",
  code: "SCN010",
  area: "security",
  doc: {
    what: "Requests the site over plain HTTP (the http:// URL given, else port 80) and checks that the first answer redirects to HTTPS on the same host.",
    why: "Without the redirect, visitors who type the name stay on plain HTTP, where cookies and forms travel in clear text; redirecting to another host first means HSTS is never set for this one.",
    fix: "Redirect at the proxy in one hop (server { listen 80; return 301 https://$host$request_uri; } in nginx), or set SECURE_SSL_REDIRECT = True with SECURE_PROXY_SSL_HEADER behind a proxy.",
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect"],
  },
  requests: { http: { kind: "http-entry" } },
  outcomes: {
    toHttps: { severity: "ok" },
    noHttp: { severity: "ok", message: "Plain HTTP is not answered, so there is nothing to redirect" },
    offHost: { severity: "warning", message: "HTTP redirects first to another host ({location}), so HSTS is never set for {host}" },
    notHttpsFirst: { severity: "warning", message: "HTTP redirects to another http:// URL ({location}) before reaching HTTPS" },
    notToHttps: { severity: "error", message: "HTTP redirects, but never to HTTPS (ends at {location})" },
    missing: { severity: "error", message: "The site answers over plain HTTP ({status}) without redirecting to HTTPS" },
  },
  evaluate({ http }) {
    if (http.kind !== "chain") return { outcome: "noHttp", ...(http.kind === "failure" ? { evidence: http } : {}) };
    const first = http.hops[0];
    if (!first?.location) return { outcome: "missing", evidence: http, data: { status: first?.status ?? 0 } };
    const target = new URL(first.location);
    const start = new URL(first.url);
    if (target.protocol === "https:") {
      if (target.hostname === start.hostname) return { outcome: "toHttps", evidence: http };
      return { outcome: "offHost", evidence: http, data: { location: first.location, host: start.hostname } };
    }
    if (http.end.startsWith("https:")) return { outcome: "notHttpsFirst", evidence: http, data: { location: first.location } };
    return { outcome: "notToHttps", evidence: http, data: { location: http.end } };
  },
});
