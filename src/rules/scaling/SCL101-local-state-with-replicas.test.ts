import { ruleTester } from "../tester.js";
import rule from "./SCL101-local-state-with-replicas.js";

const t = ruleTester(rule);
const scaled =
  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          command: [gunicorn, mysite.wsgi]\n";
t.fires(
  "cache sessions on Django's default LocMemCache",
  { files: { "mysite/settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.cache"\n', "k8s/web.yaml": scaled } },
  { line: 1, messageId: "cacheSessions" },
);
t.quiet("cached_db sessions fall back to the database", {
  files: { "mysite/settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"\n', "k8s/web.yaml": scaled },
});
t.quiet("one replica", {
  files: { "mysite/settings.py": 'SESSION_ENGINE = "django.contrib.sessions.backends.file"\n', Procfile: "web: gunicorn mysite.wsgi\n" },
});
