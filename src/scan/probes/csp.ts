import { defineProbe } from "../define.js";
import { header, headerValues } from "../types.js";
import { headerLine, isPlainHttp, metaValues, parseCsp } from "./helpers.js";

// The MDN Observatory's categories, so that both tools name the same weaknesses.
// https://github.com/mdn/mdn-http-observatory/blob/main/src/analyzer/tests/csp.js
const BROAD = new Set(["ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"]);
const INLINE = new Set(["'unsafe-inline'", "data:"]);
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/;

export default defineProbe({
  id: "csp",
  code: "SCN020",
  area: "security",
  doc: {
    what: "Reads Content-Security-Policy on the page (header and <meta>) and looks for the obvious weaknesses: inline or eval'd scripts allowed, sources as broad as https: or *, plain-HTTP sources.",
    why: "A strict policy is the last line against cross-site scripting: injected markup cannot run scripts the policy does not allow.",
    fix: "Send a policy without 'unsafe-inline' in script-src, starting from default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none': with django-csp (or SECURE_CSP on Django 6.0+), or add_header Content-Security-Policy … always; in nginx.",
    references: ["https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP", "https://django-csp.readthedocs.io/"],
  },
  requests: { page: { kind: "page" } },
  outcomes: {
    strict: { severity: "ok" },
    implemented: { severity: "ok" },
    unsafeInlineStyle: { severity: "info", message: "The policy allows inline or broad sources in style-src: {sources}" },
    insecurePassive: { severity: "info", message: "The policy lets images or media load over plain HTTP" },
    unsafeEval: { severity: "warning", message: "The policy allows 'unsafe-eval'" },
    insecureScheme: { severity: "warning", message: "The policy lets scripts or other active content load over plain HTTP" },
    unsafeInline: { severity: "warning", message: "The policy does not stop injected scripts: {sources}" },
    invalid: { severity: "warning", message: "Content-Security-Policy cannot be parsed: {reason}" },
    reportOnly: { severity: "info", message: "Content-Security-Policy is only reported (Report-Only), not enforced" },
    missing: { severity: "info", message: "No Content-Security-Policy" },
  },
  evaluate({ page }) {
    const headers = headerValues(page, "content-security-policy");
    const metas = metaValues(page.body, "http-equiv", "content-security-policy");
    if (headers.length === 0 && metas.length === 0) {
      const reportOnly = header(page, "content-security-policy-report-only");
      if (reportOnly)
        return { outcome: "reportOnly", evidence: page, proof: headerLine("content-security-policy-report-only", reportOnly) };
      return { outcome: "missing", evidence: page, proof: headerLine("content-security-policy", undefined) };
    }
    const proof = headerLine("content-security-policy", [...headers, ...metas].join(", "));
    const fromHeaders = parseCsp(headers);
    const fromMeta = parseCsp(metas, { meta: true });
    if (!fromHeaders.ok || !fromMeta.ok) {
      const reason = !fromHeaders.ok ? fromHeaders.reason : !fromMeta.ok ? fromMeta.reason : "";
      return { outcome: "invalid", evidence: page, proof, data: { reason } };
    }
    const csp = new Map([...fromMeta.directives, ...fromHeaders.directives]);
    const fallback = (name: string) => new Set(csp.get(name) ?? csp.get("default-src") ?? ["*"]);
    const scriptSrc = fallback("script-src");
    const objectSrc = fallback("object-src");
    const styleSrc = fallback("style-src");
    // A nonce or hash makes browsers ignore 'unsafe-inline' (CSP3 section 8.2).
    for (const list of [scriptSrc, styleSrc]) if ([...list].some((s) => NONCE_OR_HASH.test(s))) list.delete("'unsafe-inline'");
    if ([...scriptSrc].some((s) => NONCE_OR_HASH.test(s)) && scriptSrc.has("'strict-dynamic'")) {
      for (const source of [...scriptSrc])
        if ([...BROAD].some((b) => source.startsWith(b)) || source === "'self'") scriptSrc.delete(source);
    } else if (scriptSrc.has("'strict-dynamic'")) {
      return { outcome: "invalid", evidence: page, proof, data: { reason: "'strict-dynamic' without a nonce or hash" } };
    }
    const https = !isPlainHttp(page);
    const passive = new Set(["img-src", "media-src"]);
    const active = [...csp.entries()].filter(([name]) => !passive.has(name) && name !== "script-src").flatMap(([, s]) => [...s]);
    active.push(...scriptSrc);
    const passiveSources = [...passive].flatMap((name) => [...(csp.get(name) ?? csp.get("default-src") ?? [])]);
    const insecure = (s: string) => s.startsWith("http:") || s.startsWith("ftp:");

    const unsafeScripts = [...scriptSrc].filter((s) => BROAD.has(s) || INLINE.has(s));
    const unsafeObjects = [...objectSrc].filter((s) => BROAD.has(s));
    if (unsafeScripts.length > 0 || unsafeObjects.length > 0) {
      const sources = [
        ...unsafeScripts.map((s) => `script-src ${s}`),
        ...unsafeObjects.map((s) => `object-src ${s}`),
        ...(csp.has("script-src") || csp.has("default-src") ? [] : ["no script-src or default-src"]),
      ];
      return { outcome: "unsafeInline", evidence: page, proof, data: { sources: sources.join(", ") } };
    }
    if (https && active.some(insecure)) return { outcome: "insecureScheme", evidence: page, proof };
    if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) return { outcome: "unsafeEval", evidence: page, proof };
    if (https && passiveSources.some(insecure)) return { outcome: "insecurePassive", evidence: page, proof };
    const unsafeStyles = [...styleSrc].filter((s) => BROAD.has(s) || INLINE.has(s));
    if (unsafeStyles.length > 0) return { outcome: "unsafeInlineStyle", evidence: page, proof, data: { sources: unsafeStyles.join(" ") } };
    const defaultSrc = csp.get("default-src");
    if (defaultSrc?.size === 1 && defaultSrc.has("'none'")) return { outcome: "strict", evidence: page, proof };
    return { outcome: "implemented", evidence: page, proof };
  },
});
