import { ruleTester } from "../tester.js";
import rule from "./STC107-proxy-static-path-mismatch.js";

const t = ruleTester(rule);
const settings =
  'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nSTATIC_URL = "static/"\nSTATIC_ROOT = BASE_DIR / "staticfiles"\n';
const dockerfile =
  'FROM python:3.12 AS app\nWORKDIR /app\nCOPY . .\nRUN python manage.py collectstatic --noinput\nCMD ["gunicorn", "mysite.wsgi"]\n';
t.fires(
  "nginx reads /app/static/ but the image collects to /app/staticfiles",
  {
    files: {
      "mysite/settings.py": settings,
      Dockerfile: dockerfile,
      "nginx/default.conf": "server {\n  listen 80;\n  location /static/ {\n    alias /app/static/;\n  }\n}\n",
    },
  },
  { file: "nginx/default.conf", line: 4, message: /\/app\/staticfiles/ },
);
t.quiet("a shared compose volume under another path", {
  files: {
    "mysite/settings.py": settings,
    Dockerfile: dockerfile,
    "compose.yaml":
      "services:\n  web:\n    build: .\n    volumes:\n      - static:/app/staticfiles\n  nginx:\n    image: nginx:1.27\n    volumes:\n      - static:/usr/share/nginx/static:ro\n      - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro\nvolumes:\n  static:\n",
    "nginx/default.conf": "server {\n  listen 80;\n  location /static/ {\n    alias /usr/share/nginx/static/;\n  }\n}\n",
  },
});
t.quiet("root plus the location path", {
  files: {
    "mysite/settings.py": settings.replace('BASE_DIR / "staticfiles"', 'BASE_DIR / "public" / "static"'),
    Dockerfile: dockerfile,
    "nginx/default.conf": "server {\n  listen 80;\n  location /static/ {\n    root /app/public;\n  }\n}\n",
  },
});
t.fires(
  "Caddy's handle_path /static/* serves /app/static while the image collects to /app/staticfiles",
  {
    files: {
      "mysite/settings.py": settings,
      Dockerfile: dockerfile,
      Caddyfile: "example.com {\n\thandle_path /static/* {\n\t\troot * /app/static\n\t\tfile_server\n\t}\n\treverse_proxy web:8000\n}\n",
    },
  },
  { file: "Caddyfile", line: 4, message: /\/app\/staticfiles/ },
);
t.quiet("Caddy's file_server under a /static/* matcher: the root plus the path is STATIC_ROOT", {
  files: {
    "mysite/settings.py": settings.replace('BASE_DIR / "staticfiles"', 'BASE_DIR / "public" / "static"'),
    Dockerfile: dockerfile,
    Caddyfile: "example.com {\n\t@static path /static/*\n\troot @static /app/public\n\tfile_server @static\n\treverse_proxy web:8000\n}\n",
  },
});
