import { ruleTester } from "../tester.js";
import rule from "./CI105-dockerfile-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires("nothing describes the build", { files: SETTINGS }, { messageId: "none", severity: "info" });
t.quiet("a Dockerfile in a subfolder", { files: { ...SETTINGS, "docker/app.Dockerfile": "FROM python:3.12.12-slim\n" } });
t.quiet("a Procfile for a buildpack", { files: { ...SETTINGS, Procfile: "web: gunicorn mysite.wsgi\n" } });
