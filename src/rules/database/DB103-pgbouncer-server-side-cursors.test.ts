import { ruleTester } from "../tester.js";
import rule from "./DB103-pgbouncer-server-side-cursors.js";

const t = ruleTester(rule);
t.fires(
  "pool_mode in pgbouncer.ini and a Kubernetes-free compose",
  {
    files: {
      "mysite/settings.py": 'import dj_database_url\nDATABASES = {"default": dj_database_url.parse("postgres://app:x@bouncer:6432/app")}\n',
      "compose.yaml":
        "services:\n  bouncer:\n    image: bitnami/pgbouncer:1.24\n    volumes:\n      - ./pgbouncer/pgbouncer.ini:/etc/pgbouncer/pgbouncer.ini\n",
      "pgbouncer/pgbouncer.ini": "[pgbouncer]\nlisten_port = 6432\npool_mode = transaction\n",
    },
  },
  { line: 2, message: /bouncer/ },
);
t.quiet("session mode", {
  files: {
    "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "pgbouncer"}}\n',
    "compose.yaml": "services:\n  pgbouncer:\n    image: edoburu/pgbouncer\n    environment:\n      - POOL_MODE=session\n",
  },
});
