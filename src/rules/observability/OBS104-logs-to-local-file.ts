import { hashKey, str, type Value } from "../../python/value.js";
import { defineRule } from "../define.js";

const FILE_HANDLERS = new Set([
  "logging.FileHandler",
  "logging.handlers.RotatingFileHandler",
  "logging.handlers.TimedRotatingFileHandler",
  "logging.handlers.WatchedFileHandler",
]);

function entry(dict: Value | undefined, key: string): Value | undefined {
  if (dict?.kind !== "dict") return undefined;
  const hash = hashKey(str(key));
  return hash ? dict.entries.get(hash)?.value : undefined;
}

export default defineRule({
  code: "OBS104",
  slug: "logs-to-local-file",
  area: "observability",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts"],
  doc: {
    what: "LOGGING writes to a local file: a rotating file handler, or any file handler in a project that runs in containers.",
    why: "Python's rotating handlers are not safe across processes: every Gunicorn worker rotates the file on its own and log lines are lost or interleaved. In a container the file disappears with the container, and no log platform collects it.",
    fix: "Log to stdout with a StreamHandler and let the platform (docker logs, journald, the Kubernetes log collector) keep and ship the logs; if a file is required, use WatchedFileHandler with logrotate.",
    bad: {
      "mysite/settings.py":
        'LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {"file": {"class": "logging.handlers.RotatingFileHandler", "filename": "/var/log/app.log", "maxBytes": 10485760}},\n    "root": {"handlers": ["file"]},\n}\n',
    },
    good: {
      "mysite/settings.py":
        'LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {"console": {"class": "logging.StreamHandler"}},\n    "root": {"handlers": ["console"]},\n}\n',
    },
    references: [
      "https://docs.python.org/3/howto/logging-cookbook.html#logging-to-a-single-file-from-multiple-processes",
      "https://12factor.net/logs",
    ],
  },
  messages: {
    rotating: "LOGGING handler '{handler}' is a {cls}: each worker process rotates the file on its own and log lines are lost",
    container: "LOGGING handler '{handler}' writes to a file inside the container ({cls}): the logs go when the container does",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const settings = project.settings.actual;
    const logging = settings?.get("LOGGING");
    if (!logging || logging.isDefault) return;
    const handlers = entry(logging.value, "handlers");
    if (handlers?.kind !== "dict") return;
    const inContainer = artifacts.dockerfiles().length > 0;
    for (const handler of handlers.entries.values()) {
      const cls = entry(handler.value, "class");
      if (handler.key.kind !== "str" || cls?.kind !== "str" || !FILE_HANDLERS.has(cls.value)) continue;
      const data = { handler: handler.key.value, cls: cls.value };
      if (/Rotating/.test(cls.value)) report("rotating", { file: logging.file, line: logging.line }, data);
      else if (inContainer && cls.value !== "logging.handlers.WatchedFileHandler")
        report("container", { file: logging.file, line: logging.line }, data);
    }
  },
});
