import { defineRule } from "../define.js";

export default defineRule({
  code: "SEC209",
  slug: "default-server-missing",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "No nginx server is the catch-all for a port the app is served on: no `default_server`, so the first server (the app's) answers requests for any Host.",
    why: "Scanners and bots hit the server's IP with arbitrary Host headers; they all reach Django, which answers 400 and logs or mails a DisallowedHost error each time, and the app answers for any domain pointed at it.",
    fix: "Add a catch-all: `server { listen 80 default_server; listen 443 ssl default_server; server_name _; ssl_reject_handshake on; return 444; }`.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80;\n    server_name app.example.com;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "deploy/nginx/site.conf":
        "server {\n    listen 80 default_server;\n    server_name _;\n    return 444;\n}\nserver {\n    listen 80;\n    server_name app.example.com;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n",
    },
    references: ["https://nginx.org/en/docs/http/request_processing.html"],
  },
  messages: {
    missing: "no server is default_server on port {port}, so {name} answers requests for any Host",
  },
  check({ project, report }) {
    const { deployment } = project;
    for (const config of deployment.nginx) {
      const byPort = new Map<number, typeof config.servers>();
      for (const server of config.servers) {
        for (const port of new Set(server.listen.map((l) => l.port))) byPort.set(port, [...(byPort.get(port) ?? []), server]);
      }
      for (const [port, servers] of byPort) {
        if (servers.some((s) => s.listen.some((l) => l.port === port && l.defaultServer))) continue;
        // nginx uses the first server for a port as its default.
        const first = servers[0];
        if (!first || first.serverNames.length === 0 || first.serverNames.includes("_") || first.serverNames.includes("")) continue;
        if (first.redirect || !first.locations.some((l) => l.proxyPass || l.uwsgiPass)) continue;
        const listen = first.listen.find((l) => l.port === port);
        report("missing", { file: first.file, line: listen?.line ?? first.line }, { port, name: first.serverNames[0] ?? "_" });
      }
    }
  },
});
