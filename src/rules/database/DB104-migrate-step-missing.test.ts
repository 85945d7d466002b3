import { ruleTester } from "../tester.js";
import rule from "./DB104-migrate-step-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "migrate only in a Dockerfile RUN",
  { files: { ...settings, Dockerfile: 'FROM python:3.12\nCOPY . /app\nRUN python manage.py migrate\nCMD ["gunicorn", "mysite.wsgi"]\n' } },
  { file: "Dockerfile", line: 3, messageId: "buildOnly" },
);
t.quiet("a deploy script", {
  files: {
    ...settings,
    Procfile: "web: gunicorn mysite.wsgi\n",
    "scripts/deploy.sh": "#!/bin/sh\nssh app 'cd /srv/app && ./venv/bin/python manage.py migrate --noinput'\n",
  },
});
t.quiet("a CI step", {
  files: {
    ...settings,
    Procfile: "web: gunicorn mysite.wsgi\n",
    ".github/workflows/deploy.yml": "jobs:\n  deploy:\n    steps:\n      - run: heroku run python manage.py migrate\n",
  },
});
t.quiet("an entrypoint script", {
  files: {
    ...settings,
    Dockerfile: 'FROM python:3.12\nCOPY . /app\nENTRYPOINT ["./entrypoint.sh"]\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "entrypoint.sh": '#!/bin/sh\npython manage.py migrate --noinput\nexec "$@"\n',
  },
});
t.quiet("no deployment declared", { files: settings });
// healthchecks: docker/uwsgi.ini runs migrate before the app loads.
const uwsgiCompose = (ini: string) => ({
  ...settings,
  "docker/Dockerfile": 'FROM python:3.12.12-slim\nWORKDIR /opt/app\nCOPY . /opt/app/\nCMD ["uwsgi", "/opt/app/docker/uwsgi.ini"]\n',
  "docker/docker-compose.yml":
    "services:\n  web:\n    build:\n      context: ..\n      dockerfile: docker/Dockerfile\n    command: uwsgi /opt/app/docker/uwsgi.ini\n",
  "docker/uwsgi.ini": ini,
});
t.quiet("a uwsgi hook runs migrate", {
  files: uwsgiCompose("[uwsgi]\nmodule = mysite.wsgi:application\nhook-pre-app = exec:./manage.py migrate\n"),
});
t.fires(
  "a uwsgi ini without the hook",
  { files: uwsgiCompose("[uwsgi]\nmodule = mysite.wsgi:application\n# hook-pre-app = exec:./manage.py migrate\n") },
  { messageId: "missing" },
);
t.quiet("a standalone compose.production.yaml beside a development docker-compose.yml", {
  files: {
    ...settings,
    Dockerfile: '# For local development only\nFROM python:3.12\nCOPY . /code\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
    "docker-compose.yml":
      "services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n    volumes:\n      - .:/code\n",
    "Dockerfile.production": 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "compose.production.yaml":
      'services:\n  migrate:\n    build:\n      context: .\n      dockerfile: Dockerfile.production\n    command: ["python", "manage.py", "migrate"]\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.production\n',
  },
});
