import { ruleTester } from "../tester.js";
import rule from "./CCH101-local-cache-with-processes.js";

const t = ruleTester(rule);
const locmem = 'CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}\n';
t.fires(
  "Django's default cache with compose replicas",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      replicas: 2\n",
    },
  },
  { messageId: "local", message: /2 replicas/ },
);
t.fires(
  "the dummy cache",
  { files: { "mysite/settings.py": 'CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}\n' } },
  { messageId: "dummy", line: 1 },
);
t.quiet("one gunicorn worker and nothing else", {
  files: { "mysite/settings.py": locmem, Procfile: "web: gunicorn mysite.wsgi --workers 1\n" },
});
