import { defineProbe } from "../define.js";
import { header, isResponse } from "../types.js";
import { headerLine } from "./helpers.js";

const ORIGIN = "https://djship-probe.invalid";

export default defineProbe({
  id: "cors",
  code: "SCN021",
  area: "security",
  doc: {
    what: `Requests the page with Origin: ${ORIGIN} and reads Access-Control-Allow-Origin and -Credentials.`,
    why: "A site that reflects any Origin and allows credentials lets every other site read its pages with the visitor's cookies: account data, CSRF tokens.",
    fix: "With django-cors-headers, list the origins (CORS_ALLOWED_ORIGINS) instead of CORS_ALLOW_ALL_ORIGINS = True, and only allow credentials for those; never combine a wildcard with CORS_ALLOW_CREDENTIALS = True.",
    references: [
      "https://github.com/adamchainz/django-cors-headers#configuration",
      "https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS",
    ],
  },
  requests: {
    page: { kind: "page" },
    cors: {
      kind: "get",
      id: "cors-page",
      path: (page) => {
        const url = new URL(page.url);
        return `${url.pathname}${url.search}`;
      },
      headers: { Origin: ORIGIN },
    },
  },
  outcomes: {
    reflectsWithCredentials: {
      severity: "error",
      message: "Any Origin is allowed with credentials: other sites can read pages as the logged-in visitor",
    },
    wildcardWithCredentials: {
      severity: "warning",
      message: "Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true (browsers refuse it; the intent is unsafe)",
    },
    reflects: { severity: "info", message: "Any Origin is allowed (reflected), without credentials" },
    wildcard: { severity: "ok" },
    restricted: { severity: "ok" },
    none: { severity: "ok" },
  },
  evaluate({ cors }) {
    if (!isResponse(cors)) return { outcome: "none", evidence: cors };
    const origin = header(cors, "access-control-allow-origin")?.trim();
    if (!origin) return { outcome: "none", evidence: cors };
    const credentials = header(cors, "access-control-allow-credentials")?.trim().toLowerCase() === "true";
    const proof = [
      headerLine("access-control-allow-origin", origin),
      ...(credentials ? ["Access-Control-Allow-Credentials: true"] : []),
    ].join(", ");
    if (origin === "*") return { outcome: credentials ? "wildcardWithCredentials" : "wildcard", evidence: cors, proof };
    if (origin === ORIGIN) return { outcome: credentials ? "reflectsWithCredentials" : "reflects", evidence: cors, proof };
    return { outcome: "restricted", evidence: cors, proof };
  },
});
