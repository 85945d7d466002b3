import { djangoFunction } from "../../django/known-code.js";
import { canBind } from "../../model/project-code.js";
import { defineSettingsRule } from "../define.js";

const SETTINGS = 'MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]\n';

export default defineSettingsRule({
  code: "SEC901",
  slug: "csrf-failure-view-broken",
  area: "security",
  severity: "error",
  djangoCheck: "security.E101",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "CSRF_FAILURE_VIEW names a view that cannot be imported (security.E102), that does not exist, or that does not take (request, reason) (security.E101).",
    why: "Django calls this view for every request that fails the CSRF check: when it is broken, those requests end in a 500 error instead of a 403 page.",
    fix: "Point CSRF_FAILURE_VIEW at a view defined as def csrf_failure(request, reason=''), by its full dotted path.",
    bad: {
      "mysite/settings.py": `${SETTINGS}CSRF_FAILURE_VIEW = "mysite.views.csrf_failure"\n`,
      "mysite/views.py": "def csrf_failure(request):\n    pass\n",
    },
    good: {
      "mysite/settings.py": `${SETTINGS}CSRF_FAILURE_VIEW = "mysite.views.csrf_failure"\n`,
      "mysite/views.py": 'def csrf_failure(request, reason=""):\n    pass\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#csrf-failure-view"],
  },
  messages: {
    notImportable: "CSRF_FAILURE_VIEW is '{path}', which cannot be imported",
    signature: "CSRF_FAILURE_VIEW is '{path}', a view that does not take (request, reason=...)",
    missing: "CSRF_FAILURE_VIEW is '{path}', but {where}: Django's checks stop with ViewDoesNotExist",
  },
  test(world) {
    const path = world.string("CSRF_FAILURE_VIEW");
    const code = world.code;
    if (path === undefined || !code) return undefined;
    const at = "CSRF_FAILURE_VIEW";
    const data = { path };
    // csrf.py check_csrf_failure_view → get_callable(): an ImportError is E102; a module that
    // imports without the attribute (or a package without the submodule) raises ViewDoesNotExist,
    // which the check does not catch; then inspect.signature(view).bind(None, reason=None) → E101.
    if (!path.includes(".")) return { at, messageId: "notImportable", data, djangoCheck: "security.E102" };
    const symbol = code.dotted(path);
    switch (symbol.kind) {
      case "missing-module":
        if (symbol.parentImportable === undefined) return undefined;
        return symbol.parentImportable && symbol.module.includes(".")
          ? { at, messageId: "missing", data: { path, where: `${symbol.module} does not exist` }, djangoCheck: null }
          : { at, messageId: "notImportable", data, djangoCheck: "security.E102" };
      case "missing-attribute":
        return { at, messageId: "missing", data: { path, where: `${symbol.module} has no ${symbol.name}` }, djangoCheck: null };
      case "module":
        return { at, messageId: "missing", data: { path, where: `${symbol.name} is a module, not a view` }, djangoCheck: null };
      case "function":
        if (!symbol.params) return undefined;
        return canBind(symbol.params, 1, ["reason"]) ? false : { at, messageId: "signature", data, djangoCheck: "security.E101" };
      case "django": {
        const params = djangoFunction(symbol.path);
        if (!params) return undefined;
        return canBind(params, 1, ["reason"]) ? false : { at, messageId: "signature", data, djangoCheck: "security.E101" };
      }
      default:
        return undefined;
    }
  },
});
