import { defineProbe } from "../define.js";

export default defineProbe({
  id: "http2",
  code: "SCN014",
  area: "server",
  doc: {
    what: "Offers h2 and http/1.1 in the TLS handshake (ALPN) and reports whether the server chooses HTTP/2.",
    why: "HTTP/2 loads a page's many static files over one connection, without HTTP/1.1's six-connection queueing.",
    fix: "Enable HTTP/2 at the proxy: listen 443 ssl http2; (or http2 on; from nginx 1.25.1). Gunicorn itself speaks HTTP/1.1, which is fine behind the proxy.",
    references: ["https://nginx.org/en/docs/http/ngx_http_v2_module.html"],
  },
  requests: { tls: { kind: "tls", variant: "default" } },
  outcomes: {
    h2: { severity: "ok" },
    http1Only: { severity: "info", message: "HTTP/2 is not offered (ALPN: {alpn})" },
    notApplicable: { severity: "ok" },
  },
  evaluate({ tls }) {
    if (tls.kind !== "tls") return { outcome: "notApplicable" };
    if (tls.alpn === "h2") return { outcome: "h2", evidence: tls };
    return { outcome: "http1Only", evidence: tls, data: { alpn: tls.alpn ?? "none chosen" } };
  },
});
