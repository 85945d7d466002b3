import { fieldOf, namedChildren, type PyNode, textOf } from "../../python/parse.js";
import { literalString, walkNodes } from "../../python/queries.js";
import { defineRule } from "../define.js";

/** Calls that return an environment variable as a str: os.environ.get, os.getenv, env("X") of django-environ, decouple's config("X") without cast. */
const ENV_READ = /^(os\.)?(environ\.get|getenv)$|^env(\.str)?$|^config$/;

/** The variable a call reads the environment for, when `node` is such a read: os.environ.get("X"), os.environ["X"]. */
function environmentRead(node: PyNode): string | undefined {
  if (node.type === "subscript") {
    const value = textOf(fieldOf(node, "value") ?? node).replace(/\s+/g, "");
    if (!/^(os\.)?environ$/.test(value)) return undefined;
    return literalString(fieldOf(node, "subscript"));
  }
  if (node.type !== "call") return undefined;
  const callee = textOf(fieldOf(node, "function") ?? node).replace(/\s+/g, "");
  if (!ENV_READ.test(callee)) return undefined;
  const args = namedChildren(fieldOf(node, "arguments") ?? node);
  // decouple's config(..., cast=bool) and environ's env(..., cast=bool) do parse booleans.
  if (args.some((a) => a.type === "keyword_argument" && textOf(fieldOf(a, "name") ?? a) === "cast")) return undefined;
  return literalString(args[0]);
}

/**
 * Variables that carry a value, not a switch: `if bool(os.environ.get("DATABASE_URL")):` asks
 * whether a URL was given, and any non-empty value is meant to count (plane's settings).
 */
const VALUE_VARIABLE = /(URL|URI|DSN|HOST|HOSTS|PATH|DIR|FILE|KEY|TOKEN|SECRET|PASSWORD|NAME|ID|DOMAIN|ENDPOINT|BUCKET|REGION)$/i;

export default defineRule({
  code: "CFG109",
  slug: "env-bool-always-true",
  area: "config",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings", "python"],
  doc: {
    what: 'The settings turn an environment variable into a boolean with bool(): bool(os.environ.get("DEBUG")), bool(os.getenv("USE_S3", False)).',
    why: "Environment variables are strings, and every non-empty string is true: DEBUG=False, DEBUG=0 and DEBUG=no all switch DEBUG on. The setting can only be turned off by leaving the variable unset or empty, which nobody reading the deployment expects.",
    fix: 'Parse the value: os.environ.get("DEBUG", "").lower() in ("1", "true", "yes"), or env.bool("DEBUG", default=False) with django-environ, or config("DEBUG", cast=bool) with python-decouple.',
    bad: { "mysite/settings.py": 'import os\nDEBUG = bool(os.environ.get("DJANGO_DEBUG", False))\n' },
    good: { "mysite/settings.py": 'import os\nDEBUG = os.environ.get("DJANGO_DEBUG", "").lower() in ("1", "true", "yes")\n' },
    references: [
      "https://docs.python.org/3/library/stdtypes.html#truth-value-testing",
      "https://django-environ.readthedocs.io/en/latest/types.html",
    ],
  },
  messages: {
    bool: 'bool() of the environment variable {variable} is True for any non-empty value, "False" and "0" included',
  },
  check({ project, report }) {
    const { artifacts } = project;
    for (const path of project.settings.evaluation?.files ?? []) {
      const file = artifacts.python(path);
      if (!file) continue;
      walkNodes(file.root, (node) => {
        if (node.type !== "call" || textOf(fieldOf(node, "function") ?? node).replace(/\s+/g, "") !== "bool") return true;
        const [argument, ...rest] = namedChildren(fieldOf(node, "arguments") ?? node);
        const variable = argument && rest.length === 0 ? environmentRead(argument) : undefined;
        if (variable && !VALUE_VARIABLE.test(variable))
          report("bool", { file: path, line: node.line, column: node.column }, { variable }, { env: [variable] });
        return true;
      });
    }
  },
});
