import { type Document, isScalar, type Node, Scalar } from "yaml";
import { entriesOf, get, items, text } from "../yaml/merge.js";
import { lineOf, parseYaml, type YamlFile } from "../yaml/parse.js";
import { type CiAction, classifyShell, type ScriptReader, withoutLocalClusterDeploys } from "./commands.js";
import type { CiJob, CiPipeline, CiStep, CiTrigger } from "./pipeline.js";

/** The line a scalar's content starts on: a block scalar (`command: |`) starts on the line after its indicator. */
function contentLine(file: YamlFile, node: Node | undefined): number {
  const line = lineOf(file, node);
  if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED)) return line + 1;
  return line;
}

/**
 * What an orb's job or command does, by its name (`heroku/deploy-via-git`, `aws-ecr/build-and-push-image`,
 * `python/test`): orbs are not in the repository, their names are all there is.
 */
function orbActions(name: string, line: number): CiAction[] {
  if (!name.includes("/")) return [];
  const [orb = "", command = ""] = name.toLowerCase().split("/");
  if (/deploy|release|rollout/.test(command) && !/status|docs|pages/.test(command)) return [{ kind: "deploy", tool: name, line }];
  if (/push/.test(command))
    return [
      { kind: "build-image", tool: name, line },
      { kind: "push-image", tool: name, line },
    ];
  if (/^(test|tests|pytest|tox)$/.test(command) || (orb === "python" && /test/.test(command))) return [{ kind: "test", tool: name, line }];
  return [];
}

function stepsOf(file: YamlFile, document: Document.Parsed, job: Node | undefined, readScript?: ScriptReader): CiStep[] {
  const steps: CiStep[] = [];
  for (const step of items(document, get(document, job, "steps"))) {
    const line = lineOf(file, step);
    const bare = text(document, step);
    if (bare !== undefined) {
      steps.push({ name: bare, line, uses: bare.includes("/") ? bare : null, actions: orbActions(bare, line) });
      continue;
    }
    for (const entry of entriesOf(document, step)) {
      if (entry.key === "run") {
        const command = text(document, entry.value) ?? text(document, get(document, entry.value, "command"));
        const commandNode = text(document, entry.value) !== undefined ? entry.value : get(document, entry.value, "command");
        const actions = command === undefined ? [] : classifyShell(command, contentLine(file, commandNode), readScript);
        steps.push({ name: text(document, get(document, entry.value, "name")) ?? null, line, uses: null, actions });
      } else {
        steps.push({ name: entry.key, line, uses: entry.key.includes("/") ? entry.key : null, actions: orbActions(entry.key, line) });
      }
    }
  }
  return withoutLocalClusterDeploys(steps);
}

/**
 * Parses a CircleCI config (.circleci/config.yml): the jobs of every workflow, with `requires` as
 * needs and their branch filters; orb jobs and commands classified by name. Never throws.
 */
export function parseCircleCi(path: string, source: string, readScript?: ScriptReader): CiPipeline {
  const file = parseYaml(path, source);
  const document = file.documents[0];
  const empty: CiPipeline = { path, provider: "circleci", name: null, triggers: [], jobs: [], problems: file.errors };
  if (!document) return empty;
  const root = document.contents;
  const definitions = new Map(entriesOf(document, get(document, root, "jobs")).map((e) => [e.key, e]));
  const jobs: CiJob[] = [];
  const triggers: CiTrigger[] = [];
  const workflows = entriesOf(document, get(document, root, "workflows")).filter((w) => w.key !== "version");
  const instance = (workflow: string, name: string, line: number, definition: string, config: Node | undefined): CiJob => {
    const defined = definitions.get(definition);
    const steps = defined
      ? stepsOf(file, document, defined.value, readScript)
      : [{ name: definition, line, uses: definition, actions: orbActions(definition, line) }];
    const manual = text(document, get(document, config, "type")) === "approval";
    const branches = get(document, config, "filters", "branches");
    const only =
      text(document, get(document, branches, "only")) ??
      items(document, get(document, branches, "only"))
        .map((n) => text(document, n))
        .join(", ");
    return {
      id: `${workflow}/${name}`,
      name,
      line: defined ? lineOf(file, defined.keyNode) : line,
      needs: items(document, get(document, config, "requires"))
        .map((n) => text(document, n))
        .filter((n): n is string => n !== undefined)
        .map((n) => `${workflow}/${n}`),
      stage: null,
      manual,
      condition: only ? `branches: ${only}` : null,
      environment: null,
      calls: null,
      steps,
    };
  };
  for (const workflow of workflows) {
    for (const item of items(document, get(document, workflow.value, "jobs"))) {
      const line = lineOf(file, item);
      const bare = text(document, item);
      if (bare !== undefined) {
        jobs.push(instance(workflow.key, bare, line, bare, undefined));
        continue;
      }
      for (const entry of entriesOf(document, item)) {
        const name = text(document, get(document, entry.value, "name")) ?? entry.key;
        jobs.push(instance(workflow.key, name, line, entry.key, entry.value));
      }
    }
    const scheduled = items(document, get(document, workflow.value, "triggers")).length > 0;
    triggers.push({ kind: scheduled ? "schedule" : "push", branches: null, line: lineOf(file, workflow.keyNode) });
  }
  // Version 2.0 without workflows runs the job called `build` on every push.
  if (workflows.length === 0) {
    for (const [name, definition] of definitions)
      jobs.push({ ...instance("jobs", name, lineOf(file, definition.keyNode), name, undefined), needs: [] });
    triggers.push({ kind: "push", branches: null, line: 1 });
  }
  return { ...empty, triggers, jobs };
}

/**
 * Heroku CI as app.json declares it: `environments.test.scripts.test` (after `test-setup`) runs on
 * every push to a pipeline's app. Undefined when app.json declares no test script.
 */
export function parseHerokuCi(path: string, source: string, readScript?: ScriptReader): CiPipeline | undefined {
  const file = parseYaml(path, source);
  const document = file.documents[0];
  if (!document) return undefined;
  const scripts = get(document, document.contents, "environments", "test", "scripts");
  const steps: CiStep[] = [];
  for (const key of ["test-setup", "test"]) {
    const node = get(document, scripts, key);
    const command = text(document, node);
    if (command === undefined) continue;
    steps.push({ name: key, line: lineOf(file, node), uses: null, actions: classifyShell(command, lineOf(file, node), readScript) });
  }
  if (steps.length === 0) return undefined;
  const line = lineOf(file, get(document, document.contents, "environments"));
  const job: CiJob = {
    id: "test",
    name: "Heroku CI test",
    line,
    needs: [],
    stage: null,
    manual: false,
    condition: null,
    environment: null,
    calls: null,
    steps,
  };
  return { path, provider: "heroku-ci", name: "Heroku CI", triggers: [{ kind: "push", branches: null, line }], jobs: [job], problems: [] };
}
