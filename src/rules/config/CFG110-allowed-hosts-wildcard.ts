import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CFG110",
  slug: "allowed-hosts-wildcard",
  area: "config",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings"],
  doc: {
    what: "ALLOWED_HOSTS contains '*', or falls back to it when its variable is unset.",
    why: "Django then accepts any Host header, and builds absolute URLs from it: a forged Host puts the attacker's domain into password-reset e-mails and cached pages. check --deploy says nothing, since ALLOWED_HOSTS is not empty.",
    fix: "List the host names the site answers to, from the environment with no wildcard default: ALLOWED_HOSTS = env.list('ALLOWED_HOSTS').",
    bad: { "mysite/settings.py": 'import os\nALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")\n' },
    good: { "mysite/settings.py": 'import os\nALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")\n' },
    references: [
      "https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts",
      "https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation",
    ],
  },
  messages: {
    wildcard: "ALLOWED_HOSTS is {value}: any Host header is accepted, so forged hosts reach password-reset links and caches",
  },
  test(world) {
    // validate_host() treats the entry "*" as matching every host (django/http/request.py); a str
    // is iterated character by character, so a "*" anywhere in one is that entry too.
    const hosts = world.contains("ALLOWED_HOSTS", "*");
    if (hosts !== true) return hosts === undefined ? undefined : false;
    return { at: "ALLOWED_HOSTS", messageId: "wildcard", data: { value: world.repr("ALLOWED_HOSTS") } };
  },
});
