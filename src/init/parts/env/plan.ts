import { inProject } from "../../detect.js";
import type { EnvironmentVariable } from "../../types.js";
import { systemdName } from "../systemd/plan.js";
import type { PartContext, PartResult } from "../types.js";

/** `.env.example`: every variable the production setup reads, each with its comment. */
export function planEnvExample(context: PartContext, variables: readonly EnvironmentVariable[]): PartResult {
  const compose = context.targets.includes("compose");
  const lines = [
    "# The environment of the production setup `djship init` wrote. Copy to .env (never commit it) and",
    compose
      ? "# fill in the secrets; every other value works as written for the compose setup."
      : `# fill in the secrets; every other value works as written for the systemd units, which reach
# PostgreSQL, Redis${context.djangoPool ? "" : " and pgbouncer"} on this machine: install it as /etc/${systemdName(context)}/env.`,
    "",
  ];
  for (const variable of variables) {
    const flags = [variable.required ? "required" : "optional", ...(variable.secret ? ["secret"] : [])].join(", ");
    lines.push(`# ${variable.description} (${flags})`);
    lines.push(`${variable.name}=${variable.example}`);
    lines.push("");
  }
  return {
    proposals: [
      {
        path: inProject(context.model.project.root, ".env.example"),
        content: `${lines.join("\n").trimEnd()}\n`,
        ownership: "generated",
        part: "env",
        reason: "every variable production reads, with what it is for",
      },
    ],
  };
}
