import { defineProbe } from "../define.js";
import { isResponse } from "../types.js";
import { htmlTitle } from "./helpers.js";

// nginx autoindex and Apache ("Index of /static/"), Django's serve(show_indexes=True) ("Index of
// css/": the folder and a slash), Python's http.server ("Directory listing for /media/").
const LISTING = /^(Index of|Directory listing for) \S*\/$/i;

export default defineProbe({
  id: "directory-listing",
  code: "SCN006",
  area: "security",
  doc: {
    what: "Requests /static/ and /media/ and looks for a directory listing.",
    why: "A listing of /media/ shows every uploaded file, private ones included; one of /static/ maps the application for an attacker.",
    fix: "Turn listings off where static and media are served: autoindex off; in nginx, show_indexes=False in django.views.static.serve.",
    references: ["https://nginx.org/en/docs/http/ngx_http_autoindex_module.html"],
  },
  requests: {
    static: { kind: "get", path: "/static/", maxBytes: 16 * 1024 },
    media: { kind: "get", path: "/media/", maxBytes: 16 * 1024 },
  },
  outcomes: {
    listing: { severity: "warning", message: "{path} shows a directory listing" },
    none: { severity: "ok" },
  },
  evaluate({ static: staticDir, media }) {
    const found = [staticDir, media].flatMap((response) => {
      if (!isResponse(response) || response.status !== 200) return [];
      const title = htmlTitle(response.body) ?? /<h1>([^<]{0,200})<\/h1>/i.exec(response.body)?.[1]?.trim();
      if (!title || !LISTING.test(title)) return [];
      return [
        { outcome: "listing" as const, evidence: response, proof: `title "${title}"`, data: { path: new URL(response.url).pathname } },
      ];
    });
    return found.length > 0 ? found : { outcome: "none" };
  },
});
