import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CFG018",
  slug: "debug-on",
  area: "config",
  severity: "error",
  djangoCheck: "security.W018",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "DEBUG is true in the production settings.",
    why: "With DEBUG on, every error page shows your settings, source code and local variables to whoever triggers it, and Django keeps every SQL query in memory.",
    fix: "Set DEBUG = False in production; when it comes from the environment, make False the default.",
    bad: { "mysite/settings.py": "DEBUG = True\n" },
    good: { "mysite/settings.py": "DEBUG = False\n" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#debug"],
  },
  messages: {
    on: "DEBUG is {value} in production",
  },
  test(world) {
    // Django tests truthiness: DEBUG = "False" (a non-empty string) is on.
    const on = world.truthy("DEBUG");
    if (on === undefined) return undefined;
    return on ? { at: "DEBUG", messageId: "on", data: { value: world.repr("DEBUG") } } : false;
  },
});
