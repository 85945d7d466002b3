import type { RuleInfo } from "../findings/catalog.js";
import type { AnyProbe, OutcomeSeverity } from "./define.js";

/** The finding a site that could not be scanned gets: its code is no probe's. */
export const SITE_ERROR = {
  code: "SCN000",
  slug: "site-unreachable",
  doc: {
    what: "The site could not be scanned at all: connection refused, DNS failure, timeout, TLS failure, an oversized or broken response, or a redirect loop.",
    why: "What djship cannot reach, visitors cannot either, or djship cannot vouch for it.",
    fix: "Check the URL and that the server answers it; for a private CA pass --ca FILE, for a staging name --resolve HOST:PORT:ADDR, and --insecure to scan past an invalid certificate.",
  },
} as const;

export function scanDocUrl(code: string): string {
  return `https://github.com/djship/djship/blob/main/docs/scan.md#${code.toLowerCase()}`;
}

const RANK: Record<OutcomeSeverity, number> = { ok: 0, info: 1, warning: 2, error: 3 };

/** What reporters know of the probes, in the rules' shape: data only, so no reporter imports a probe. */
export function probeCatalog(probes: readonly AnyProbe[]): Map<string, RuleInfo> {
  const catalog = new Map<string, RuleInfo>();
  catalog.set(SITE_ERROR.code, {
    code: SITE_ERROR.code,
    slug: SITE_ERROR.slug,
    area: "server",
    severity: "error",
    djangoCheck: null,
    status: "stable",
    since: "0.1.0",
    doc: SITE_ERROR.doc,
    docUrl: scanDocUrl(SITE_ERROR.code),
  });
  for (const probe of probes) {
    const worst = Object.values(probe.outcomes as Record<string, { severity: OutcomeSeverity }>).reduce<OutcomeSeverity>(
      (acc, o) => (RANK[o.severity] > RANK[acc] ? o.severity : acc),
      "ok",
    );
    catalog.set(probe.code, {
      code: probe.code,
      slug: probe.id,
      area: probe.area,
      severity: worst === "ok" ? "info" : worst,
      djangoCheck: null,
      status: "stable",
      since: "0.1.0",
      doc: probe.doc,
      docUrl: scanDocUrl(probe.code),
    });
  }
  return catalog;
}
