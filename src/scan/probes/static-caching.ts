import { defineProbe } from "../define.js";
import { header, isResponse } from "../types.js";
import { headerLine, isHashedName, maxAge, STATIC_ASSET_REQUEST } from "./helpers.js";

// 30 days: Lighthouse's "serve static assets with an efficient cache policy" starts counting an
// asset as well cached there. A hashed name never changes content, so a year is the usual value.
const LONG = 30 * 24 * 3600;

export default defineProbe({
  id: "static-caching",
  code: "SCN009",
  area: "static",
  doc: {
    what: "Fetches the page's first stylesheet or script and checks that a hashed file name is cached for at least 30 days.",
    why: "A file whose name carries its content hash can be cached for a year; a short lifetime makes every visit revalidate or download it again.",
    fix: "Use ManifestStaticFilesStorage (or WhiteNoise's CompressedManifestStaticFilesStorage) for hashed names, and cache them long: expires 1y; add_header Cache-Control \"public, immutable\"; in nginx's location /static/.",
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/staticfiles/#manifeststaticfilesstorage"],
  },
  requests: { asset: STATIC_ASSET_REQUEST },
  outcomes: {
    shortCache: { severity: "warning", message: "{path} has a hashed name but is cached for {age}" },
    longCache: { severity: "ok" },
    unhashed: {
      severity: "info",
      message: "{path} has no content hash in its name, so it cannot be cached for long",
      fix: "Set STORAGES['staticfiles'] to ManifestStaticFilesStorage (or WhiteNoise's CompressedManifestStaticFilesStorage) so collectstatic writes hashed names that can be cached for a year.",
    },
    noAsset: { severity: "ok" },
  },
  evaluate({ asset }) {
    if (!isResponse(asset) || asset.status !== 200) return { outcome: "noAsset", evidence: asset };
    const path = new URL(asset.url).pathname;
    if (!isHashedName(path)) return { outcome: "unhashed", evidence: asset, data: { path } };
    const age = maxAge(asset);
    const expires = header(asset, "expires");
    const date = header(asset, "date");
    // Expires without max-age counts from the response's Date (RFC 9111 section 4.2.1).
    const seconds = age ?? (expires && date ? Math.max(0, (Date.parse(expires) - Date.parse(date)) / 1000) : 0);
    if (seconds >= LONG) return { outcome: "longCache", evidence: asset };
    const days = seconds / 86400;
    return {
      outcome: "shortCache",
      evidence: asset,
      proof: headerLine("cache-control", header(asset, "cache-control")),
      data: { path, age: seconds === 0 ? "no time at all" : days >= 1 ? `${Math.floor(days)} days` : `${Math.round(seconds)} seconds` },
    };
  },
});
