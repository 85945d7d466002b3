import { defineProbe } from "../define.js";

// 301 and 308 are permanent and cacheable by default (RFC 9110 §15.1, §15.4), so a browser
// remembers them and goes straight to HTTPS next time; 302, 303 and 307 are asked again each visit.
const PERMANENT = new Set([301, 308]);

export default defineProbe({
  id: "https-redirect",
  code: "SCN010",
  area: "security",
  doc: {
    what: "Requests the site over plain HTTP (the http:// URL given, else port 80) and checks that the first answer is a permanent redirect (301 or 308) to HTTPS on the same host.",
    why: "Without the redirect, visitors who type the name stay on plain HTTP, where cookies and forms travel in clear text; redirecting to another host first means HSTS is never set for this one; a temporary redirect (302, 307) is not remembered, so every visit typed without https:// starts with a plain-HTTP request an attacker on the path can answer instead.",
    fix: "Redirect at the proxy in one permanent hop (server { listen 80; return 301 https://$host$request_uri; } in nginx), or set SECURE_SSL_REDIRECT = True with SECURE_PROXY_SSL_HEADER behind a proxy (Django answers 301).",
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect",
      "https://developer.mozilla.org/en-US/docs/Web/Security/Practical_implementation_guides/TLS#http_redirection",
    ],
  },
  requests: { http: { kind: "http-entry" } },
  outcomes: {
    toHttps: { severity: "ok" },
    noHttp: { severity: "ok", message: "Plain HTTP is not answered, so there is nothing to redirect" },
    temporary: {
      severity: "warning",
      message: "HTTP redirects to HTTPS with a temporary {status} ({location}), which browsers do not remember",
      fix: "Answer the plain-HTTP request with a permanent redirect: return 301 https://$host$request_uri; in nginx (Django's SECURE_SSL_REDIRECT answers 301).",
    },
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
      // The Observatory's order: another host weighs before how the redirect was made.
      if (target.hostname !== start.hostname)
        return { outcome: "offHost", evidence: http, data: { location: first.location, host: start.hostname } };
      if (!PERMANENT.has(first.status))
        return { outcome: "temporary", evidence: http, data: { status: first.status, location: first.location } };
      return { outcome: "toHttps", evidence: http };
    }
    if (http.end.startsWith("https:")) return { outcome: "notHttpsFirst", evidence: http, data: { location: first.location } };
    return { outcome: "notToHttps", evidence: http, data: { location: http.end } };
  },
});
