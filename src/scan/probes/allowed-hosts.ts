import { defineProbe } from "../define.js";
import { header, isResponse } from "../types.js";
import { headerLine, htmlTitle } from "./helpers.js";

const FOREIGN = "djship-probe.invalid";

export default defineProbe({
  id: "allowed-hosts",
  code: "SCN003",
  area: "config",
  doc: {
    what: `Requests the home page with the Host header ${FOREIGN} and checks that it is refused.`,
    why: "A site that answers any Host header lets attackers poison password-reset links, caches and absolute URLs built from the request (Host header injection).",
    fix: "List the real names in ALLOWED_HOSTS (never '*'), and give nginx a default server that closes connections for unknown names (server_name _; return 444;).",
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts"],
  },
  requests: { page: { kind: "page" }, foreignHost: { kind: "get", path: "/", hostHeader: FOREIGN } },
  outcomes: {
    acceptsAnyHost: { severity: "error", message: "A request with Host: {host} was answered {status}: ALLOWED_HOSTS is not enforced" },
    redirectsToForeignHost: {
      severity: "error",
      message: "A request with Host: {host} was redirected to that host: the Host header is trusted",
    },
    rejected: { severity: "ok" },
    otherSite: { severity: "ok", message: "A different site answered the foreign Host header" },
  },
  evaluate({ page, foreignHost }) {
    if (!isResponse(foreignHost)) return { outcome: "rejected", evidence: foreignHost };
    const location = header(foreignHost, "location");
    if (foreignHost.status >= 300 && foreignHost.status < 400 && location?.toLowerCase().includes(FOREIGN))
      return { outcome: "redirectsToForeignHost", evidence: foreignHost, proof: headerLine("location", location), data: { host: FOREIGN } };
    if (foreignHost.status < 200 || foreignHost.status >= 300) return { outcome: "rejected", evidence: foreignHost };
    // A proxy's own default page (a parking page, "Welcome to nginx") is not this site: compare titles.
    const same = htmlTitle(foreignHost.body) === htmlTitle(page.body) || foreignHost.body.includes(FOREIGN);
    if (!same) return { outcome: "otherSite", evidence: foreignHost };
    return { outcome: "acceptsAnyHost", evidence: foreignHost, data: { host: FOREIGN, status: foreignHost.status } };
  },
});
