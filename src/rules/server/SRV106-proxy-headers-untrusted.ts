import { option } from "../../artifacts/command/parse.js";
import { processEnv } from "../../model/app-server.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "SRV106",
  slug: "proxy-headers-untrusted",
  area: "server",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "uvicorn or daphne runs behind a reverse proxy in another container or host but does not trust its X-Forwarded-* headers: uvicorn without --forwarded-allow-ips (or FORWARDED_ALLOW_IPS) or with --no-proxy-headers, daphne without --proxy-headers.",
    why: "uvicorn trusts forwarded headers only from 127.0.0.1 by default and daphne not at all, so behind a proxy in another container every request looks like plain HTTP from the proxy's address: client IPs in logs and rate limits are wrong, and without SECURE_PROXY_SSL_HEADER request.is_secure() is False.",
    fix: "Pass --proxy-headers --forwarded-allow-ips=<the proxy's address or network> to uvicorn (or set FORWARDED_ALLOW_IPS), and --proxy-headers to daphne.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: uvicorn mysite.asgi:application --host 0.0.0.0\n  nginx:\n    image: nginx:1.27\n    ports: ['443:443']\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: uvicorn mysite.asgi:application --host 0.0.0.0 --forwarded-allow-ips '*'\n  nginx:\n    image: nginx:1.27\n    ports: ['443:443']\n",
    },
    references: ["https://www.uvicorn.org/deployment/#proxies-and-forwarded-headers", "https://github.com/django/daphne#proxy-headers"],
  },
  messages: {
    uvicorn: "{name} runs uvicorn behind {proxy} but trusts X-Forwarded-* only from 127.0.0.1: client addresses and scheme are the proxy's",
    uvicornUnlessEnv: "{name} runs uvicorn behind {proxy} and, unless FORWARDED_ALLOW_IPS is set, trusts X-Forwarded-* only from 127.0.0.1",
    disabled: "{name} runs uvicorn with --no-proxy-headers behind {proxy}: client addresses and scheme are the proxy's",
    daphne: "{name} runs daphne behind {proxy} without --proxy-headers: client addresses and scheme are the proxy's",
  },
  check({ project, report }) {
    const { deployment } = project;
    // A proxy on the same host (systemd next to nginx proxying to 127.0.0.1) is trusted by default.
    const remote = deployment.proxies.find((p) => p.kind !== "platform router" && (p.kind !== "nginx" || !sameHostOnly(deployment)));
    if (!remote) return;
    const proxy = `${remote.kind} (${remote.file}:${remote.line})`;
    for (const process of deployment.withRole("web")) {
      const step = process.main;
      if (!step || (step.program.kind !== "uvicorn" && step.program.kind !== "daphne")) continue;
      const related = [{ file: remote.file, line: remote.line, message: "the proxy" }];
      if (step.program.kind === "daphne") {
        if (!step.program.options.values.has("--proxy-headers")) report("daphne", step, { name: process.name, proxy }, { related });
        continue;
      }
      if (step.program.options.values.has("--no-proxy-headers")) {
        report("disabled", step, { name: process.name, proxy }, { related });
        continue;
      }
      if (option(step.program.options, "--forwarded-allow-ips") !== undefined) continue;
      const env = processEnv(process, project, "FORWARDED_ALLOW_IPS");
      if (env.value !== undefined) continue;
      report(env.known ? "uvicorn" : "uvicornUnlessEnv", step, { name: process.name, proxy }, { related, env: ["FORWARDED_ALLOW_IPS"] });
    }
  },
});

function sameHostOnly(deployment: { proxyServers: { locations: { proxyPass?: { value: string } }[] }[] }): boolean {
  const targets = deployment.proxyServers.flatMap((s) => s.locations.map((l) => l.proxyPass?.value ?? ""));
  return targets.length > 0 && targets.every((t) => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]|unix:)/.test(t));
}
