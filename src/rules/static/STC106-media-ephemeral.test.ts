import { ruleTester } from "../tester.js";
import rule from "./STC106-media-ephemeral.js";

const t = ruleTester(rule);
const models = { "shop/models.py": "from django.db import models\n\nclass Doc(models.Model):\n    file = models.FileField()\n" };
t.fires(
  "MEDIA_ROOT relative to the code, re-based on the Dockerfile WORKDIR",
  {
    files: {
      "mysite/settings.py":
        'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nMEDIA_ROOT = BASE_DIR / "media"\n',
      ...models,
      Dockerfile: 'FROM python:3.12\nWORKDIR /srv/app\nCOPY . .\nCMD ["gunicorn", "mysite.wsgi"]\n',
      "compose.yaml": "services:\n  web:\n    build: .\n    volumes:\n      - logs:/var/log/app\nvolumes:\n  logs:\n",
    },
  },
  { line: 3, message: /\/srv\/app\/media/ },
);
t.quiet("a volume at the re-based path", {
  files: {
    "mysite/settings.py": 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nMEDIA_ROOT = BASE_DIR / "media"\n',
    ...models,
    Dockerfile: 'FROM python:3.12\nWORKDIR /srv/app\nCOPY . .\nCMD ["gunicorn", "mysite.wsgi"]\n',
    "compose.yaml": "services:\n  web:\n    build: .\n    volumes:\n      - media:/srv/app/media\nvolumes:\n  media:\n",
  },
});
t.quiet("systemd keeps its disk", {
  files: {
    "mysite/settings.py": 'MEDIA_ROOT = "/srv/media"\n',
    ...models,
    "app.service": "[Service]\nExecStart=/srv/venv/bin/gunicorn mysite.wsgi\n",
  },
});
