import { AUTOMATIC_FORWARDED, proxySslHeader, sslRedirect, tlsTerminators } from "../../model/proxy.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC203",
  slug: "ssl-redirect-loop",
  area: "security",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "SECURE_SSL_REDIRECT is on behind a TLS-terminating proxy, but Django cannot tell the request was HTTPS: SECURE_PROXY_SSL_HEADER is unset, or names a header the proxy never sets (nginx without `proxy_set_header X-Forwarded-Proto $scheme` in the locations that proxy to the app). Read for any environment, a setting taken from a variable counts with the default it has while the variable is unset.",
    why: "Every HTTPS request reaches Django as plain HTTP and is redirected to HTTPS, which arrives as plain HTTP again: the browser stops with 'too many redirects' and the site is down.",
    fix: "Send the header from the proxy (`proxy_set_header X-Forwarded-Proto $scheme;` in every proxying location) and set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https').",
    bad: {
      "mysite/settings.py": 'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n',
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/site.pem;\n    ssl_certificate_key /etc/ssl/site.key;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_set_header Host $host;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": 'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n',
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/site.pem;\n    ssl_certificate_key /etc/ssl/site.key;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n",
    },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header",
      "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header",
    ],
  },
  messages: {
    unset:
      "SECURE_SSL_REDIRECT is on and {proxy} terminates TLS, but SECURE_PROXY_SSL_HEADER is unset{when}: every request redirects to itself",
    notSent:
      "SECURE_PROXY_SSL_HEADER reads {header}, which this location never sends: with SECURE_SSL_REDIRECT on{when}, HTTPS requests redirect in a loop",
    notSentAuto:
      "SECURE_PROXY_SSL_HEADER reads {header}, which {proxy} does not send: with SECURE_SSL_REDIRECT on{when}, HTTPS requests redirect in a loop",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const settingsIfUnset = project.settings.ifUnset;
    // Read for any environment, a setting taken from a variable is unknown: what the code falls back
    // to when the variable is unset (env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)) is what a
    // deploy that does not set it runs with.
    const fallback = project.settings.environment.kind === "any" ? settingsIfUnset : undefined;
    const redirectView = sslRedirect(settings) === undefined && fallback ? fallback : settings;
    if (sslRedirect(redirectView) !== true) return;
    const headerView = proxySslHeader(settings) === undefined && fallback ? fallback : settings;
    const header = proxySslHeader(headerView);
    if (header === undefined) return;
    const terminators = tlsTerminators(deployment);
    const setting = headerView?.get("SECURE_PROXY_SSL_HEADER");
    const redirect = redirectView?.get("SECURE_SSL_REDIRECT");
    const defaults = [
      ...new Set([
        ...(redirectView === settings ? [] : (redirect?.unsetEnv ?? [])),
        ...(headerView === settings ? [] : (setting?.unsetEnv ?? [])),
      ]),
    ].sort();
    const env = defaults.length > 0 ? { env: defaults } : {};
    const when = defaults.length > 0 ? ` (the defaults while ${defaults.join(", ")} ${defaults.length > 1 ? "are" : "is"} unset)` : "";
    const related = redirect?.file ? [{ file: redirect.file, line: redirect.line ?? 1, message: "SECURE_SSL_REDIRECT = True" }] : [];
    for (const terminator of terminators) {
      if (header === null) {
        report(
          "unset",
          { file: setting?.file ?? null, line: setting?.line ?? null },
          { proxy: terminator.name, when },
          { ...env, related: [...related, { file: terminator.file, line: terminator.line, message: "TLS ends here" }] },
        );
        return;
      }
      if (terminator.kind === "nginx") {
        for (const location of terminator.locations) {
          if (location.proxyHeaders.some((h) => h.name === header.header)) continue;
          report(
            "notSent",
            { file: location.file, line: location.line },
            { header: `${header.meta} (${header.header})`, when },
            {
              ...env,
              related: [
                ...related,
                ...(setting?.file ? [{ file: setting.file, line: setting.line ?? 1, message: "SECURE_PROXY_SSL_HEADER" }] : []),
              ],
            },
          );
        }
      } else if (!AUTOMATIC_FORWARDED.has(header.header)) {
        report(
          "notSentAuto",
          { file: setting?.file ?? null, line: setting?.line ?? null },
          { header: header.meta, proxy: terminator.name, when },
          { ...env, related: [...related, { file: terminator.file, line: terminator.line, message: "TLS ends here" }] },
        );
      }
    }
  },
});
