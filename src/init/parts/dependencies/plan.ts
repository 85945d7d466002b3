import { atLeast } from "../../../django/versions.js";
import { collectDependencies, Dependencies } from "../../../model/dependencies.js";
import { InputError } from "../../../util/errors.js";
import { inProject } from "../../detect.js";
import type { PartContext, PartResult } from "../types.js";

interface Requirement {
  readonly name: string;
  readonly extras: readonly string[];
  readonly range: string;
  readonly why: string;
}

/** The packages the production setup imports, with ranges that work with the project's Django. */
export function requiredPackages(context: PartContext): Requirement[] {
  const series = context.detected.djangoVersion;
  const out: Requirement[] = [{ name: "gunicorn", extras: [], range: ">=23.0", why: "the app server" }];
  if (context.detected.interface === "asgi") out.push({ name: "uvicorn-worker", extras: [], range: ">=0.3", why: "ASGI under gunicorn" });
  const library = context.detected.settingsLibrary;
  if (library === "decouple") out.push({ name: "python-decouple", extras: [], range: ">=3.8", why: "settings from the environment" });
  if (library === "decouple" || library === "os.environ")
    out.push({ name: "dj-database-url", extras: [], range: ">=2.1", why: "DATABASE_URL" });
  if (library !== "decouple" && library !== "os.environ")
    out.push({ name: "django-environ", extras: [], range: ">=0.11", why: "settings from the environment" });
  if (context.djangoPool) out.push({ name: "psycopg", extras: ["binary", "pool"], range: ">=3.2", why: "PostgreSQL with Django's pool" });
  else if (atLeast(series, "4.2")) out.push({ name: "psycopg", extras: ["binary"], range: ">=3.1.8", why: "PostgreSQL" });
  else out.push({ name: "psycopg2-binary", extras: [], range: ">=2.9", why: "PostgreSQL" });
  if (context.detected.channels) out.push({ name: "channels-redis", extras: [], range: ">=4.0", why: "the Channels layer on Redis" });
  if (atLeast(series, "4.0")) out.push({ name: "redis", extras: [], range: ">=5.0", why: "the Redis cache" });
  else out.push({ name: "django-redis", extras: [], range: ">=5.2", why: "the Redis cache" });
  out.push({ name: "whitenoise", extras: [], range: ">=6.6", why: "compressed, hashed static files" });
  out.push({ name: "sentry-sdk", extras: [], range: ">=2.0", why: "error tracking" });
  // 1.13 is the first with Django 4.2's STORAGES; its s3 extra brings boto3.
  if (context.detected.objectStorage)
    out.push({ name: "django-storages", extras: ["s3"], range: ">=1.13", why: "media on object storage" });
  if (!atLeast(series, "6.0")) out.push({ name: "django-csp", extras: [], range: ">=4.0", why: "Content-Security-Policy" });
  return out;
}

function pep508(r: Requirement): string {
  return `${r.name}${r.extras.length ? `[${r.extras.join(",")}]` : ""}${r.range}`;
}

function addToRequirements(text: string, missing: readonly Requirement[]): string {
  const lines = missing.map(pep508);
  const separator = text === "" || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  return `${text}${separator}# Production, added by djship init\n${lines.join("\n")}\n`;
}

/** Adds to the `dependencies = [...]` array of [project], keeping its layout and comments. */
function addToPep621(path: string, text: string, missing: readonly Requirement[]): string {
  const section = /^\[project\]\s*$/m.exec(text);
  const start = section ? text.indexOf("\n", section.index) : -1;
  const array = start >= 0 ? /^dependencies\s*=\s*\[/m.exec(text.slice(start)) : null;
  if (!section || !array) throw new InputError(`${path}: no [project] dependencies array to add the production packages to`);
  const open = start + array.index + array[0].length;
  let depth = 1;
  let close = open;
  for (; close < text.length && depth > 0; close++) {
    const c = text[close];
    if (c === "[") depth++;
    else if (c === "]") depth--;
  }
  close--;
  const inner = text.slice(open, close);
  if (inner.includes("\n")) {
    const itemIndent = /\n([ \t]+)\S/.exec(inner)?.[1] ?? "    ";
    const body = inner.replace(/\s*$/, "");
    const comma = body.trim() === "" || body.trimEnd().endsWith(",") ? "" : ",";
    const added = missing.map((r) => `${itemIndent}"${pep508(r)}",`).join("\n");
    return `${text.slice(0, open)}${body}${comma}\n${added}\n${text.slice(close)}`;
  }
  const items = inner.trim().replace(/,\s*$/, "");
  const added = missing.map((r) => `"${pep508(r)}"`).join(", ");
  return `${text.slice(0, open)}${items ? `${items}, ` : ""}${added}${text.slice(close)}`;
}

/** Adds `name = "range"` lines at the end of a TOML table ([tool.poetry.dependencies], Pipfile [packages]). */
function addToTable(path: string, text: string, table: string, missing: readonly Requirement[]): string {
  const header = new RegExp(`^\\[${table.replace(/\./g, "\\.")}\\]\\s*$`, "m").exec(text);
  if (!header) throw new InputError(`${path}: no [${table}] table to add the production packages to`);
  const next = /^\[/m.exec(text.slice(header.index + header[0].length));
  let end = next ? header.index + header[0].length + next.index : text.length;
  // Keep blank lines before the next table where they were.
  while (end > 0 && text[end - 1] === "\n" && text[end - 2] === "\n") end--;
  const lines = missing.map((r) =>
    r.extras.length
      ? `${r.name} = { version = "${r.range}", extras = [${r.extras.map((e) => `"${e}"`).join(", ")}] }`
      : `${r.name} = "${r.range}"`,
  );
  const before = text.slice(0, end);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${lines.join("\n")}\n${text.slice(end)}`;
}

/** The production packages, added to the project's own dependency file in its own format. */
export function planDependencies(context: PartContext): PartResult {
  const { detected, model } = context;
  const declared = new Dependencies(collectDependencies(model.workspace, model.project.root));
  const wanted = requiredPackages(context);
  const missing = wanted.filter((r) => !declared.has(r.name) && !(r.name === "psycopg" && declared.has("psycopg2", "psycopg2-binary")));
  const path = detected.dependencyFile ?? inProject(model.project.root, "requirements.txt");
  const current = context.read(path) ?? "";
  if (missing.length === 0) return { proposals: [] };
  let content: string;
  switch (detected.packageManager) {
    case "requirements":
      content = addToRequirements(current, missing);
      break;
    case "poetry":
      content = /^\[project\][\s\S]*?^dependencies\s*=/m.test(current)
        ? addToPep621(path, current, missing)
        : addToTable(path, current, "tool.poetry.dependencies", missing);
      break;
    case "pipenv":
      content = addToTable(path, current, "packages", missing);
      break;
    default:
      content = addToPep621(path, current, missing);
  }
  const lock =
    detected.packageManager === "uv"
      ? "uv lock"
      : detected.packageManager === "poetry"
        ? "poetry lock"
        : detected.packageManager === "pipenv"
          ? "pipenv lock"
          : detected.packageManager === "pdm"
            ? "pdm lock"
            : null;
  return {
    proposals: [
      {
        path,
        content,
        ownership: detected.dependencyFile ? "edit" : "generated",
        part: "dependencies",
        reason: `adds ${missing.map((r) => `${r.name} (${r.why})`).join(", ")}`,
      },
    ],
    choices: [
      {
        id: "dependencies",
        value: detected.packageManager,
        reason: `the project declares its dependencies in ${path}${lock ? `; run \`${lock}\` afterwards to update the lock file` : ""}`,
      },
    ],
  };
}
