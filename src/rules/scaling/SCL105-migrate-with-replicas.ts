import { Deployment, type Process, type Step } from "../../model/deployment.js";
import { defineRule } from "../define.js";
import { oncePerPlace, processNames } from "../grouping.js";

export default defineRule({
  code: "SCL105",
  slug: "migrate-with-replicas",
  area: "scaling",
  severity: "warning",
  since: "0.1.0",
  reads: ["artifacts"],
  doc: {
    what: "A process runs `manage.py migrate` as it starts (command, entrypoint script) and is declared with more than one replica.",
    why: "Every replica migrates at the same time on each deploy: two processes apply the same migration concurrently, one fails with `relation already exists` or a lock timeout, and its container crash-loops.",
    fix: "Migrate once per release in a separate step (a Kubernetes Job or Helm hook, a compose one-shot service, a release command) and start the web replicas without it.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  web:\n    image: me/app\n    command: sh -c 'python manage.py migrate --noinput && gunicorn mysite.wsgi'\n    deploy:\n      replicas: 3\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml":
        "services:\n  migrate:\n    image: me/app\n    command: python manage.py migrate --noinput\n  web:\n    image: me/app\n    command: gunicorn mysite.wsgi\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n    deploy:\n      replicas: 3\n",
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/migrations/"],
  },
  messages: {
    concurrent: "{name} {runs} migrate on start and {has} {count} replicas: they migrate concurrently on every deploy",
  },
  check({ project, report }) {
    const { deployment } = project;
    const hits: { process: Process; count: number; migrate: Step }[] = [];
    for (const process of deployment.withRole("web", "worker", "beat")) {
      const count = Deployment.count(process);
      if (count === null || count <= 1) continue;
      const migrate = process.steps.find((s) => s.program.kind === "manage" && s.program.command === "migrate");
      if (migrate) hits.push({ process, count, migrate });
    }
    // An entrypoint script that compose and Kubernetes both run migrates in one place: one finding.
    for (const group of oncePerPlace(hits, (h) => h.migrate)) {
      const first = group[0] as (typeof hits)[number];
      report(
        "concurrent",
        first.migrate,
        {
          ...processNames(group.map((h) => h.process.name)),
          count: [...new Set(group.map((h) => h.count))].sort((x, y) => x - y).join(" and "),
        },
        {
          related: group.map(({ process, count }) => ({
            file: process.replicas?.file ?? process.file,
            line: process.replicas?.line ?? process.line,
            message: `${process.name}: ${count} replicas`,
          })),
        },
      );
    }
  },
});
