import type { allLocations } from "../../artifacts/nginx/parse.js";
import { defineRule } from "../define.js";

const SECURITY =
  /^(strict-transport-security|content-security-policy|x-frame-options|x-content-type-options|referrer-policy|permissions-policy|cross-origin-opener-policy)$/;

export default defineRule({
  code: "SEC208",
  slug: "security-headers-dropped",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A location declares its own add_header while the server (or http) level sets security headers: nginx then drops every inherited add_header in that location.",
    why: "nginx inherits add_header only when a level has none of its own: adding `Cache-Control` to /static/ silently removes Strict-Transport-Security, X-Frame-Options and the rest from every response of that location.",
    fix: "Repeat the security headers in the location (an `include snippets/security-headers.conf;` in each level that adds headers), or use nginx 1.29.3+ `add_header_inherit merge`.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        'server {\n    listen 80;\n    add_header Strict-Transport-Security "max-age=31536000" always;\n    add_header X-Frame-Options DENY always;\n    location /static/ {\n        alias /srv/static/;\n        add_header Cache-Control "public, immutable";\n    }\n}\n',
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        'server {\n    listen 80;\n    add_header Strict-Transport-Security "max-age=31536000" always;\n    add_header X-Frame-Options DENY always;\n    location /static/ {\n        alias /srv/static/;\n        expires 1y;\n    }\n}\n',
    },
    references: ["https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header"],
  },
  messages: {
    dropped: "location {path} sets its own add_header, so it drops {headers} set at the server level",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const config of deployment.nginx) {
      for (const server of config.servers) {
        const parent = new Map<string, { file: string; line: number }>();
        for (const header of server.headers) if (SECURITY.test(header.name)) parent.set(header.name, header);
        const check = (location: ReturnType<typeof allLocations>[number], inherited: Map<string, { file: string; line: number }>) => {
          if (location.ownHeaders) {
            const own = new Set(location.headers.map((h) => h.name));
            const dropped = [...inherited.keys()].filter((name) => !own.has(name));
            const first = location.headers[0];
            if (dropped.length > 0 && first)
              report(
                "dropped",
                first,
                { path: location.path, headers: dropped.join(", ") },
                {
                  related: dropped.map((name) => ({
                    ...(inherited.get(name) as { file: string; line: number }),
                    message: `${name} is set here`,
                  })),
                },
              );
          }
          const next = location.ownHeaders
            ? new Map(location.headers.filter((h) => SECURITY.test(h.name)).map((h) => [h.name, h] as const))
            : inherited;
          for (const child of location.locations) check(child, next);
        };
        for (const location of server.locations) check(location, parent);
      }
    }
  },
});
