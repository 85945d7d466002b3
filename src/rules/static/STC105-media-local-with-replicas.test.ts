import { ruleTester } from "../tester.js";
import rule from "./STC105-media-local-with-replicas.js";

const t = ruleTester(rule);
const models = { "shop/models.py": "from django.db import models\n\nclass Doc(models.Model):\n    file = models.FileField()\n" };
const deployment = (volumes: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  template:\n    spec:\n      containers:\n        - name: web\n          image: me/app\n          command: [gunicorn, mysite.wsgi]\n${volumes}`;
t.fires(
  "a Deployment with 4 replicas and MEDIA_ROOT in the image",
  { files: { "mysite/settings.py": 'MEDIA_ROOT = "/srv/media"\n', ...models, "k8s/web.yaml": deployment("") } },
  { line: 1, message: /4 replicas/ },
);
t.quiet("a shared volume at MEDIA_ROOT", {
  files: {
    "mysite/settings.py": 'MEDIA_ROOT = "/srv/media"\n',
    ...models,
    "k8s/web.yaml": deployment(
      "          volumeMounts:\n            - name: media\n              mountPath: /srv/media\n      volumes:\n        - name: media\n          persistentVolumeClaim:\n            claimName: media\n",
    ),
  },
});
t.quiet("one replica", {
  files: { "mysite/settings.py": 'MEDIA_ROOT = "/srv/media"\n', ...models, Procfile: "web: gunicorn mysite.wsgi\n" },
});
