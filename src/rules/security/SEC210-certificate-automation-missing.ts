import { allLocations, isTls } from "../../artifacts/nginx/parse.js";
import { deployPathMentions } from "../../model/production.js";
import { defineRule } from "../define.js";

const ACME_TOOL = /\b(certbot|acme\.sh|lego|dehydrated|cert-manager|getssl|acme-companion|letsencrypt)\b/i;
const MANAGED_CERT =
  /cert-manager\.io|certificate-arn|managed-certificates|pre-shared-cert|acme\.cert-manager|kubernetes\.io\/tls-acme|traefik\.ingress\.kubernetes\.io\/router\.tls\.certresolver|ssl-cert/;

export default defineRule({
  code: "SEC210",
  slug: "certificate-automation-missing",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "TLS is configured with certificate files (nginx ssl_certificate, Ingress tls secrets) and nothing renews them: no certbot/ACME client or its challenge location, no cert-manager, Caddy or managed certificate.",
    why: "Certificates expire (Let's Encrypt's after 90 days, soon fewer): the day nobody renews by hand, every visitor gets a full-page browser error.",
    fix: "Automate renewal: certbot with a renew timer and the /.well-known/acme-challenge/ location, cert-manager with a ClusterIssuer annotation on the Ingress, Caddy, or the cloud load balancer's managed certificates.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /etc/nginx/certs/app.crt;\n    ssl_certificate_key /etc/nginx/certs/app.key;\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    server_name app.example.com;\n    location /.well-known/acme-challenge/ {\n        root /var/www/certbot;\n    }\n}\nserver {\n    listen 443 ssl;\n    server_name app.example.com;\n    ssl_certificate /etc/letsencrypt/live/app.example.com/fullchain.pem;\n    ssl_certificate_key /etc/letsencrypt/live/app.example.com/privkey.pem;\n}\n",
    },
    references: ["https://letsencrypt.org/docs/", "https://cert-manager.io/docs/usage/ingress/"],
  },
  messages: {
    nginx: "nginx serves {certificate} and nothing in the repository renews it",
    ingress: "Ingress {name} uses TLS secret {secret} and nothing issues or renews it (no cert-manager annotation or managed certificate)",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const automated =
      deployment.servicesOf("certbot", "caddy", "traefik").length > 0 ||
      deployPathMentions(artifacts, ACME_TOOL).length > 0 ||
      deployment.kubernetes.some((f) =>
        f.others.some(
          (o) => o.kind === "Certificate" || o.kind === "ClusterIssuer" || o.kind === "Issuer" || o.kind === "ManagedCertificate",
        ),
      );
    for (const config of deployment.nginx) {
      const acme = config.servers.some((s) => allLocations(s).some((l) => l.path.includes("acme-challenge")));
      for (const server of config.servers) {
        const certificate = server.sslCertificate;
        if (!isTls(server) || !certificate || acme || automated || /letsencrypt|\$ssl_/.test(certificate.value)) continue;
        report("nginx", certificate, { certificate: certificate.value });
      }
    }
    for (const ingress of deployment.ingresses) {
      if (automated || Object.keys(ingress.annotations).some((k) => MANAGED_CERT.test(k))) continue;
      for (const tls of ingress.tls)
        report("ingress", { file: ingress.file, line: tls.line }, { name: ingress.name, secret: tls.secretName ?? "(none)" });
    }
  },
});
