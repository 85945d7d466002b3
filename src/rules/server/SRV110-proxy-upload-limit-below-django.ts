import { parseNginxSize } from "../../artifacts/nginx/parse.js";
import { asNumber, known } from "../../model/production.js";
import { hasFileFields } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

/** nginx's (and ingress-nginx's) default client_max_body_size: 1m. */
const NGINX_DEFAULT_BODY = 1024 * 1024;

function human(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export default defineRule({
  code: "SRV110",
  slug: "proxy-upload-limit-below-django",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts", "python"],
  doc: {
    what: "The proxy's request body limit (nginx client_max_body_size, 1 MB by default; the ingress-nginx proxy-body-size annotation) is below what Django accepts (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB by default).",
    why: "Requests Django would handle (forms, uploads between the two limits) never reach it: nginx answers with its own bare 413 page, which the app cannot style, log or explain.",
    fix: "Raise client_max_body_size (or the ingress annotation) to at least DATA_UPLOAD_MAX_MEMORY_SIZE and the largest upload the site takes, or lower Django's limit to match.",
    bad: {
      "mysite/settings.py": "DEBUG = False\nDATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024\n",
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\nDATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    client_max_body_size 10m;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    references: [
      "https://nginx.org/en/docs/http/ngx_http_core_module.html#client_max_body_size",
      "https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size",
    ],
  },
  messages: {
    below:
      "the proxy accepts request bodies up to {proxy} but Django accepts {django} (DATA_UPLOAD_MAX_MEMORY_SIZE): larger requests get nginx's 413",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const settings = project.settings.actual;
    const setting = settings?.get("DATA_UPLOAD_MAX_MEMORY_SIZE");
    if (!setting) return;
    const value = known(setting.value);
    // None means Django sets no limit of its own: then the proxy's is the only one, as intended.
    if (!value || value.kind === "none") return;
    const django = asNumber(value);
    if (django === undefined) return;
    // Form posts above 1 MB without files are rare: the gap bites uploads, or a limit someone raised on purpose.
    const uploads = hasFileFields(artifacts.texts("python"));
    const severity = uploads || !setting.isDefault ? "warning" : "info";
    const limits: { bytes: number; file: string; line: number; text: string }[] = [];
    for (const { locations } of deployment.proxyServers) {
      for (const location of locations) {
        const own = location.settings.clientMaxBodySize;
        const bytes = own ? parseNginxSize(own.value) : NGINX_DEFAULT_BODY;
        if (bytes !== undefined && bytes !== 0)
          limits.push({
            bytes,
            file: own?.file ?? location.file,
            line: own?.line ?? location.line,
            text: own?.value ?? "1m (the default)",
          });
      }
    }
    for (const ingress of deployment.ingresses) {
      const annotation = ingress.annotations["nginx.ingress.kubernetes.io/proxy-body-size"];
      const bytes = annotation ? parseNginxSize(annotation.value) : ingress.className === "nginx" ? NGINX_DEFAULT_BODY : undefined;
      if (bytes !== undefined && bytes !== 0)
        limits.push({
          bytes,
          file: annotation?.file ?? ingress.file,
          line: annotation?.line ?? ingress.line,
          text: annotation?.value ?? "1m (the default)",
        });
    }
    const seen = new Set<string>();
    for (const limit of limits) {
      if (limit.bytes >= django || seen.has(`${limit.file}:${limit.line}`)) continue;
      seen.add(`${limit.file}:${limit.line}`);
      report(
        "below",
        limit,
        { proxy: `${limit.text} (${human(limit.bytes)})`, django: human(django) },
        {
          related: [
            ...(setting.file
              ? [
                  {
                    file: setting.file,
                    line: setting.line ?? 1,
                    message: `DATA_UPLOAD_MAX_MEMORY_SIZE${setting.isDefault ? " (Django's default)" : ""}`,
                  },
                ]
              : []),
            ...(uploads ? [{ ...uploads, message: "an upload field" }] : []),
          ],
          env: setting.env,
          severity,
        },
      );
    }
  },
});
