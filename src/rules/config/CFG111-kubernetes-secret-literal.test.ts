import { ruleTester } from "../tester.js";
import rule from "./CFG111-kubernetes-secret-literal.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
const workload = (kind: string, env: string) =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/app:1.4.2\n          env:\n${env}`;
const cronJob = (env: string) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: job\n              image: registry.example.com/app:1.4.2\n              env:\n${env}`;
t.fires(
  "a literal password in a StatefulSet",
  {
    files: {
      ...settings,
      "k8s/db.yaml": workload("StatefulSet", "            - name: POSTGRES_PASSWORD\n              value: hunter2hunter2\n"),
    },
  },
  { file: "k8s/db.yaml", line: 12, messageId: "literal", message: /StatefulSet web \(container web\): POSTGRES_PASSWORD .*14 characters/ },
);
t.fires(
  "a database URL with its password in a CronJob",
  {
    files: {
      ...settings,
      "k8s/cron.yaml": cronJob("                - name: DATABASE_URL\n                  value: postgres://app:s3cretpass@db:5432/app\n"),
    },
  },
  { line: 15, messageId: "urlLiteral" },
);
t.fires(
  "a literal API token in Helm values",
  { files: { ...settings, "chart/values.yaml": "image:\n  repository: app\nenv:\n  SENTRY_AUTH_TOKEN: sntrys_abc123def456\n" } },
  { file: "chart/values.yaml", line: 4, messageId: "literal" },
);
t.quiet("valueFrom secretKeyRef, references to other variables, and names that are not secrets", {
  files: {
    ...settings,
    "k8s/web.yaml": workload(
      "Deployment",
      '            - name: DJANGO_SECRET_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: web\n                  key: secret-key\n            - name: DATABASE_URL\n              value: postgres://app:$(DB_PASSWORD)@db/app\n            - name: PASSWORD_RESET_TIMEOUT\n              value: "3600"\n            - name: UPSTREAM_PASS\n              value: http://app:8000\n',
    ),
  },
});
t.quiet("a manifest of a test cluster", {
  files: {
    ...settings,
    "tests/k8s/db.yaml": workload("Deployment", "            - name: POSTGRES_PASSWORD\n              value: postgres\n"),
  },
});
