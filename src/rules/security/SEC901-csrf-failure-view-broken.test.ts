import { ruleTester } from "../tester.js";
import rule from "./SEC901-csrf-failure-view-broken.js";

const view = (path: string) => `CSRF_FAILURE_VIEW = "${path}"\n`;
const VIEWS =
  'from django.views.decorators.csrf import csrf_exempt\n\n\ndef ok(request, reason=""):\n    pass\n\n\ndef bad(request):\n    pass\n\n\n@csrf_exempt\ndef wrapped(request, reason=""):\n    pass\n\n\ndef kwargs_only(request, **kwargs):\n    pass\n';
const t = ruleTester(rule);
t.fires(
  "a view without reason: E101",
  { files: { "app/settings.py": view("app.views.bad"), "app/views.py": VIEWS } },
  {
    line: 1,
    djangoCheck: "security.E101",
    messageId: "signature",
  },
);
t.fires("a dotted path without a dot: E102", { files: { "app/settings.py": view("csrf_failure") } }, { djangoCheck: "security.E102" });
t.fires(
  "a missing submodule of a project package: E102 when the package itself is missing",
  { files: { "app/settings.py": view("app.nothere.sub.view") } },
  { djangoCheck: "security.E102" },
);
t.fires(
  "a missing attribute: ViewDoesNotExist, Django crashes",
  { files: { "app/settings.py": view("app.views.nope"), "app/views.py": VIEWS } },
  { djangoCheck: null, messageId: "missing" },
);
t.fires(
  "a missing module inside an existing package: ViewDoesNotExist",
  { files: { "app/settings.py": view("app.nothere.view") } },
  { djangoCheck: null, messageId: "missing" },
);
t.fires(
  "a Django view with the wrong signature",
  { files: { "app/settings.py": view("django.views.defaults.server_error") } },
  { djangoCheck: "security.E101" },
);
t.quiet("Django's default", { files: { "app/settings.py": "DEBUG = False\n" } });
t.quiet("a correct project view", { files: { "app/settings.py": view("app.views.ok"), "app/views.py": VIEWS } });
t.quiet("csrf_exempt keeps the signature", { files: { "app/settings.py": view("app.views.wrapped"), "app/views.py": VIEWS } });
t.quiet("**kwargs takes reason", { files: { "app/settings.py": view("app.views.kwargs_only"), "app/views.py": VIEWS } });
t.quiet("a package outside the project: cannot know", { files: { "app/settings.py": view("otherpkg.views.fail") } });
