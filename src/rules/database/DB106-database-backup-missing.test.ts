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
t.quiet("a compose service on the postgres image running pg_dump is the backup, not a second database", {
  files: {
    ...settings,
    "compose.yaml":
      "services:\n  db:\n    image: postgres:17\n  backup:\n    image: postgres:17\n    command: sh -c 'while true; do pg_dump -h db -U app app > /backups/db.sql; sleep 86400; done'\n    volumes:\n      - ./backups:/backups\n",
  },
});
t.quiet("pg_dump in an exec-form command", {
  files: {
    ...settings,
    "compose.yaml":
      'services:\n  db:\n    image: postgres:17\n  dbbackup:\n    image: postgres:17\n    entrypoint: ["/bin/sh", "-c"]\n    command: ["pg_dump -h db app | gzip > /b/x.gz"]\n',
  },
});
t.quiet("a backup service in a compose file of its own", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  db:\n    image: postgres:17\n",
    "compose.backup.yaml": "services:\n  pgbackups:\n    image: postgres:17\n    command: pg_dump -h db app -f /b/db.sql\n",
  },
});
t.quiet("a systemd unit running pg_dump", {
  files: {
    ...settings,
    "compose.yaml": "services:\n  db:\n    image: postgres:17\n",
    "deploy/systemd/backup.service":
      "[Service]\nType=oneshot\nExecStart=/usr/bin/docker compose exec -T db pg_dump -U app app -f /backups/app.sql\n",
    "deploy/systemd/backup.timer": "[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\n",
  },
});
t.fires(
  "a postgres service that only serves is still a database",
  { files: { ...settings, "compose.yaml": "services:\n  db:\n    image: postgres:17\n    command: postgres -c max_connections=200\n" } },
  { line: 2 },
);
