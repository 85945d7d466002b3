import { defineProbe } from "../define.js";
import { header, isResponse } from "../types.js";
import { headerLine, STATIC_ASSET_REQUEST } from "./helpers.js";

export default defineProbe({
  id: "static-served-by-django",
  code: "SCN007",
  area: "static",
  doc: {
    what: "Fetches the page's first stylesheet or script and tells who served it: runserver or django.views.static.serve, WhiteNoise, or the proxy/CDN.",
    why: "Django's static view reads files in the app's worker processes with no caching headers; its docs call it grossly inefficient and probably insecure.",
    fix: "Run collectstatic and serve STATIC_ROOT from nginx (location /static/ { alias /app/staticfiles/; }) or a CDN, or use WhiteNoise; never django.views.static.serve or static() URL patterns in production.",
    references: ["https://docs.djangoproject.com/en/stable/howto/static-files/deployment/"],
  },
  requests: { asset: STATIC_ASSET_REQUEST },
  outcomes: {
    django: { severity: "warning", message: "Static files are served by Django's static view ({how})" },
    whitenoise: { severity: "ok", message: "Static files are served by WhiteNoise" },
    proxy: { severity: "ok" },
    noAsset: { severity: "ok", message: "No stylesheet or script on the page to check" },
  },
  evaluate({ asset }) {
    if (!isResponse(asset) || asset.status !== 200) return { outcome: "noAsset", evidence: asset };
    const server = header(asset, "server");
    if (server && /^WSGIServer\//.test(server))
      return { outcome: "django", evidence: asset, proof: headerLine("server", server), data: { how: "runserver's static handler" } };
    // WhiteNoise always sets Cache-Control and, by default, Access-Control-Allow-Origin: *.
    // https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_ALLOW_ALL_ORIGINS
    if (header(asset, "cache-control") && header(asset, "access-control-allow-origin") === "*")
      return { outcome: "whitenoise", evidence: asset };
    // django.views.static.serve sends Last-Modified and nothing a file server adds: no ETag, no
    // Accept-Ranges, no Cache-Control. https://github.com/django/django/blob/stable/5.2.x/django/views/static.py
    const looksLikeServe =
      header(asset, "last-modified") !== undefined &&
      header(asset, "etag") === undefined &&
      header(asset, "accept-ranges") === undefined &&
      header(asset, "cache-control") === undefined;
    if (looksLikeServe)
      return {
        outcome: "django",
        evidence: asset,
        proof: "Last-Modified without ETag, Accept-Ranges or Cache-Control",
        data: { how: "django.views.static.serve" },
      };
    return { outcome: "proxy", evidence: asset };
  },
});
