import { defineProbe } from "../define.js";
import { headerValues, isResponse } from "../types.js";
import { headerLine } from "./helpers.js";

// A product token with a version: nginx/1.22.1, Apache/2.4.57 (Debian), gunicorn/20.1.0, PHP/8.2.
const VERSION = /[A-Za-z][\w.-]*\/v?\d+(\.\d+)+/;
const HEADERS = ["server", "x-powered-by", "x-aspnet-version", "x-generator"];

export default defineProbe({
  id: "version-disclosure",
  code: "SCN022",
  area: "security",
  doc: {
    what: "Reads Server, X-Powered-By and similar headers on the page and on a missing page, and looks for software versions.",
    why: "Versions tell an attacker which known vulnerabilities to try first, without a single probe of their own.",
    fix: "Hide versions at the proxy: server_tokens off; in nginx (and proxy_hide_header X-Powered-By;); Gunicorn's own header is replaced by nginx's.",
    references: ["https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens"],
  },
  requests: { page: { kind: "page" }, missing: { kind: "get", path: "/djship-probe-{random}/" } },
  outcomes: {
    discloses: { severity: "info", message: "{header} discloses a version: {value}" },
    quiet: { severity: "ok" },
  },
  evaluate({ page, missing }) {
    for (const response of [page, missing]) {
      if (!isResponse(response)) continue;
      for (const name of HEADERS) {
        const value = headerValues(response, name).find((v) => VERSION.test(v));
        if (value)
          return {
            outcome: "discloses",
            evidence: response,
            proof: headerLine(name, value),
            data: { header: headerLine(name, "").slice(0, -2), value },
          };
      }
    }
    return { outcome: "quiet" };
  },
});
