import type { Catalog } from "../findings/catalog.js";
import { docUrl } from "../findings/vocabulary.js";
import type { AnyRule } from "./define.js";

export type { Catalog, RuleInfo } from "../findings/catalog.js";

export function catalogOf(rules: readonly AnyRule[]): Catalog {
  return new Map(
    rules.map((rule) => [
      rule.code,
      {
        code: rule.code,
        slug: rule.slug,
        area: rule.area,
        severity: rule.severity,
        djangoCheck: rule.djangoCheck ?? null,
        status: rule.status ?? "stable",
        since: rule.since,
        doc: rule.doc,
        docUrl: docUrl(rule.code),
        reads: rule.reads,
      },
    ]),
  );
}
