import { proxySslHeader, sslRedirect, tlsTerminators } from "../../model/proxy.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC202",
  slug: "proxy-ssl-header-missing",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "TLS is terminated by a proxy in front of Django (an nginx server with ssl, an Ingress with tls, Caddy or Traefik) but SECURE_PROXY_SSL_HEADER is not set.",
    why: "Django sees every request arrive over plain HTTP from the proxy: request.is_secure() is False, build_absolute_uri() and redirects say http://, and CSRF's origin check for HTTPS forms fails.",
    fix: "Have the proxy send X-Forwarded-Proto (and only the proxy) and set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https').",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /etc/letsencrypt/live/app.example.com/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/app.example.com/privkey.pem;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": 'DEBUG = False\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n',
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /etc/letsencrypt/live/app.example.com/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/app.example.com/privkey.pem;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header"],
  },
  messages: {
    unset: "{proxy} terminates TLS but SECURE_PROXY_SSL_HEADER is not set: Django believes every request is plain HTTP",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const header = proxySslHeader(settings);
    // With SECURE_SSL_REDIRECT on, the same gap is a redirect loop: SEC203 reports it.
    if (header !== null || sslRedirect(settings) !== false) return;
    const terminator = tlsTerminators(deployment)[0];
    if (!terminator) return;
    const setting = settings?.get("SECURE_PROXY_SSL_HEADER");
    report(
      "unset",
      { file: setting?.file ?? null, line: setting?.line ?? null },
      { proxy: terminator.name },
      { related: [{ file: terminator.file, line: terminator.line, message: "TLS ends here" }] },
    );
  },
});
