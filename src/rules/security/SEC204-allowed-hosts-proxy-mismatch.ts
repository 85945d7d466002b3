import { hostAllowed } from "../../model/production.js";
import { allowedHosts } from "../../model/proxy.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC204",
  slug: "allowed-hosts-proxy-mismatch",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "A host the proxy answers for (an nginx server_name that proxies to the app, a Caddy site address with a reverse_proxy, an Ingress host) is not matched by ALLOWED_HOSTS.",
    why: "Requests for that host reach Django and get 400 Bad Request (DisallowedHost): the domain looks down, and every request mails or logs an error.",
    fix: "Add the host to ALLOWED_HOSTS (from the environment), or stop routing it to the app.",
    bad: {
      "mysite/settings.py": 'ALLOWED_HOSTS = ["example.com"]\n',
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    server_name example.com www.example.com;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": 'ALLOWED_HOSTS = ["example.com", "www.example.com"]\n',
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    server_name example.com www.example.com;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts"],
  },
  messages: {
    rejected: "{source} routes {host} to the app, but ALLOWED_HOSTS ({allowed}) rejects it with 400",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    const allowed = allowedHosts(settings);
    const setting = settings?.get("ALLOWED_HOSTS");
    if (!allowed || !setting || allowed.length === 0) return;
    const related = setting.file ? [{ file: setting.file, line: setting.line ?? 1, message: "ALLOWED_HOSTS" }] : [];
    const check = (host: string, place: { file: string; line: number }, source: string) => {
      // nginx wildcards: *.example.com is Django's .example.com; regex names (~) and _ are not hosts.
      if (host === "_" || host === "" || host === "*" || host.startsWith("~") || host.includes("$") || host.includes("{")) return;
      const name = host.startsWith("*.") ? `x${host.slice(1)}` : host.startsWith(".") ? host.slice(1) : host;
      if (!hostAllowed(allowed, name))
        report("rejected", place, { source, host, allowed: allowed.join(", ") }, { related, env: setting.env });
    };
    for (const { server } of deployment.proxyServers) {
      for (const host of server.serverNames) check(host, { file: server.file, line: server.serverNameLine ?? server.line }, "nginx");
    }
    // Caddy's reverse_proxy passes the client's Host on unchanged, as nginx's `proxy_set_header Host $host` does.
    for (const { site } of deployment.caddySites) {
      if (site.reverseProxies.length === 0) continue;
      for (const address of site.addresses) check(address.host, site, "Caddy");
    }
    for (const ingress of deployment.ingresses) for (const host of ingress.hosts) check(host.value, host, `Ingress ${ingress.name}`);
    for (const helm of deployment.helm) for (const host of helm.ingressHosts) check(host.value, host, "the Helm values");
  },
});
