import type { Artifacts } from "../../model/artifacts.js";
import { deployPathMentions } from "../../model/production.js";
import { defineRule } from "../define.js";

const BACKUP =
  /\b(pg_dump|pg_dumpall|pg_basebackup|pgbackrest|wal-g|wal-e|barman|mysqldump|mariadb-dump|xtrabackup|dbbackup|restic|borg)\b/;
const BACKUP_IMAGE = /backup|pgbackrest|wal-g|barman/i;

/**
 * Compose services and Kubernetes containers whose own command runs a backup tool, in every file
 * (an override such as compose.backup.yaml included). Such a service often uses the postgres image
 * for its pg_dump, so the deployment lists it as a database: it is the backup, not one more database.
 */
function backupJobs(artifacts: Artifacts): { file: string; name: string }[] {
  const jobs: { file: string; name: string }[] = [];
  for (const file of artifacts.compose())
    for (const service of file.services) {
      const words = [...(service.entrypoint?.words ?? []), ...(service.command?.words ?? [])];
      if (BACKUP.test(words.join(" "))) jobs.push({ file: file.path, name: service.name });
    }
  for (const file of artifacts.kubernetes())
    for (const workload of file.workloads)
      for (const container of [...workload.containers, ...workload.initContainers])
        if (BACKUP.test([...(container.command ?? []), ...(container.args ?? [])].join(" ")))
          jobs.push({ file: file.path, name: workload.name });
  return jobs;
}

export default defineRule({
  code: "DB106",
  slug: "database-backup-missing",
  area: "database",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "The deployment runs its own PostgreSQL or MySQL (a compose service or Kubernetes workload) and nothing in the repository backs it up: no pg_dump/mysqldump job, CronJob, timer, backup image or tool (pgBackRest, WAL-G, django-dbbackup).",
    why: "A self-hosted database's only copy sits on one volume: a bad migration, a deleted volume or a disk failure loses every row, and there is nothing to restore.",
    fix: "Schedule backups and test restores: a CronJob or systemd timer running pg_dump to off-host storage, pgBackRest/WAL-G for point-in-time recovery, or a managed database with automated backups.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata:\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  db:\n    image: postgres:17\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n  backup:\n    image: prodrigestivill/postgres-backup-local:17\n    environment:\n      POSTGRES_HOST: db\n      SCHEDULE: '@daily'\nvolumes:\n  pgdata:\n",
    },
    references: ["https://www.postgresql.org/docs/current/backup.html"],
  },
  messages: {
    missing: "{name} runs {kind} in the deployment and nothing in the repository backs it up",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const jobs = backupJobs(artifacts);
    const databases = deployment
      .servicesOf("postgres", "mysql")
      .filter((db) => !jobs.some((job) => job.file === db.file && job.name === db.name));
    if (databases.length === 0) return;
    const backedUp =
      jobs.length > 0 ||
      deployPathMentions(artifacts, BACKUP).length > 0 ||
      deployment.steps().some(({ step }) => BACKUP.test(step.argv.join(" "))) ||
      deployment.production.some((p) => BACKUP_IMAGE.test(p.image ?? "")) ||
      deployment.compose.some((c) => c.services.some((s) => BACKUP_IMAGE.test(s.image?.value ?? ""))) ||
      artifacts.dependencies().has("django-dbbackup");
    if (backedUp) return;
    for (const db of databases) report("missing", db, { name: db.name, kind: db.kind === "postgres" ? "PostgreSQL" : "MySQL" });
  },
});
