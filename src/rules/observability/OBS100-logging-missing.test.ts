import { ruleTester } from "../tester.js";
import rule from "./OBS100-logging-missing.js";

const t = ruleTester(rule);
const STDOUT = '"handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"], "level": "INFO"},\n';

t.fires(
  "no LOGGING",
  { files: { "mysite/settings.py": "DEBUG = False\n" } },
  { file: "mysite/settings.py", line: 1, messageId: "missing" },
);
t.fires(
  "disable_existing_loggers left at dictConfig's default",
  { files: { "mysite/settings.py": `DEBUG = False\nLOGGING = {\n    "version": 1,\n    ${STDOUT}}\n` } },
  { line: 2, messageId: "dropsErrors", message: /disables existing loggers \(by default\)/ },
);
t.fires(
  "disable_existing_loggers True and only an app logger",
  {
    files: {
      "mysite/settings.py": `LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": True,\n    ${STDOUT}    "loggers": {"shop": {"level": "DEBUG"}},\n}\n`,
    },
  },
  { line: 1, messageId: "dropsErrors" },
);
t.quiet("stdout logging that keeps Django's loggers", {
  files: { "mysite/settings.py": `LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    ${STDOUT}}\n` },
});
t.quiet("disables existing loggers but configures django", {
  files: {
    "mysite/settings.py": `LOGGING = {\n    "version": 1,\n    ${STDOUT}    "loggers": {"django": {"handlers": ["console"], "level": "INFO"}},\n}\n`,
  },
});
t.quiet("LOGGING_CONFIG = None: configured elsewhere", { files: { "mysite/settings.py": "LOGGING_CONFIG = None\n" } });
