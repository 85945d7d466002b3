import { defineSettingsRule } from "../define.js";

export default defineSettingsRule({
  code: "CFG020",
  slug: "allowed-hosts-empty",
  area: "config",
  severity: "warning",
  djangoCheck: "security.W020",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "ALLOWED_HOSTS is empty in the production settings.",
    why: "With DEBUG off, Django answers every request with 400 Bad Request until ALLOWED_HOSTS names the site; the usual 'fix' under pressure is ['*'], which lets forged Host headers poison password-reset links and caches.",
    fix: "List the host names the site answers to, from the environment: ALLOWED_HOSTS = env.list('ALLOWED_HOSTS').",
    bad: { "mysite/settings.py": "ALLOWED_HOSTS = []\n" },
    good: { "mysite/settings.py": 'ALLOWED_HOSTS = ["www.example.com"]\n' },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts"],
  },
  messages: {
    empty: "ALLOWED_HOSTS is {value}: with DEBUG off, every request is refused",
  },
  test(world) {
    // Django tests truthiness: [""] from "".split(",") is not empty and passes.
    const hosts = world.truthy("ALLOWED_HOSTS");
    if (hosts === undefined) return undefined;
    return hosts ? false : { at: "ALLOWED_HOSTS", messageId: "empty", data: { value: world.repr("ALLOWED_HOSTS") } };
  },
});
