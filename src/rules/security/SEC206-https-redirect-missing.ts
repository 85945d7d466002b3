import { isTls } from "../../artifacts/nginx/parse.js";
import { sslRedirect } from "../../model/proxy.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC206",
  slug: "https-redirect-missing",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A site served over TLS is also served over plain HTTP without a redirect: an nginx port-80 server (or a Caddy http:// site) for the same name proxies to the app, or an Ingress with tls sets ssl-redirect to false; and SECURE_SSL_REDIRECT is off.",
    why: "Visitors who type the bare domain stay on HTTP: their session cookies and form posts cross the network in clear text, and HSTS is never learned.",
    fix: "Answer port 80 with `return 301 https://$host$request_uri;` (keeping the ACME challenge location), or set SECURE_SSL_REDIRECT = True.",
    bad: {
      "mysite/settings.py": "SECURE_SSL_REDIRECT = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /etc/ssl/app.pem;\n    ssl_certificate_key /etc/ssl/app.key;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "SECURE_SSL_REDIRECT = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    server_name app.example.com;\n    return 301 https://$host$request_uri;\n}\nserver {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /etc/ssl/app.pem;\n    ssl_certificate_key /etc/ssl/app.key;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    references: ["https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return"],
  },
  messages: {
    plain: "{name} is served over TLS, but plain HTTP on port {port} proxies to the app instead of redirecting",
    ingress: "Ingress {name} has TLS but ssl-redirect is turned off",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    if (sslRedirect(settings) !== false) return;
    const tlsNames = new Set(deployment.nginx.flatMap((c) => c.servers.filter(isTls).flatMap((s) => s.serverNames)));
    for (const { server, locations } of deployment.proxyServers) {
      const plain = server.listen.find((l) => !l.ssl);
      if (!plain || server.redirect?.target.startsWith("https://")) continue;
      const name = server.serverNames.find((n) => tlsNames.has(n) && n !== "_");
      if (!name) continue;
      // The app locations must proxy without redirecting themselves.
      const proxying = locations.filter((l) => !l.return?.target?.startsWith("https://"));
      if (proxying.length === 0) continue;
      const redirect = settings?.get("SECURE_SSL_REDIRECT");
      report(
        "plain",
        { file: server.file, line: plain.line },
        { name, port: plain.port },
        { related: redirect?.file ? [{ file: redirect.file, line: redirect.line ?? 1, message: "SECURE_SSL_REDIRECT is off" }] : [] },
      );
    }
    // Caddy: an http:// (or :80) site for a host that also has an HTTPS site replaces the redirect
    // automatic HTTPS would have answered with (https://caddyserver.com/docs/automatic-https#redirects).
    const caddyTls = new Set(
      deployment.caddySites.filter(({ site }) => site.isTls).flatMap(({ site }) => site.addresses.map((a) => a.host)),
    );
    for (const { site } of deployment.caddySites) {
      if (site.isTls || site.reverseProxies.length === 0) continue;
      const plain = site.addresses.find((a) => a.host !== "" && caddyTls.has(a.host) && (a.scheme === "http" || a.port === "80"));
      if (!plain) continue;
      const redirect = settings?.get("SECURE_SSL_REDIRECT");
      report(
        "plain",
        { file: site.file, line: site.line },
        { name: plain.host, port: plain.port || "80" },
        { related: redirect?.file ? [{ file: redirect.file, line: redirect.line ?? 1, message: "SECURE_SSL_REDIRECT is off" }] : [] },
      );
    }
    for (const ingress of deployment.ingresses) {
      const annotation =
        ingress.annotations["nginx.ingress.kubernetes.io/ssl-redirect"] ??
        ingress.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"];
      if (
        ingress.tls.length > 0 &&
        annotation?.value === "false" &&
        !ingress.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"]?.value.startsWith("t")
      )
        report("ingress", annotation, { name: ingress.name });
    }
  },
});
