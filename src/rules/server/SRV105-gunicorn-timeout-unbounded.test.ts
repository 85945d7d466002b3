import { ruleTester } from "../tester.js";
import rule from "./SRV105-gunicorn-timeout-unbounded.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
t.fires(
  "a huge timeout in gunicorn.conf.py",
  {
    files: {
      ...settings,
      Procfile: "web: gunicorn mysite.wsgi -c gunicorn.conf.py\n",
      "gunicorn.conf.py": "workers = 3\ntimeout = 60 * 60\n",
    },
  },
  { file: "gunicorn.conf.py", line: 2, messageId: "huge", message: /3600-second/ },
);
t.fires("-t 0", { files: { ...settings, Procfile: "web: gunicorn -t 0 mysite.wsgi\n" } }, { messageId: "disabled", line: 1 });
t.quiet("the default", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi\n" } });
// biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
t.quiet("a timeout from an unknown variable", { files: { ...settings, Procfile: "web: gunicorn mysite.wsgi --timeout ${TIMEOUT}\n" } });
