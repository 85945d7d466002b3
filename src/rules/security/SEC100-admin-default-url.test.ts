import { ruleTester } from "../tester.js";
import rule from "./SEC100-admin-default-url.js";

const SETTINGS =
  'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes"]\nROOT_URLCONF = "mysite.urls"\n';
const urls = (patterns: string) =>
  `from django.contrib import admin\nfrom django.urls import path, re_path\n\nurlpatterns = [\n${patterns}]\n`;
const t = ruleTester(rule);

t.fires(
  "path('admin/')",
  {
    files: {
      "mysite/settings.py": SETTINGS,
      "mysite/urls.py": urls('    path("healthz", lambda r: None),\n    path("admin/", admin.site.urls),\n'),
    },
  },
  { file: "mysite/urls.py", line: 6, messageId: "defaultPath" },
);
t.fires(
  "re_path with an anchored regex",
  { files: { "mysite/settings.py": SETTINGS, "mysite/urls.py": urls('    re_path(r"^admin/", admin.site.urls),\n') } },
  { file: "mysite/urls.py", line: 5 },
);
t.fires(
  "a URLconf package",
  { files: { "mysite/settings.py": SETTINGS, "mysite/urls/__init__.py": urls('    path("admin/", admin.site.urls),\n') } },
  { file: "mysite/urls/__init__.py", line: 5 },
);
t.quiet("a path from the settings", {
  files: {
    "mysite/settings.py": `${SETTINGS}ADMIN_URL = "staff-7c41/"\n`,
    "mysite/urls.py": `from django.conf import settings\n${urls("    path(settings.ADMIN_URL, admin.site.urls),\n")}`,
  },
});
t.quiet("another path", {
  files: { "mysite/settings.py": SETTINGS, "mysite/urls.py": urls('    path("backoffice-2f9a/", admin.site.urls),\n') },
});
t.quiet("the admin app is not installed", {
  files: {
    "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.auth"]\nROOT_URLCONF = "mysite.urls"\n',
    "mysite/urls.py": urls('    path("admin/", admin.site.urls),\n'),
  },
});
t.quiet("suppressed inline", {
  files: {
    "mysite/settings.py": SETTINGS,
    "mysite/urls.py": urls('    path("admin/", admin.site.urls),  # djship: ignore[SEC100] behind an IP allow-list\n'),
  },
});
