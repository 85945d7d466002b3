import { defineProbe } from "../define.js";
import { type HttpResponse, header, isResponse } from "../types.js";
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
    const signature = djangoSignature(asset);
    const server = header(asset, "server");
    // wsgiref's WSGIServer runs any Python WSGI app: only Django's signature makes it runserver's static handler.
    if (server && /^WSGIServer\//.test(server) && signature)
      return {
        outcome: "django",
        evidence: asset,
        proof: `${headerLine("server", server)}; ${signature}`,
        data: { how: "runserver's static handler" },
      };
    // WhiteNoise always sets Cache-Control and, by default, Access-Control-Allow-Origin: *.
    // https://whitenoise.readthedocs.io/en/stable/django.html#WHITENOISE_ALLOW_ALL_ORIGINS
    if (header(asset, "cache-control") && header(asset, "access-control-allow-origin") === "*")
      return { outcome: "whitenoise", evidence: asset };
    // django.views.static.serve sends Last-Modified and nothing a file server adds: no ETag, no
    // Accept-Ranges, no Cache-Control. https://github.com/django/django/blob/stable/5.2.x/django/views/static.py
    // Other servers answer like that too (a bare Python or Node file server), so Django's own
    // signature must be there as well before saying so.
    const looksLikeServe =
      header(asset, "last-modified") !== undefined &&
      header(asset, "etag") === undefined &&
      header(asset, "accept-ranges") === undefined &&
      header(asset, "cache-control") === undefined;
    if (looksLikeServe && signature)
      return {
        outcome: "django",
        evidence: asset,
        proof: `Last-Modified without ETag, Accept-Ranges or Cache-Control; ${signature}`,
        data: { how: "django.views.static.serve" },
      };
    return { outcome: "proxy", evidence: asset };
  },
});

/**
 * What only Django's static view sends: FileResponse names the file it opened, `Content-Disposition:
 * inline; filename="site.css"` (django/http/response.py, FileResponse.set_headers; Django 3.2, 4.2
 * and 5.2 alike), or, through a URL pattern, the headers of Django's default middleware
 * (XFrameOptionsMiddleware's X-Frame-Options with SecurityMiddleware's nosniff). Undefined without it.
 */
function djangoSignature(asset: HttpResponse): string | undefined {
  const disposition = header(asset, "content-disposition");
  let name = "";
  try {
    name = decodeURIComponent(new URL(asset.url).pathname.split("/").pop() ?? "");
  } catch {
    // A malformed escape in the URL: no file name to compare.
  }
  if (disposition && name && disposition.trim() === `inline; filename="${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    return headerLine("content-disposition", disposition);
  const frame = header(asset, "x-frame-options");
  const nosniff = header(asset, "x-content-type-options");
  if (frame && nosniff?.toLowerCase() === "nosniff") return "Django's default middleware headers (X-Frame-Options, X-Content-Type-Options)";
  return undefined;
}
