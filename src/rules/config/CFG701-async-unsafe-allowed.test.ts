import { ruleTester } from "../tester.js";
import rule from "./CFG701-async-unsafe-allowed.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);
t.fires(
  "set in the exact environment",
  { files: SETTINGS, environment: { DJANGO_ALLOW_ASYNC_UNSAFE: "true" } },
  {
    djangoCheck: "async.E001",
    env: ["DJANGO_ALLOW_ASYNC_UNSAFE"],
  },
);
t.fires(
  "baked into the image, for any environment",
  { files: { ...SETTINGS, Dockerfile: "FROM python:3.12\nENV DJANGO_ALLOW_ASYNC_UNSAFE=1\n" } },
  { file: "Dockerfile", line: 2, djangoCheck: null },
);
t.quiet("empty is unset for os.environ.get()", { files: SETTINGS, environment: { DJANGO_ALLOW_ASYNC_UNSAFE: "" } });
t.quiet("an exact environment decides over the image", {
  files: { ...SETTINGS, Dockerfile: "FROM python:3.12\nENV DJANGO_ALLOW_ASYNC_UNSAFE=1\n" },
  environment: {},
});
