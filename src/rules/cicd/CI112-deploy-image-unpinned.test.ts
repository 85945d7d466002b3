import { ruleTester } from "../tester.js";
import rule from "./CI112-deploy-image-unpinned.js";

const settings = { "mysite/settings.py": "DEBUG = False\n" };
const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;
const t = ruleTester(rule);
t.fires(
  "compose :latest",
  { files: { ...settings, "compose.yaml": "services:\n  web:\n    image: registry.example.com/app:latest\n" } },
  { file: "compose.yaml", line: 3, messageId: "floating", message: "compose service web runs registry.example.com/app:latest" },
);
t.fires(
  "compose without a tag",
  { files: { ...settings, "compose.yaml": "services:\n  cache:\n    image: redis\n" } },
  { line: 3, message: "has no tag" },
);
t.fires(
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  "a ${TAG:-latest} default",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  { files: { ...settings, "compose.yaml": "services:\n  web:\n    image: ghcr.io/me/app:${TAG:-latest}\n" } },
  { line: 3, messageId: "floatingDefault", env: ["TAG"] },
);
t.fires(
  "a Kubernetes Deployment",
  { files: { ...settings, "k8s/web.yaml": deployment("ghcr.io/me/app:latest") } },
  { file: "k8s/web.yaml", line: 9, message: "Deployment web (container app)" },
);
t.fires("a tag that names no version", { files: { ...settings, "k8s/web.yaml": deployment("nginx:stable") } }, { message: ":stable" });
t.quiet("release tags, majors and digests", {
  files: {
    ...settings,
    "compose.yaml":
      "services:\n  web:\n    image: registry.example.com/app:1.4.2\n  db:\n    image: postgres:17\n  cache:\n    image: redis:7-alpine\n  proxy:\n    image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
  },
});
t.quiet("a tag chosen at deploy time", {
  files: {
    ...settings,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    "compose.yaml": "services:\n  web:\n    image: ghcr.io/me/app:${GIT_SHA}\n",
    "k8s/web.yaml": deployment("ghcr.io/me/app:v1.4.2"),
  },
});
t.quiet("the name compose tags its own build with", {
  files: { ...settings, "compose.yaml": "services:\n  web:\n    build: .\n    image: app\n" },
});
t.quiet("a development compose file", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  web:\n    image: registry.example.com/app:1.4.2\n",
    "compose.dev.yaml": "services:\n  mailhog:\n    image: mailhog/mailhog\n",
  },
});
t.quiet("a kustomization sets the tag", {
  files: {
    ...settings,
    "k8s/web.yaml": deployment("app"),
    "k8s/kustomization.yaml":
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.yaml\nimages:\n  - name: app\n    newName: ghcr.io/me/app\n    newTag: 1.4.2\n",
  },
});
t.fires(
  "a kustomization that sets latest",
  {
    files: {
      ...settings,
      "k8s/web.yaml": deployment("app"),
      "k8s/kustomization.yaml":
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.yaml\nimages:\n  - name: app\n    newName: ghcr.io/me/app\n    newTag: latest\n",
    },
  },
  { message: "as the kustomization sets it, runs ghcr.io/me/app:latest" },
);
t.quiet("a required compose variable with a message", {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
  files: { ...settings, "compose.yaml": "services:\n  web:\n    image: ghcr.io/me/app:${TAG:?set TAG}\n" },
});
t.fires(
  "Helm values with image.tag latest",
  { files: { ...settings, "chart/values.yaml": "image:\n  repository: ghcr.io/me/app\n  tag: latest\n" } },
  { file: "chart/values.yaml", line: 3, message: "Helm values runs ghcr.io/me/app:latest" },
);
t.fires(
  "Helm values with an empty tag and no appVersion in Chart.yaml",
  {
    files: {
      ...settings,
      "chart/values.yaml": 'image:\n  repository: ghcr.io/me/app\n  tag: ""\n',
      "chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
    },
  },
  { line: 3, message: "has no tag" },
);
t.quiet("Helm values: an empty tag falls back to the chart's appVersion, a release tag", {
  files: {
    ...settings,
    "chart/values.yaml": 'image:\n  repository: ghcr.io/me/app\n  tag: ""\n',
    "chart/Chart.yaml": 'apiVersion: v2\nname: app\nversion: 0.1.0\nappVersion: "1.4.2"\n',
    "chart/values-prod.yaml": "image:\n  repository: ghcr.io/me/app\n  tag: 1.4.2\n",
  },
});
t.quiet("Helm values of a development variant", {
  files: { ...settings, "chart/values-dev.yaml": "image:\n  repository: ghcr.io/me/app\n  tag: latest\n" },
});
