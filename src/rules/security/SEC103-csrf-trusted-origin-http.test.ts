import { ruleTester } from "../tester.js";
import rule from "./SEC103-csrf-trusted-origin-http.js";

const t = ruleTester(rule);

t.fires(
  "a plain-HTTP origin",
  {
    files: {
      "mysite/settings.py":
        'DEBUG = False\nCSRF_TRUSTED_ORIGINS = [\n    "https://shop.example.com",\n    "http://admin.example.com",\n]\n',
    },
  },
  { file: "mysite/settings.py", line: 2, messageId: "http", message: /"http:\/\/admin\.example\.com"/ },
);
t.fires(
  "an origin with a trailing slash never matches",
  { files: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com/"]\n' } },
  { line: 1, messageId: "path" },
);
t.fires(
  "built from the environment",
  {
    files: {
      "mysite/settings.py":
        'import os\nCSRF_TRUSTED_ORIGINS = [f"http://{h}" for h in os.environ.get("HOSTS", "shop.example.com").split(",")]\n',
    },
    environment: { HOSTS: "shop.example.com" },
  },
  { line: 2, messageId: "http" },
);
t.quiet("https origins and a wildcard subdomain", {
  files: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["https://shop.example.com", "https://*.example.com"]\n' },
});
t.quiet("http on localhost", {
  files: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["http://localhost:8000", "http://127.0.0.1:8000"]\n' },
});
t.quiet("Django 3.2 takes host names", {
  files: { "mysite/settings.py": 'CSRF_TRUSTED_ORIGINS = ["shop.example.com"]\n' },
  djangoVersion: "3.2",
});
