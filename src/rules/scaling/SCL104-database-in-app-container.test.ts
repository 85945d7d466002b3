import { ruleTester } from "../tester.js";
import rule from "./SCL104-database-in-app-container.js";

const t = ruleTester(rule);
t.fires(
  "HOST localhost from a compose app",
  {
    files: {
      "mysite/settings.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "localhost"}}\n',
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n",
    },
  },
  { line: 1, messageId: "localhost" },
);
t.fires(
  "supervisor starts postgres beside gunicorn",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: 'FROM python:3.12\nCMD ["supervisord", "-n"]\n',
      "supervisord.conf":
        "[program:db]\ncommand=/usr/lib/postgresql/16/bin/postgres -D /data\n[program:web]\ncommand=gunicorn mysite.wsgi\n",
    },
  },
  { messageId: "started", line: 2 },
);
t.quiet("the client library only", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    Dockerfile: 'FROM python:3.12\nRUN apt-get install -y libpq-dev postgresql-client\nCMD ["gunicorn", "mysite.wsgi"]\n',
  },
});
t.quiet("client packages and headers whose names contain a server's", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    Dockerfile:
      'FROM python:3.12.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 postgresql-client-16 postgresql-server-dev-16 python3-redis redis-tools && pip install redis psycopg\nCMD ["gunicorn", "mysite.wsgi"]\n',
  },
});
t.quiet("Alpine's client packages", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    Dockerfile:
      'FROM python:3.12.12-alpine\nRUN apk add --no-cache postgresql16-client postgresql-libs libpq\nCMD ["gunicorn", "mysite.wsgi"]\n',
  },
});
t.fires(
  "the server package itself",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile:
        'FROM python:3.12.12-slim\nRUN apt-get update && apt-get install -y postgresql-16=16.4-1\nCMD ["gunicorn", "mysite.wsgi"]\n',
    },
  },
  { messageId: "installed", line: 2, message: /postgresql-16/ },
);
