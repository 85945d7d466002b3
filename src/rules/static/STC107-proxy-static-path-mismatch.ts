import { posix } from "node:path";
import { diskLocations, serverPaths, settingPath, urlPath } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC107",
  slug: "proxy-static-path-mismatch",
  area: "static",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts", "files"],
  doc: {
    what: "The proxy's location for STATIC_URL (or MEDIA_URL) reads a folder that is not STATIC_ROOT (or MEDIA_ROOT) as the server sees it, after re-basing the settings path on the image or host layout (Dockerfile WORKDIR/COPY, compose volumes, systemd WorkingDirectory).",
    why: "The proxy answers 404 for every static file (or serves an old copy) while collectstatic writes somewhere else: the site renders without CSS and JavaScript.",
    fix: "Point the location's alias at STATIC_ROOT as the proxy sees it (`alias /app/staticfiles/;`), or change STATIC_ROOT to match.",
    bad: {
      "mysite/settings.py": 'STATIC_URL = "/static/"\nSTATIC_ROOT = "/srv/app/staticfiles"\n',
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location /static/ {\n        alias /srv/app/static/;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": 'STATIC_URL = "/static/"\nSTATIC_ROOT = "/srv/app/staticfiles"\n',
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location /static/ {\n        alias /srv/app/staticfiles/;\n    }\n}\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/howto/static-files/deployment/"],
  },
  messages: {
    mismatch: "the proxy serves {url} from {folder}, but {setting} is {expected} as the server sees it",
  },
  check({ project, report }) {
    const { deployment } = project;
    const settings = project.settings.actual;
    for (const [urlName, rootName] of [
      ["STATIC_URL", "STATIC_ROOT"],
      ["MEDIA_URL", "MEDIA_ROOT"],
    ] as const) {
      const prefix = urlPath(settings?.get(urlName));
      const rootSetting = settings?.get(rootName);
      const root = settingPath(rootSetting);
      if (!prefix || prefix === "/" || !root || !rootSetting) continue;
      const locations = diskLocations(deployment, prefix);
      if (locations.length === 0) continue;
      const expected = serverPaths(deployment, project, root);
      if (expected.size === 0) continue;
      for (const { folder, directive } of locations) {
        if (folder.includes("$")) continue;
        const normalized = posix.normalize(folder).replace(/\/$/, "");
        if (expected.has(normalized)) continue;
        report(
          "mismatch",
          directive,
          { url: prefix, folder, setting: rootName, expected: [...expected].join(" or ") },
          {
            related: rootSetting.file ? [{ file: rootSetting.file, line: rootSetting.line ?? 1, message: rootName }] : [],
            env: rootSetting.env,
          },
        );
      }
    }
  },
});
