import { defineProbe, type ProbeResult } from "../define.js";
import { type HttpResponse, headerValues, isResponse } from "../types.js";
import { type Cookie, isCsrfCookie, isPlainHttp, isSessionCookie, parseHsts, parseSetCookie } from "./helpers.js";

type Problem =
  | "sessionWithoutSecure"
  | "sessionWithoutHttpOnly"
  | "withoutSecure"
  | "withoutSecureHsts"
  | "csrfWithoutSameSite"
  | "sameSiteInvalid";

// Worst first: a session cookie over HTTP is a stolen login, a missing SameSite is a weaker CSRF defence.
const ORDER: readonly Problem[] = [
  "sessionWithoutSecure",
  "sessionWithoutHttpOnly",
  "withoutSecure",
  "csrfWithoutSameSite",
  "sameSiteInvalid",
  "withoutSecureHsts",
];

export default defineProbe({
  id: "cookies",
  code: "SCN023",
  area: "security",
  doc: {
    what: "Reads every Set-Cookie of the page and of the admin login page (where Django sets csrftoken) and checks Secure, HttpOnly on session cookies, and SameSite.",
    why: "A cookie without Secure travels in clear text on any plain-HTTP request; a session cookie readable by JavaScript is stolen by any XSS; SameSite is a second defence against CSRF.",
    fix: "Set SESSION_COOKIE_SECURE = True and CSRF_COOKIE_SECURE = True, keep SESSION_COOKIE_HTTPONLY = True and the default SameSite=Lax (SESSION_COOKIE_SAMESITE, CSRF_COOKIE_SAMESITE).",
    references: [
      "https://docs.djangoproject.com/en/stable/topics/security/#ssl-https",
      "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure",
    ],
  },
  requests: { page: { kind: "page" }, admin: { kind: "get", path: "/admin/login/" } },
  outcomes: {
    sessionWithoutSecure: {
      severity: "error",
      message: "Session cookie {cookies} is set without Secure: it travels in clear text over HTTP",
      fix: "Set SESSION_COOKIE_SECURE = True (and serve the site over HTTPS only).",
    },
    sessionWithoutHttpOnly: {
      severity: "error",
      message: "Session cookie {cookies} is set without HttpOnly: scripts on the page can read it",
      fix: "Set SESSION_COOKIE_HTTPONLY = True (Django's default).",
    },
    withoutSecure: {
      severity: "warning",
      message: "{cookies} set without Secure, and no HSTS keeps them off plain HTTP",
      fix: "Set CSRF_COOKIE_SECURE = True, SESSION_COOKIE_SECURE = True and LANGUAGE_COOKIE_SECURE = True, and enable HSTS.",
    },
    withoutSecureHsts: {
      severity: "warning",
      message: "{cookies} set without Secure (HSTS keeps them off plain HTTP in browsers that saw it)",
      fix: "Set CSRF_COOKIE_SECURE = True, SESSION_COOKIE_SECURE = True and LANGUAGE_COOKIE_SECURE = True.",
    },
    csrfWithoutSameSite: {
      severity: "warning",
      message: "CSRF cookie {cookies} is set without SameSite",
      fix: "Set CSRF_COOKIE_SAMESITE = 'Lax' (Django's default) or 'Strict'.",
    },
    sameSiteInvalid: {
      severity: "warning",
      message: "{cookies} set with an invalid SameSite, or SameSite=None without Secure",
      fix: "Use SameSite=Lax or Strict (SESSION_COOKIE_SAMESITE, CSRF_COOKIE_SAMESITE); None only with Secure.",
    },
    withoutSameSite: { severity: "info", message: "{cookies} set without SameSite" },
    secure: { severity: "ok" },
    none: { severity: "ok" },
  },
  evaluate({ page, admin }) {
    const sources: HttpResponse[] = [page, ...(isResponse(admin) ? [admin] : [])];
    const cookies: { cookie: Cookie; from: HttpResponse }[] = [];
    for (const from of sources) {
      for (const line of headerValues(from, "set-cookie")) {
        const cookie = parseSetCookie(line);
        if (cookie && !cookie.deletes && !cookies.some((c) => c.cookie.name === cookie.name)) cookies.push({ cookie, from });
      }
    }
    if (cookies.length === 0) return { outcome: "none" };
    const hstsValue = page.headers["strict-transport-security"]?.[0];
    const hsts = !isPlainHttp(page) && hstsValue !== undefined && (parseHsts(hstsValue)?.maxAge ?? 0) >= 15_552_000;
    const found = new Map<Problem, typeof cookies>();
    const add = (problem: Problem, entry: (typeof cookies)[number]) => found.set(problem, [...(found.get(problem) ?? []), entry]);
    for (const entry of cookies) {
      const { cookie } = entry;
      const session = isSessionCookie(cookie.name);
      if (session && !cookie.secure) add("sessionWithoutSecure", entry);
      else if (!cookie.secure) add(hsts ? "withoutSecureHsts" : "withoutSecure", entry);
      if (session && !cookie.httpOnly) add("sessionWithoutHttpOnly", entry);
      if (isCsrfCookie(cookie.name) && cookie.sameSite === undefined) add("csrfWithoutSameSite", entry);
      const sameSite = cookie.sameSite;
      if (sameSite !== undefined && (!["lax", "strict", "none"].includes(sameSite) || (sameSite === "none" && !cookie.secure)))
        add("sameSiteInvalid", entry);
    }
    const results: ProbeResult<Problem | "withoutSameSite" | "secure">[] = ORDER.filter((p) => found.has(p)).map((problem) => {
      const entries = found.get(problem) ?? [];
      const first = entries[0] as (typeof cookies)[number];
      return {
        outcome: problem,
        evidence: first.from,
        proof: `Set-Cookie: ${first.cookie.line}`,
        data: { cookies: entries.map((e) => e.cookie.name).join(", ") },
      };
    });
    if (results.length > 0) return results;
    const withoutSameSite = cookies.filter((c) => c.cookie.sameSite === undefined);
    if (withoutSameSite.length > 0) {
      const first = withoutSameSite[0] as (typeof cookies)[number];
      return {
        outcome: "withoutSameSite",
        evidence: first.from,
        proof: `Set-Cookie: ${first.cookie.line}`,
        data: { cookies: withoutSameSite.map((c) => c.cookie.name).join(", ") },
      };
    }
    return { outcome: "secure", evidence: (cookies[0] as (typeof cookies)[number]).from };
  },
});
