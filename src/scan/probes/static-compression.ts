import { defineProbe } from "../define.js";
import { header, isResponse } from "../types.js";
import { headerLine, STATIC_ASSET_REQUEST } from "./helpers.js";

// Lighthouse's "enable text compression" ignores responses whose savings would be under 1,400
// bytes (about one TCP packet): below that compression buys nothing measurable.
const MIN_BYTES = 1400;

export default defineProbe({
  id: "static-compression",
  code: "SCN008",
  area: "static",
  doc: {
    what: "Fetches the page's first stylesheet or script with Accept-Encoding: gzip, br and checks that a text asset over 1,400 bytes comes back compressed.",
    why: "CSS and JavaScript shrink to a fifth or less with gzip or Brotli; sending them raw slows every first visit.",
    fix: "Compress text assets: gzip on; gzip_types text/css application/javascript; (and gzip_static on; for the .gz files CompressedManifestStaticFilesStorage writes) in nginx, or use WhiteNoise's CompressedManifestStaticFilesStorage.",
    references: ["https://whitenoise.readthedocs.io/en/stable/django.html#add-compression-and-caching-support"],
  },
  requests: { asset: STATIC_ASSET_REQUEST },
  outcomes: {
    uncompressed: { severity: "warning", message: "{path} ({bytes} bytes of {type}) is sent uncompressed" },
    compressed: { severity: "ok" },
    small: { severity: "ok" },
    notText: { severity: "ok" },
    noAsset: { severity: "ok" },
  },
  evaluate({ asset }) {
    if (!isResponse(asset) || asset.status !== 200) return { outcome: "noAsset", evidence: asset };
    const encoding = header(asset, "content-encoding");
    if (encoding && encoding !== "identity")
      return { outcome: "compressed", evidence: asset, proof: headerLine("content-encoding", encoding) };
    const type = (header(asset, "content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!/^text\/|javascript|json|svg|xml/i.test(type)) return { outcome: "notText", evidence: asset };
    const length = Number(header(asset, "content-length") ?? Number.NaN);
    const bytes = Number.isFinite(length) ? length : asset.bodyBytes;
    if (bytes < MIN_BYTES) return { outcome: "small", evidence: asset };
    return {
      outcome: "uncompressed",
      evidence: asset,
      proof: "no Content-Encoding header",
      data: { path: new URL(asset.url).pathname, bytes, type },
    };
  },
});
