import { posix } from "node:path";
import { fieldOf, namedChildren, type PyFile, textOf } from "../../python/parse.js";
import { literalString, walkNodes } from "../../python/queries.js";
import { defineRule } from "../define.js";
import { containsString } from "../world.js";

/** The URL prefix a pattern matches, normalised: "admin/", r"^admin/$" and "^admin" all give "admin". */
function normalisedPrefix(pattern: string): string {
  return pattern.replace(/^\^/, "").replace(/\$$/, "").replace(/\/+$/, "").replace(/^\/+/, "");
}

/** Where the URLconf mounts admin.site.urls at /admin/, if it does. */
function defaultAdminMount(file: PyFile): { line: number; column: number; pattern: string } | undefined {
  let found: { line: number; column: number; pattern: string } | undefined;
  walkNodes(file.root, (node) => {
    if (found) return false;
    if (node.type !== "call") return true;
    const callee = textOf(fieldOf(node, "function") ?? node).replace(/\s+/g, "");
    if (!/(^|\.)(path|re_path|url)$/.test(callee)) return true;
    const args = namedChildren(fieldOf(node, "arguments") ?? node);
    const [first, second] = args;
    if (!first || !second || !/\badmin\.site\.urls\b/.test(textOf(second))) return true;
    const pattern = literalString(first);
    if (pattern !== undefined && normalisedPrefix(pattern) === "admin") found = { line: first.line, column: first.column, pattern };
    return true;
  });
  return found;
}

export default defineRule({
  code: "SEC100",
  slug: "admin-default-url",
  area: "security",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "files", "python"],
  doc: {
    what: "The Django admin is mounted at the default /admin/ path in the root URLconf.",
    why: "Every credential-stuffing and password-spraying bot tries /admin/ first: on the default path the login form of your most powerful accounts takes their whole traffic, and a Django site is fingerprinted at a glance. Moving it is not a defence on its own, but it removes the site from the untargeted scans.",
    fix: "Mount the admin at a path that is not guessable and comes from the environment, e.g. path(settings.ADMIN_URL, admin.site.urls), and protect it further (2FA, rate limiting, an IP allow-list at the proxy).",
    bad: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes"]\nROOT_URLCONF = "mysite.urls"\n',
      "mysite/urls.py":
        'from django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [\n    path("admin/", admin.site.urls),\n]\n',
    },
    good: {
      "mysite/settings.py":
        'import os\nINSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes"]\nROOT_URLCONF = "mysite.urls"\nADMIN_URL = os.environ["DJANGO_ADMIN_URL"]\n',
      "mysite/urls.py":
        "from django.conf import settings\nfrom django.contrib import admin\nfrom django.urls import path\n\nurlpatterns = [\n    path(settings.ADMIN_URL, admin.site.urls),\n]\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf"],
  },
  messages: {
    defaultPath: "The admin is mounted at /admin/ ({pattern}) in {urlconf}, the first path every scanner tries",
  },
  check({ project, report }) {
    const settings = project.settings.actual;
    if (!settings) return;
    const apps = settings.get("INSTALLED_APPS");
    if (!apps || containsString(apps.value, "django.contrib.admin") !== true) return;
    const urlconf = settings.get("ROOT_URLCONF");
    if (urlconf?.value.kind !== "str") return;
    const module = urlconf.value.value;
    const base = (project.root === "." ? "" : `${project.root}/`) + module.split(".").join("/");
    for (const path of [`${base}.py`, posix.join(base, "__init__.py")]) {
      if (!project.files.has(path)) continue;
      const file = project.artifacts.python(path);
      const mount = file ? defaultAdminMount(file) : undefined;
      if (mount)
        report(
          "defaultPath",
          { file: path, line: mount.line, column: mount.column },
          { pattern: JSON.stringify(mount.pattern), urlconf: path },
        );
      return;
    }
  },
});
