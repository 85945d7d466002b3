// The settings survey (docs/survey.md): every settings module of every repository under a folder
// (one sub-folder per repository, and a COMMITS file of "name commit" lines), read by the built
// evaluator for any environment, with every variable unset, and with only DJANGO_SETTINGS_MODULE set.
// Usage: npm run build && OUT=result.json node scripts/survey-settings.mjs FOLDER [NAME...]
import { readFileSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";

const D = new URL("../dist/src", import.meta.url).href;
const { Workspace } = await import(`${D}/discover/workspace.js`);
const { discoverProjects } = await import(`${D}/discover/projects.js`);
const { projectSource } = await import(`${D}/model/artifacts.js`);
const { evaluateSettingsModule } = await import(`${D}/model/settings.js`);
const { settingEntry } = await import(`${D}/report/settings-json.js`);
const { loadPythonParser } = await import(`${D}/python/parse.js`);
const parser = await loadPythonParser();
const base = process.argv[2];
const only = process.argv.slice(3);
const commits = readFileSync(join(base, "COMMITS"), "utf8")
  .trim()
  .split("\n")
  .map((l) => l.split(" "));
const SETTINGS = /(^|\/)settings\/.*\.py$|(^|\/)(\w+_)?settings(_\w+)?\.py$/;
const NOT_SETTINGS =
  /(^|\/)settings\/(.*\/)?(api|serializers|views|urls|models|apps|admin|tasks|signals|notifications|tools|utils|forms|handlers|migrations)(\/|\.py$)|\.(dist|example|sample)\.py$|(^|\/)settings\/.*\/(tests?|fixtures)\//;
const SKIP = /(^|\/)(tests?|docs?|node_modules|migrations|site-packages|\.venv|venv|templates?|\{\{[^/]*\}\})\//;
const results = [];
for (const [name, commit] of commits) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const root = join(base, name);
  let workspace;
  try {
    workspace = Workspace.open(root);
  } catch (e) {
    results.push({ repo: name, commit, error: String(e) });
    continue;
  }
  const projects = discoverProjects(workspace, parser, {});
  const repo = { repo: name, commit, projects: [] };
  for (const project of projects) {
    const source = projectSource(workspace, parser, project.root);
    const files = workspace.allFiles.filter(
      (f) =>
        f.endsWith(".py") &&
        SETTINGS.test(f) &&
        !SKIP.test(f) &&
        !NOT_SETTINGS.test(f) &&
        (project.root === "." || f.startsWith(`${project.root}/`)),
    );
    const modules = new Map();
    for (const file of files) {
      const abs = posix.join(workspace.root, file);
      for (const importRoot of source.importRoots) {
        if (!abs.startsWith(`${importRoot}/`)) continue;
        const module = abs
          .slice(importRoot.length + 1)
          .replace(/\.py$/, "")
          .replace(/\/__init__$/, "")
          .split("/")
          .join(".");
        if (/^[\w.]+$/.test(module)) {
          modules.set(module, file);
          break;
        }
      }
    }
    const chosen = project.settings?.module;
    if (chosen && !modules.has(chosen)) modules.set(chosen, project.settings.file ?? "?");
    const out = { root: project.root, chosen: chosen ?? null, importRoots: source.importRoots, modules: [] };
    for (const [module, file] of [...modules].sort()) {
      let evaluation;
      let anyEnv;
      let exact;
      const started = Date.now();
      try {
        anyEnv = evaluateSettingsModule({ source, settingsModule: module, djangoVersion: "4.2", environment: { kind: "any" } });
        evaluation = evaluateSettingsModule({ source, settingsModule: module, djangoVersion: "4.2", environment: { kind: "unset" } });
        exact = evaluateSettingsModule({
          source,
          settingsModule: module,
          djangoVersion: "4.2",
          environment: { kind: "exact", variables: new Map([["DJANGO_SETTINGS_MODULE", module]]) },
        });
      } catch (error) {
        out.modules.push({ module, file, crash: String(error?.stack ?? error).slice(0, 600) });
        continue;
      }
      const explicit = [...evaluation.settings.values()].filter((s) => !s.isDefault);
      const unknown = [];
      for (const s of explicit) {
        const entry = settingEntry(s);
        if (!entry.known) unknown.push({ name: s.name, reason: entry.reason ?? "" });
      }
      out.modules.push({
        module,
        file,
        ms: Date.now() - started,
        loadError: evaluation.loadError,
        anyLoadError: anyEnv.loadError,
        exactLoadError: exact.loadError,
        limit: evaluation.limit ?? anyEnv.limit,
        unreadable: [...anyEnv.unreadable, ...evaluation.unreadable].map((u) => ({
          reason: u.reason,
          at: `${u.origin.file}:${u.origin.line}`,
        })),
        explicit: explicit.length,
        unknown,
      });
    }
    repo.projects.push(out);
  }
  results.push(repo);
  process.stderr.write(`${name}: ${repo.projects.reduce((n, p) => n + p.modules.length, 0)} modules\n`);
}
writeFileSync(process.env.OUT ?? "/tmp/surveyjs/result.json", JSON.stringify(results, null, 1));
