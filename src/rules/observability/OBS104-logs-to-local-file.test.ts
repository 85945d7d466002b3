import { ruleTester } from "../tester.js";
import rule from "./OBS104-logs-to-local-file.js";

const logging = (cls: string) =>
  `LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {"file": {"class": "${cls}", "filename": "/var/log/app.log"}},\n    "root": {"handlers": ["file"]},\n}\n`;
const t = ruleTester(rule);

t.fires(
  "a rotating file handler",
  { files: { "mysite/settings.py": `DEBUG = False\n${logging("logging.handlers.RotatingFileHandler")}` } },
  { file: "mysite/settings.py", line: 2, messageId: "rotating", message: /'file' is a logging\.handlers\.RotatingFileHandler/ },
);
t.fires(
  "a file handler in a container",
  { files: { "mysite/settings.py": logging("logging.FileHandler"), Dockerfile: "FROM python:3.12.12-slim\n" } },
  { line: 1, messageId: "container" },
);
t.quiet("a file handler on a server", { files: { "mysite/settings.py": logging("logging.FileHandler") } });
t.quiet("stdout", { files: { "mysite/settings.py": logging("logging.StreamHandler"), Dockerfile: "FROM python:3.12.12-slim\n" } });
