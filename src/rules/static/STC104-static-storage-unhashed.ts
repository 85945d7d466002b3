import { listHas } from "../../model/production.js";
import { staticStorage } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC104",
  slug: "static-storage-unhashed",
  area: "static",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings"],
  doc: {
    what: "The staticfiles storage does not hash file names: StaticFilesStorage (Django's default) instead of ManifestStaticFilesStorage, WhiteNoise's CompressedManifestStaticFilesStorage or a remote manifest storage.",
    why: "Without content hashes in the names, static files cannot be cached for long: browsers and CDNs either re-download them every time or keep stale CSS and JavaScript after a deploy.",
    fix: "Use a manifest storage: STORAGES['staticfiles'] = {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'} (or django.contrib.staticfiles.storage.ManifestStaticFilesStorage) and cache /static/ for a year.",
    bad: { "mysite/settings.py": 'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "/app/staticfiles"\n' },
    good: {
      "mysite/settings.py":
        'INSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "/app/staticfiles"\nSTORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/staticfiles/#manifeststaticfilesstorage"],
  },
  messages: {
    plain: "static files are stored by {backend}: no hashed names, so they cannot be cached safely",
  },
  check({ project, report }) {
    const settings = project.settings.actual;
    const series = project.django.series;
    if (listHas(settings, "INSTALLED_APPS", "django.contrib.staticfiles") !== true) return;
    const storage = staticStorage(settings, series);
    if (!storage || /manifest|hashed|cached|s3|storages\.|gcloud|azure|cloudinary/i.test(storage.backend)) return;
    report(
      "plain",
      { file: storage.setting.file, line: storage.setting.line },
      { backend: storage.backend.split(".").pop() ?? storage.backend },
      { env: storage.setting.env },
    );
  },
});
