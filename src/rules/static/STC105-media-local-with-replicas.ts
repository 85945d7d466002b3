import { Deployment } from "../../model/deployment.js";
import { localMedia, pathInProcess, persistentMountFor } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC105",
  slug: "media-local-with-replicas",
  area: "static",
  severity: "error",
  since: "0.1.0",
  reads: ["settings", "artifacts", "files", "python"],
  doc: {
    what: "Uploads are written to MEDIA_ROOT on the local disk while the web process runs several replicas without a shared volume there.",
    why: "Each replica writes uploads to its own disk: a file uploaded through one replica is missing (404) on every request another replica answers, and all of them vanish when the containers are replaced.",
    fix: "Store media in object storage (django-storages with S3, GCS or Azure), or mount one shared volume at MEDIA_ROOT in every replica.",
    bad: {
      "mysite/settings.py": 'MEDIA_ROOT = "/app/media"\n',
      "shop/models.py":
        "from django.db import models\n\nclass Product(models.Model):\n    photo = models.ImageField(upload_to='products/')\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      replicas: 3\n",
    },
    good: {
      "mysite/settings.py":
        'MEDIA_ROOT = "/app/media"\nSTORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}\n',
      "shop/models.py":
        "from django.db import models\n\nclass Product(models.Model):\n    photo = models.ImageField(upload_to='products/')\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    deploy:\n      replicas: 3\n",
    },
    references: ["https://django-storages.readthedocs.io/", "https://docs.djangoproject.com/en/stable/topics/files/"],
  },
  messages: {
    replicas: "{name} runs {count} replicas and uploads go to {path} on each replica's own disk",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const settings = project.settings.actual;
    const series = project.django.series;
    const media = localMedia(settings, artifacts.texts("python"), project, series);
    if (!media) return;
    const { absolute, mediaRoot, uploads } = media;
    for (const process of deployment.withRole("web")) {
      const count = Deployment.count(process);
      if (count === null || count <= 1 || !process.layout.ephemeral) continue;
      const path = pathInProcess(deployment, project, process, absolute);
      const mount = path ? persistentMountFor(process, path) : undefined;
      if (mount?.shared) continue;
      if (!path && process.layout.mounts.some((m) => m.persistent)) continue;
      const related = [
        { file: process.replicas?.file ?? process.file, line: process.replicas?.line ?? process.line, message: `${count} replicas` },
      ];
      if (uploads) related.push({ ...uploads, message: "an upload field" });
      report(
        "replicas",
        { file: mediaRoot?.file ?? null, line: mediaRoot?.line ?? null },
        { name: process.name, count, path: path ?? "MEDIA_ROOT" },
        { related, env: mediaRoot?.env ?? [] },
      );
    }
  },
});
