import { ruleTester } from "../tester.js";
import rule from "./SEC211-proxy-trusts-any-client.js";

const settings = { "mysite/settings.py": "DEBUG = False\n" };
const server = (body: string) => `server {\n    listen 80;\n${body}    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n`;
const t = ruleTester(rule);
t.fires(
  "0.0.0.0/0 with X-Forwarded-For",
  { files: { ...settings, "deploy/nginx.conf": server("    set_real_ip_from 0.0.0.0/0;\n    real_ip_header X-Forwarded-For;\n") } },
  { file: "deploy/nginx.conf", line: 3, messageId: "everyone", message: "trusts X-Forwarded-For" },
);
t.fires(
  "::/0 in http, with the default header",
  {
    files: {
      ...settings,
      "deploy/nginx.conf": `http {\n    set_real_ip_from ::/0;\n    ${server("").replace(/\n/g, "\n    ")}\n}\n`,
    },
  },
  { line: 2, message: "trusts X-Real-IP" },
);
t.fires(
  "in an included file",
  {
    files: {
      ...settings,
      "deploy/nginx.conf": server("    include /etc/nginx/realip.conf;\n"),
      "deploy/realip.conf": "set_real_ip_from 0.0.0.0/0;\nreal_ip_header X-Forwarded-For;\n",
    },
  },
  { file: "deploy/realip.conf", line: 1 },
);
t.quiet("private ranges only", {
  files: { ...settings, "deploy/nginx.conf": server("    set_real_ip_from 10.0.0.0/8;\n    set_real_ip_from 172.16.0.0/12;\n") },
});
t.quiet("no realip module in use", { files: { ...settings, "deploy/nginx.conf": server("") } });
t.fires(
  "Caddy's global trusted_proxies static 0.0.0.0/0",
  {
    files: {
      ...settings,
      Caddyfile: "{\n  servers {\n    trusted_proxies static 10.0.0.0/8 0.0.0.0/0\n  }\n}\nexample.com {\n  reverse_proxy web:8000\n}\n",
    },
  },
  { file: "Caddyfile", line: 3, messageId: "caddyServers" },
);
t.fires(
  "a reverse_proxy that trusts ::/0, imported from a snippet",
  {
    files: {
      ...settings,
      "deploy/Caddyfile": "(app) {\n  reverse_proxy web:8000 {\n    trusted_proxies ::/0\n  }\n}\nexample.com {\n  import app\n}\n",
    },
  },
  { file: "deploy/Caddyfile", line: 3, messageId: "caddyProxy" },
);
t.quiet("Caddy trusting private ranges, and a development Caddyfile", {
  files: {
    ...settings,
    Caddyfile:
      "{\n  servers {\n    trusted_proxies static private_ranges\n  }\n}\nexample.com {\n  reverse_proxy web:8000 {\n    trusted_proxies 10.0.0.0/8\n  }\n}\n",
    "Caddyfile.dev": "{\n  servers {\n    trusted_proxies static 0.0.0.0/0\n  }\n}\n:8080 {\n  reverse_proxy web:8000\n}\n",
  },
});
