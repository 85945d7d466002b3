import { defineProbe } from "../define.js";
import { header, isResponse } from "../types.js";
import { headerLine } from "./helpers.js";

// Django's development server names itself after wsgiref: "WSGIServer/0.2 CPython/3.12.1".
// https://github.com/django/django/blob/stable/5.2.x/django/core/servers/basehttp.py
const RUNSERVER = /\bWSGIServer\/[\d.]+\s+CPython\/[\d.]+/;

export default defineProbe({
  id: "runserver",
  code: "SCN002",
  area: "server",
  doc: {
    what: "Looks for the Server header of Django's development server (WSGIServer/… CPython/…) on the responses.",
    why: "runserver is single-process, unhardened and not reviewed for security; Django's docs say never to use it in production.",
    fix: "Serve the app with Gunicorn, uWSGI or Uvicorn (gunicorn myproject.wsgi) behind nginx, never with manage.py runserver.",
    references: ["https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver"],
  },
  requests: { page: { kind: "page" }, missing: { kind: "get", path: "/djship-probe-{random}/" } },
  outcomes: {
    runserver: { severity: "error", message: "The site is served by Django's development server (runserver)" },
    other: { severity: "ok" },
  },
  evaluate({ page, missing }) {
    for (const response of [page, missing]) {
      if (!isResponse(response)) continue;
      const server = header(response, "server");
      if (server && RUNSERVER.test(server)) return { outcome: "runserver", evidence: response, proof: headerLine("server", server) };
    }
    return { outcome: "other" };
  },
});
