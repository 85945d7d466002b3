import assert from "node:assert/strict";
import { test } from "node:test";
import { Workspace } from "../discover/workspace.js";
import { loadPythonParser } from "../python/parse.js";
import { completeCase } from "../rules/tester.js";
import { canBind, ProjectCode } from "./project-code.js";
import { type UrlEntry, urlConfIn } from "./urlconf.js";

// In memory (manage.py and the packages' __init__.py added as for a rule case): no folder is written.
const files = completeCase({
  "mysite/settings.py": "DEBUG = False\n",
  "mysite/urls.py":
    'from django.conf import settings\nfrom django.urls import include, path\nfrom shop import views\n\nurlpatterns = [path("", views.home), path("shop/", include("shop.urls"))]\nif settings.DEBUG:\n    urlpatterns += [path("/debug", views.home)]\n',
  "shop/views.py":
    "from django.views.decorators.http import require_GET\n\n\n@require_GET\ndef home(request, *args, key=None, **kwargs):\n    pass\n",
  "shop/urls.py":
    'from django.urls import path\nfrom . import views\n\napp_name = "shop"\nurlpatterns = [path("x", views.home, name="a:b")]\n',
  "shop/apps.py":
    'from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = "shop"\n    default_auto_field = "django.db.models.BigAutoField"\n',
  "shop/models.py": "from django.db import models\n\n\nclass Item(models.Model):\n    pass\n",
});

async function code(): Promise<ProjectCode> {
  return new ProjectCode(Workspace.fromFiles(files), await loadPythonParser(), ".");
}

test("a dotted path resolves through the project's modules", async () => {
  const c = await code();
  const home = c.dotted("shop.views.home");
  assert.equal(home.kind, "function");
  assert.ok(home.kind === "function" && home.params && canBind(home.params, 1, ["reason"]), "**kwargs takes reason");
  assert.equal(c.dotted("shop.views.nope").kind, "missing-attribute");
  assert.equal(c.dotted("shop.nothere.view").kind, "missing-module");
  assert.equal(c.dotted("otherpkg.views.x").kind, "external");
});

test("an app's AppConfig and models, as AppConfig.create() and ModelBase see them", async () => {
  const c = await code();
  const app = c.app("shop");
  assert.equal(app?.configClass, "ShopConfig");
  assert.equal(app?.overridesDefaultAutoField, true);
  const models = app ? c.models(app) : undefined;
  assert.deepEqual(
    models?.map((m) => [m.name, m.isModel, m.pk]),
    [["Item", true, "auto"]],
  );
  assert.equal(c.app("django.contrib.auth.apps.AuthConfig")?.name, "django.contrib.auth");
  assert.equal(c.app("rest_framework"), undefined);
});

test("Signature.bind as inspect does it", () => {
  const p = (
    name: string,
    kind: "positional-or-keyword" | "positional-only" | "keyword-only" | "var-positional" | "var-keyword",
    hasDefault = false,
  ) => ({
    name,
    kind,
    hasDefault,
  });
  assert.equal(canBind([p("request", "positional-or-keyword")], 1, ["reason"]), false);
  assert.equal(canBind([p("request", "positional-or-keyword"), p("reason", "keyword-only", true)], 1, ["reason"]), true);
  assert.equal(canBind([p("request", "positional-only"), p("reason", "positional-only", true)], 1, ["reason"]), false);
  assert.equal(canBind([p("request", "positional-or-keyword"), p("exception", "positional-or-keyword")], 1), false);
  assert.equal(canBind([p("args", "var-positional")], 2), true);
});

test("a URLconf in one world: includes followed, settings-dependent blocks present, absent or maybe", async () => {
  const c = await code();
  const settings = (debug: boolean | undefined) => ({
    value: () => ({ kind: "unknown" as const, reason: "" }),
    truthy: (name: string) => (name === "DEBUG" ? debug : undefined),
    contains: () => undefined,
  });
  const shape = (entries: readonly UrlEntry[]): unknown[] =>
    entries.map((e) =>
      e.kind === "pattern"
        ? [e.route, e.name, e.present, e.file]
        : e.kind === "include"
          ? [e.route, e.namespace, e.included?.module, e.included ? shape(e.included.entries) : undefined]
          : [e.kind],
    );
  const off = urlConfIn(c, "mysite.urls", settings(false));
  assert.deepEqual(shape(off?.entries ?? []), [
    ["", null, true, "mysite/urls.py"],
    ["shop/", "shop", "shop.urls", [["x", "a:b", true, "shop/urls.py"]]],
  ]);
  assert.equal(off?.entries[0]?.kind === "pattern" && off.entries[0].view.isViewClass, false, "a function view");
  const on = urlConfIn(c, "mysite.urls", settings(true));
  assert.deepEqual(shape(on?.entries ?? []).at(-1), ["/debug", null, true, "mysite/urls.py"]);
  const maybe = urlConfIn(c, "mysite.urls", settings(undefined));
  assert.deepEqual(shape(maybe?.entries ?? []).at(-1), ["/debug", null, undefined, "mysite/urls.py"]);
  assert.equal(urlConfIn(c, "otherpkg.urls", settings(false)), undefined, "not a project module");
});
