import { ruleTester } from "../tester.js";
import rule from "./DB107-migrate-at-build.js";

const t = ruleTester(rule);
t.fires(
  "chained with collectstatic",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      Dockerfile: "FROM python:3.12\nCOPY . /app\nRUN python manage.py collectstatic --noinput && python manage.py migrate\n",
    },
  },
  { file: "Dockerfile", line: 3 },
);
t.quiet("makemigrations --check is not migrate", {
  files: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:3.12\nRUN python manage.py makemigrations --check\n" },
});
t.fires(
  "python -m django migrate is migrate too, as DB104 and STC102 read it",
  { files: { "mysite/settings.py": "DEBUG = False\n", Dockerfile: "FROM python:3.12\nRUN python -m django migrate --noinput\n" } },
  { file: "Dockerfile", line: 2 },
);
