import { ruleTester } from "../tester.js";
import rule from "./CFG105-settings-unreadable.js";

const t = ruleTester(rule);

t.fires(
  "exec() of code read at run time",
  { files: { "mysite/settings.py": 'DEBUG = False\nexec(open("mysite/extra.py").read())\n' } },
  { file: "mysite/settings.py", line: 2, messageId: "unreadable", severity: "info", message: /exec\(\)/ },
);
t.fires(
  "an included split-settings file outside the project",
  {
    files: {
      "mysite/settings.py": 'from split_settings.tools import include\nDEBUG = False\ninclude("/etc/django/extra.py")\n',
    },
  },
  { file: "mysite/settings.py", line: 3, messageId: "unreadable" },
);
t.quiet("exec() of a literal string is read", { files: { "mysite/settings.py": 'exec("DEBUG = False")\n' } });
t.quiet("split-settings includes inside the project are read", {
  files: {
    "mysite/settings.py": 'from split_settings.tools import include, optional\ninclude("parts/*.py", optional("local.py"))\n',
    "mysite/parts/base.py": "DEBUG = False\n",
  },
});
