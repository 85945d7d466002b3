import { defineProbe } from "../define.js";
import { type HttpResponse, isResponse } from "../types.js";
import { technicalPage } from "./helpers.js";

export default defineProbe({
  id: "debug-page",
  code: "SCN001",
  area: "config",
  doc: {
    what: "Requests a page that cannot exist and one with a foreign Host header, and looks for Django's technical 404 and 500 pages.",
    why: "With DEBUG on, error pages show URL patterns, settings, SQL and local variables to anyone who asks for a missing page.",
    fix: "Set DEBUG = False in the production settings, read from the environment with a False default (DEBUG = env.bool('DJANGO_DEBUG', default=False)).",
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#debug"],
  },
  requests: {
    page: { kind: "page" },
    missing: { kind: "get", path: "/djship-probe-{random}/" },
    foreignHost: { kind: "get", path: "/", hostHeader: "djship-probe.invalid" },
  },
  outcomes: {
    technical500: {
      severity: "error",
      message: "DEBUG is on: {where} shows Django's technical 500 page (traceback, settings, local variables)",
    },
    technical404: { severity: "error", message: "DEBUG is on: a missing page shows Django's technical 404 with the URL patterns" },
    plain404: { severity: "ok" },
    inconclusive: { severity: "info", message: "A random path answered {status} instead of 404, so DEBUG could not be judged from it" },
  },
  evaluate({ page, missing, foreignHost }) {
    const responses: [string, HttpResponse][] = [];
    if (isResponse(missing)) responses.push(["a missing page", missing]);
    if (isResponse(foreignHost)) responses.push(["a request with a foreign Host header", foreignHost]);
    responses.push(["the page", page]);
    // The 500 page shows the most (settings and local variables), so it is the one to report.
    for (const [where, response] of responses) {
      if (technicalPage(response.body) === "500")
        return {
          outcome: "technical500",
          evidence: response,
          proof: 'body contains "<code>DEBUG = True</code>" and a traceback',
          data: { where },
        };
    }
    if (isResponse(missing) && technicalPage(missing.body) === "404")
      return { outcome: "technical404", evidence: missing, proof: 'body contains "<code>DEBUG = True</code>"' };
    if (isResponse(missing) && missing.status !== 404)
      return { outcome: "inconclusive", evidence: missing, data: { status: missing.status } };
    return { outcome: "plain404", ...(isResponse(missing) ? { evidence: missing } : {}) };
  },
});
