import { posix } from "node:path";
import type { Process } from "../../model/deployment.js";

/** Task-queue packages and what runs their workers. */
export const TASK_QUEUES: { name: string; packages: string[]; worker: string; mention: RegExp }[] = [
  {
    name: "Celery",
    packages: ["celery"],
    worker: "celery -A proj worker",
    // `celery -A proj worker`, ["celery", "-A", "proj", "worker"], a start script named for it.
    mention: /\bcelery\b.*\bworker\b|start[-_]?celery[-_]?worker|celery[-_]worker\.(sh|service|conf)/i,
  },
  { name: "RQ", packages: ["rq", "django-rq"], worker: "python manage.py rqworker", mention: /\brqworker\b|\brq\b["',\s]+worker\b/ },
  { name: "Huey", packages: ["huey"], worker: "python manage.py run_huey", mention: /\brun_huey\b|\bhuey_consumer\b/ },
  { name: "Django-Q", packages: ["django-q", "django-q2"], worker: "python manage.py qcluster", mention: /\bqcluster\b/ },
  {
    name: "Dramatiq",
    packages: ["dramatiq", "django-dramatiq"],
    worker: "python manage.py rundramatiq",
    mention: /\brundramatiq\b|\bdramatiq\s+\S+\.tasks?\b/,
  },
];

/**
 * Processes that make up one deployment together: a compose stack (per folder), the Kubernetes
 * manifests, one Procfile, systemd or supervisor. Different platforms are alternative deployments.
 */
export function stacks(processes: readonly Process[]): Process[][] {
  const groups = new Map<string, Process[]>();
  for (const process of processes) {
    if (process.platform === "dockerfile") continue;
    const key =
      process.platform === "compose"
        ? `compose:${posix.dirname(process.file)}`
        : process.platform === "kubernetes"
          ? "kubernetes"
          : process.platform === "systemd"
            ? "systemd"
            : `${process.platform}:${process.file}`;
    groups.set(key, [...(groups.get(key) ?? []), process]);
  }
  return [...groups.values()];
}

/** Whether a process schedules Celery beat: `celery beat`, or a worker with -B/--beat. */
export function runsBeat(process: Process): boolean {
  const step = process.main;
  if (!step) return false;
  if (step.program.kind === "celery")
    return (
      step.program.command === "beat" ||
      (step.program.command === "worker" && (step.program.options.values.has("-B") || step.program.options.values.has("--beat")))
    );
  return step.program.kind === "rq" && step.program.command === "scheduler";
}
