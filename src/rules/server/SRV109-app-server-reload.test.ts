import { ruleTester } from "../tester.js";
import rule from "./SRV109-app-server-reload.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "gunicorn --reload in supervisor",
  {
    files: {
      ...settings,
      "deploy/supervisor/app.conf": "[program:web]\ncommand=/srv/venv/bin/gunicorn mysite.wsgi --reload -w 3\nautorestart=true\n",
    },
  },
  { file: "deploy/supervisor/app.conf", line: 2 },
);
t.quiet("--reload only in the development compose file", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  web:\n    image: me/app\n",
    "compose.override.dev.yaml": "services:\n  web:\n    command: uvicorn mysite.asgi:application --reload\n",
  },
});
