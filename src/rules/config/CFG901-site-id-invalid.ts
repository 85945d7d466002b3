import { atLeast } from "../../django/versions.js";
import { defineSettingsRule } from "../define.js";

const APPS = 'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.sites"]\n';

export default defineSettingsRule({
  code: "CFG901",
  slug: "site-id-invalid",
  area: "config",
  severity: "error",
  djangoCheck: "sites.E101",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "django.contrib.sites is installed and SITE_ID is not an integer (for example the string '1' read from the environment).",
    why: "Site.objects.get_current() looks the site up by this primary key: a string never matches, or fails, on every request that needs the current site.",
    fix: "Convert the value: SITE_ID = int(os.environ.get('SITE_ID', '1')).",
    bad: { "mysite/settings.py": `${APPS}SITE_ID = "1"\n` },
    good: { "mysite/settings.py": `${APPS}SITE_ID = 1\n` },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#site-id"],
  },
  messages: {
    invalid: "SITE_ID is {value}, not an integer",
  },
  test(world) {
    // sites/checks.py check_site_id, registered by SitesConfig.ready(); SITE_ID has no global
    // default, so `hasattr(settings, "SITE_ID")` means the settings module set it.
    const installed = world.installed("django.contrib.sites");
    if (installed === false || !world.has("SITE_ID")) return false;
    const value = world.value("SITE_ID");
    let valid: boolean;
    if (value.kind === "none" || value.kind === "int" || value.kind === "bool") valid = true;
    // 6.1 validates with Site._meta.pk.to_python(): int(value) must equal the value.
    else if (value.kind === "float") valid = atLeast(world.series, "6.1") && Number.isInteger(value.value);
    else if (["str", "bytes", "list", "tuple", "dict", "set", "path"].includes(value.kind)) valid = false;
    else return undefined;
    if (valid) return false;
    if (installed === undefined) return undefined;
    return { at: "SITE_ID", messageId: "invalid", data: { value: world.repr("SITE_ID") } };
  },
});
