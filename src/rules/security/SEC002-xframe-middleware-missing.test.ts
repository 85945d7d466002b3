import { ruleTester } from "../tester.js";
import rule from "./SEC002-xframe-middleware-missing.js";

const t = ruleTester(rule);
t.fires(
  "no XFrameOptionsMiddleware",
  { files: { "app/settings.py": 'MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\n' } },
  {
    line: 1,
    djangoCheck: "security.W002",
  },
);
t.fires(
  "removed on one path only: possible, not Django's",
  {
    files: {
      "app/settings.py":
        'import socket\nMIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]\nif socket.gethostname() == "a":\n    MIDDLEWARE = []\n',
    },
  },
  { djangoCheck: null, message: /on one path/ },
);
t.quiet("installed", { files: { "app/settings.py": 'MIDDLEWARE = ["django.middleware.clickjacking.XFrameOptionsMiddleware"]\n' } });
