import { ruleTester } from "../tester.js";
import rule from "./SRV102-app-server-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "gunicorn only in the dev requirements",
  {
    files: {
      ...settings,
      "requirements.txt": "Django==5.2\n",
      "requirements-dev.txt": "gunicorn\n",
      Procfile: "web: gunicorn mysite.wsgi\n",
    },
  },
  { file: "requirements.txt", line: 1 },
);
t.quiet("uvicorn in pyproject", {
  files: { ...settings, "pyproject.toml": '[project]\nname = "x"\ndependencies = ["django>=5.2", "uvicorn[standard]"]\n' },
});
t.quiet("no dependency files at all", { files: settings });
t.quiet("installed by the Dockerfile", {
  files: {
    ...settings,
    "requirements.txt": "Django==5.2\n",
    Dockerfile: "FROM python:3.12\nRUN pip install -r requirements.txt gunicorn\n",
  },
});
