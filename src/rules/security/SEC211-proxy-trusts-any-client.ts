import type { NginxDirective } from "../../artifacts/nginx/parse.js";
import { defineRule } from "../define.js";

/** Address ranges that contain every client: "trust everyone". */
const EVERYONE = new Set(["0.0.0.0/0", "::/0", "0.0.0.0/0.0.0.0"]);

function* directivesNamed(directives: readonly NginxDirective[], name: string): Generator<NginxDirective> {
  for (const directive of directives) {
    if (directive.name === name) yield directive;
    if (directive.block) yield* directivesNamed(directive.block, name);
  }
}

/** The real_ip_header in force for a directive's context: its own block's, else nginx's default X-Real-IP. */
function realIpHeader(directives: readonly NginxDirective[]): string {
  const header = [...directivesNamed(directives, "real_ip_header")][0]?.args[0];
  return header ?? "X-Real-IP";
}

export default defineRule({
  code: "SEC211",
  slug: "proxy-trusts-any-client",
  area: "security",
  severity: "warning",
  since: "0.2.0",
  reads: ["artifacts"],
  doc: {
    what: "The proxy takes the client address from a request header sent by anyone: nginx's `set_real_ip_from 0.0.0.0/0` (or ::/0) trusts X-Forwarded-For / X-Real-IP from every client, not only from the load balancer in front; Caddy's `trusted_proxies 0.0.0.0/0` (global `servers` option, or in a `reverse_proxy`) does the same and passes the client's own X-Forwarded-For and X-Forwarded-Proto on to Django.",
    why: "Any client then chooses the address nginx logs and passes to Django (REMOTE_ADDR, X-Forwarded-For): rate limits, login lockouts (django-axes), IP allow-lists and audit logs see whatever the attacker writes in the header.",
    fix: "List only the load balancer's or CDN's address ranges in set_real_ip_from or trusted_proxies (for example the VPC's private range, `private_ranges` in Caddy, or Cloudflare's published ranges), and use `real_ip_recursive on` behind several nginx proxies.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx.conf":
        "server {\n    listen 80;\n    set_real_ip_from 0.0.0.0/0;\n    real_ip_header X-Forwarded-For;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx.conf":
        "server {\n    listen 80;\n    set_real_ip_from 10.0.0.0/8;\n    real_ip_header X-Forwarded-For;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    references: [
      "https://nginx.org/en/docs/http/ngx_http_realip_module.html",
      "https://caddyserver.com/docs/caddyfile/options#trusted-proxies",
      "https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#defaults",
    ],
  },
  messages: {
    everyone: "set_real_ip_from {range} trusts {header} from every client: anyone can choose the address nginx and Django see",
    caddyServers:
      "trusted_proxies {range} makes Caddy trust X-Forwarded-For from every client: anyone can choose the client address Caddy logs and matches on",
    caddyProxy:
      "reverse_proxy trusts X-Forwarded-* from {range}, every client: Caddy passes a client's own X-Forwarded-For and X-Forwarded-Proto on to Django",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    for (const config of artifacts.nginx()) {
      const walk = (directives: readonly NginxDirective[], header: string): void => {
        const own = directives.some((d) => d.name === "real_ip_header") ? realIpHeader(directives) : header;
        for (const directive of directives) {
          if (directive.name === "set_real_ip_from" && EVERYONE.has(directive.args[0] ?? ""))
            report("everyone", directive, { range: directive.args[0] ?? "", header: own });
          if (directive.block) walk(directive.block, own);
        }
      };
      walk(config.directives, "X-Real-IP");
    }
    for (const config of deployment.caddyConfigs) {
      for (const trusted of config.trustedProxies)
        if (EVERYONE.has(trusted.range)) report("caddyServers", trusted, { range: trusted.range });
      for (const site of config.sites)
        for (const proxy of site.reverseProxies)
          for (const trusted of proxy.trustedProxies)
            if (EVERYONE.has(trusted.range)) report("caddyProxy", trusted, { range: trusted.range });
    }
  },
});
