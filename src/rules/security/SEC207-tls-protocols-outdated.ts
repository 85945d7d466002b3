import { isTls } from "../../artifacts/nginx/parse.js";
import { defineRule } from "../define.js";

const OLD = /^(SSLv2|SSLv3|TLSv1|TLSv1\.1)$/;

export default defineRule({
  code: "SEC207",
  slug: "tls-protocols-outdated",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "An nginx TLS server allows SSLv3, TLS 1.0 or TLS 1.1 in ssl_protocols.",
    why: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS; they allow downgrade attacks and weak ciphers, and no current browser needs them.",
    fix: "Allow only modern versions: `ssl_protocols TLSv1.2 TLSv1.3;`.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/app.pem;\n    ssl_certificate_key /etc/ssl/app.key;\n    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/app.pem;\n    ssl_certificate_key /etc/ssl/app.key;\n    ssl_protocols TLSv1.2 TLSv1.3;\n}\n",
    },
    references: ["https://www.rfc-editor.org/rfc/rfc8996", "https://ssl-config.mozilla.org/"],
  },
  messages: {
    old: "ssl_protocols allows {protocols}",
  },
  check({ project, report }) {
    const { deployment } = project;
    const seen = new Set<string>();
    for (const config of deployment.nginx) {
      for (const server of config.servers) {
        const protocols = server.settings.sslProtocols;
        if (!isTls(server) || !protocols || seen.has(`${protocols.file}:${protocols.line}`)) continue;
        seen.add(`${protocols.file}:${protocols.line}`);
        const old = protocols.value.split(/\s+/).filter((p) => OLD.test(p));
        if (old.length > 0) report("old", protocols, { protocols: old.join(", ") });
      }
    }
  },
});
