import { Deployment } from "../../model/deployment.js";
import { localMedia, pathInProcess, persistentMountFor } from "../../model/static-serving.js";
import { defineRule } from "../define.js";

export default defineRule({
  code: "STC106",
  slug: "media-ephemeral",
  area: "static",
  severity: "warning",
  since: "0.1.0",
  reads: ["settings", "artifacts", "files", "python"],
  doc: {
    what: "Uploads are written to MEDIA_ROOT inside a container (compose service or Kubernetes pod) with no volume mounted there.",
    why: "A container's filesystem is thrown away when it is recreated: every deploy, crash or reschedule deletes all uploaded files.",
    fix: "Mount a persistent volume at MEDIA_ROOT (compose named volume, PersistentVolumeClaim), or store media in object storage with django-storages.",
    bad: {
      "mysite/settings.py": 'MEDIA_ROOT = "/app/media"\n',
      "shop/models.py":
        "from django.db import models\n\nclass Product(models.Model):\n    photo = models.ImageField(upload_to='products/')\n",
      "compose.yaml": "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n",
    },
    good: {
      "mysite/settings.py": 'MEDIA_ROOT = "/app/media"\n',
      "shop/models.py":
        "from django.db import models\n\nclass Product(models.Model):\n    photo = models.ImageField(upload_to='products/')\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    volumes:\n      - media:/app/media\nvolumes:\n  media:\n",
    },
    references: ["https://docs.docker.com/engine/storage/volumes/"],
  },
  messages: {
    ephemeral: "{name} writes uploads to {path} inside its container, with no volume there: they are lost when the container is replaced",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const settings = project.settings.actual;
    const series = project.django.series;
    const media = localMedia(settings, artifacts.texts("python"), project, series);
    if (!media) return;
    const { absolute, mediaRoot, uploads } = media;
    for (const process of deployment.withRole("web")) {
      if (process.platform !== "compose" && process.platform !== "kubernetes") continue;
      const count = Deployment.count(process);
      // Several replicas are STC105's finding, which says more.
      if (count === null || count > 1) continue;
      const path = pathInProcess(deployment, project, process, absolute);
      if (path ? persistentMountFor(process, path) : process.layout.mounts.some((m) => m.persistent)) continue;
      report(
        "ephemeral",
        { file: mediaRoot?.file ?? null, line: mediaRoot?.line ?? null },
        { name: process.name, path: path ?? "MEDIA_ROOT" },
        {
          related: [
            { file: process.file, line: process.line, message: process.name },
            ...(uploads ? [{ ...uploads, message: "an upload field" }] : []),
          ],
          env: mediaRoot?.env ?? [],
        },
      );
    }
  },
});
