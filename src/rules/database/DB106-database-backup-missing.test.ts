import { ruleTester } from "../tester.js";
import rule from "./DB106-database-backup-missing.js";

const t = ruleTester(rule);
const settings = { "mysite/settings.py": "DEBUG = False\n" };
const pg =
  "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: postgres\nspec:\n  template:\n    spec:\n      containers:\n        - name: pg\n          image: postgres:17\n";
t.fires("a StatefulSet without backups", { files: { ...settings, "k8s/pg.yaml": pg } }, { file: "k8s/pg.yaml", line: 1 });
t.quiet("a CronJob with pg_dump", {
  files: {
    ...settings,
    "k8s/pg.yaml": pg,
    "k8s/backup.yaml":
      "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\nspec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: dump\n              image: postgres:17\n              command: [sh, -c, 'pg_dump $DATABASE_URL > /backups/db.sql']\n",
  },
});
t.quiet("a crontab in the repository", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  db:\n    image: postgres:17\n",
    "deploy/crontab": "15 3 * * * docker compose exec -T db pg_dump -U app app | gzip > /backups/app.sql.gz\n",
  },
});
t.quiet("a managed database", { files: settings });
