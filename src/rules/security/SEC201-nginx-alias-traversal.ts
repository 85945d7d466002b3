import { allLocations } from "../../artifacts/nginx/parse.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC201",
  slug: "nginx-alias-traversal",
  area: "security",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "An nginx prefix location without a trailing slash uses an alias with one (`location /static { alias /app/staticfiles/; }`), or the other way round.",
    why: "With the slash only on the alias, /static../settings.py maps to /app/staticfiles/../settings.py: anyone can read files next to the static folder, source code and .env included (the 'off-by-slash' traversal). With the slash only on the location, every file maps to a wrong path and answers 404.",
    fix: "End both with a slash: `location /static/ { alias /app/staticfiles/; }`.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location /static {\n        alias /app/staticfiles/;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf": "server {\n    listen 80;\n    location /static/ {\n        alias /app/staticfiles/;\n    }\n}\n",
    },
    references: [
      "https://github.com/yandex/gixy/blob/master/docs/en/plugins/aliastraversal.md",
      "https://nginx.org/en/docs/http/ngx_http_core_module.html#alias",
    ],
  },
  messages: {
    traversal: "location {path} has no trailing slash but its alias {alias} does: {path}../ reads files outside the folder",
    broken: "location {path} ends with a slash but its alias {alias} does not: files map to {alias}<name> and answer 404",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const config of deployment.nginx) {
      for (const server of config.servers) {
        for (const location of allLocations(server)) {
          const alias = location.alias;
          if (!alias || (location.modifier !== "" && location.modifier !== "^~") || alias.value.includes("$")) continue;
          const pathSlash = location.path.endsWith("/");
          const aliasSlash = alias.value.endsWith("/");
          if (!pathSlash && aliasSlash) report("traversal", alias, { path: location.path, alias: alias.value });
          else if (pathSlash && !aliasSlash) report("broken", alias, { path: location.path, alias: alias.value }, { severity: "warning" });
        }
      }
    }
  },
});
