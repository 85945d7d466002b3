// A second reporter for scripts/run-tests.mjs: writes the tests that really failed (not the named
// todos, not the suites around them) with their errors, so run-tests can print them last, where a
// CI log's tail shows them rather than the todo diffs the spec reporter prints after them.
import { inspect } from "node:util";

export default async function* failures(source) {
  const lines = [];
  for await (const event of source) {
    if (event.type !== "test:fail") continue;
    const { data } = event;
    if (data.todo !== undefined && data.todo !== false) continue;
    if (data.details?.type === "suite") continue;
    const where = data.file ? `${data.file}${data.line ? `:${data.line}` : ""}` : "";
    const error = data.details?.error;
    const cause = error?.cause ?? error;
    const text = cause instanceof Error ? (cause.stack ?? String(cause)) : inspect(cause, { depth: 4 });
    lines.push(`✖ ${data.name}${where ? `  (${where})` : ""}\n${text.slice(0, 4000).replace(/^/gm, "    ")}\n`);
  }
  yield lines.join("\n");
}
