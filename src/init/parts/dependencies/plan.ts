import { parse as parseToml } from "smol-toml";
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
  // uvicorn-worker 0.3 requires Python 3.9 (its pyproject's requires-python); 0.2 is the last for 3.8.
  const python38 = /^3\.[0-8]$/.test(context.detected.pythonVersion);
  if (context.detected.interface === "asgi")
    out.push({ name: "uvicorn-worker", extras: [], range: python38 ? ">=0.2" : ">=0.3", why: "ASGI under gunicorn" });
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
  // WhiteNoise 6.8 and django-csp 4.0 dropped Django < 4.2. WhiteNoise declares no Django
  // requirement, so pip would put 6.8 beside Django 3.2: the range stops it. django-csp 4.0 requires
  // Django >= 4.2 (its Requires-Dist), so below it the 3.x series, whose settings the template writes.
  // https://whitenoise.readthedocs.io/en/latest/changelog.html (6.8.0)
  const before42 = !atLeast(series, "4.2");
  out.push({ name: "whitenoise", extras: [], range: before42 ? ">=6.6,<6.8" : ">=6.6", why: "compressed, hashed static files" });
  out.push({ name: "sentry-sdk", extras: [], range: ">=2.0", why: "error tracking" });
  // 1.13 is the first with Django 4.2's STORAGES; its s3 extra brings boto3.
  if (context.detected.objectStorage)
    out.push({ name: "django-storages", extras: ["s3"], range: ">=1.13", why: "media on object storage" });
  if (!atLeast(series, "6.0"))
    out.push({ name: "django-csp", extras: [], range: before42 ? ">=3.7,<4.0" : ">=4.0", why: "Content-Security-Policy" });
  return out;
}

function pep508(r: Requirement): string {
  return `${r.name}${r.extras.length ? `[${r.extras.join(",")}]` : ""}${r.range}`;
}

/** The file's own line ending: a file written on Windows keeps its CRLF. */
function lineEnding(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

function addToRequirements(text: string, missing: readonly Requirement[]): string {
  const eol = lineEnding(text);
  const lines = missing.map(pep508);
  const separator = text === "" || text.endsWith(eol + eol) ? "" : text.endsWith("\n") ? eol : eol + eol;
  return `${text}${separator}# Production, added by djship init${eol}${lines.join(eol)}${eol}`;
}

/** A TOML table's body: from the end of its header line to the next header (or the end). */
function tableBody(text: string, table: string): { start: number; end: number } | undefined {
  // The header may carry a comment: [tool.poetry.dependencies]  # runtime
  const header = new RegExp(`^[ \\t]*\\[[ \\t]*${table.replace(/\./g, "\\s*\\.\\s*")}[ \\t]*\\][ \\t]*(#.*)?$`, "m").exec(text);
  if (!header) return undefined;
  const start = header.index + header[0].length;
  const next = /^[ \t]*\[/m.exec(text.slice(start));
  return { start, end: next ? start + next.index : text.length };
}

/**
 * Scans a TOML array from just after its "[": the index of its closing "]" and, before it, the end
 * of its last value (-1 when it holds none), strings and comments skipped, so a "]" or "," in a
 * comment or a string ("psycopg[binary]") is not taken for syntax.
 */
function scanArray(text: string, open: number): { close: number; lastValueEnd: number; quote: string | undefined } {
  let depth = 1;
  let lastValueEnd = -1;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "#") {
      const newline = text.indexOf("\n", i);
      if (newline < 0) break;
      i = newline;
    } else if (c === '"' || c === "'") {
      quote ??= c;
      const delimiter = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + delimiter.length;
      while (j < text.length && !text.startsWith(delimiter, j)) j += c === '"' && text[j] === "\\" ? 2 : 1;
      i = j + delimiter.length - 1;
      lastValueEnd = i + 1;
    } else if (c === "[" || c === "{") {
      depth++;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return { close: i, lastValueEnd, quote };
      lastValueEnd = i + 1;
    } else if (!/\s/.test(c)) {
      lastValueEnd = i + 1;
    }
  }
  return { close: -1, lastValueEnd, quote };
}

/** Adds to the `dependencies = [...]` array of [project], keeping its layout, quotes and comments. */
function addToPep621(path: string, text: string, missing: readonly Requirement[]): string {
  const eol = lineEnding(text);
  const body = tableBody(text, "project");
  if (!body) throw new InputError(`${path}: no [project] table to add the production packages to`);
  const key = /^[ \t]*dependencies[ \t]*=[ \t]*\[/m.exec(text.slice(body.start, body.end));
  if (!key) {
    if (/^[ \t]*dynamic[ \t]*=[^\n]*["']dependencies["']/m.test(text.slice(body.start, body.end)))
      throw new InputError(
        `${path}: [project] declares its dependencies dynamic; add ${missing.map(pep508).join(", ")} where they are declared`,
      );
    // No array yet: one, right under the header (keys of a table may come in any order).
    const added = missing.map((r) => `    "${pep508(r)}",`).join(eol);
    return `${text.slice(0, body.start)}${eol}dependencies = [${eol}${added}${eol}]${text.slice(body.start)}`;
  }
  const open = body.start + key.index + key[0].length;
  const { close, lastValueEnd, quote = '"' } = scanArray(text, open);
  if (close < 0) throw new InputError(`${path}: the [project] dependencies array does not close`);
  const item = (r: Requirement) => `${quote}${pep508(r)}${quote}`;
  const inner = text.slice(open, close);
  if (!inner.includes("\n")) {
    const items = inner.trim().replace(/,\s*$/, "");
    return `${text.slice(0, open)}${items ? `${items}, ` : ""}${missing.map(item).join(", ")}${text.slice(close)}`;
  }
  const indent = /\n([ \t]+)\S/.exec(inner)?.[1] ?? "    ";
  // The last value gets its comma (a comment after it stays where it is); the new items go on lines
  // of their own after everything the array holds, its trailing comment lines included.
  const needsComma = lastValueEnd > 0 && text[lastValueEnd - 1] !== ",";
  const lastNewline = text.lastIndexOf("\n", close - 1);
  const closingOnOwnLine = lastNewline >= open && text.slice(lastNewline + 1, close).trim() === "";
  const insertAt = closingOnOwnLine ? (text[lastNewline - 1] === "\r" ? lastNewline - 1 : lastNewline) : close;
  const added = missing.map((r) => `${eol}${indent}${item(r)},`).join("");
  const head = needsComma ? `${text.slice(0, lastValueEnd)},${text.slice(lastValueEnd, insertAt)}` : text.slice(0, insertAt);
  return `${head}${added}${closingOnOwnLine ? "" : eol}${text.slice(insertAt)}`;
}

/** Adds `name = "range"` lines at the end of a TOML table ([tool.poetry.dependencies], Pipfile [packages]). */
function addToTable(path: string, text: string, table: string, missing: readonly Requirement[]): string {
  const eol = lineEnding(text);
  const body = tableBody(text, table);
  if (!body) throw new InputError(`${path}: no [${table}] table to add the production packages to`);
  let end = body.end;
  // Keep blank lines (and comments about the next table) before the next table where they were.
  for (;;) {
    const previous = text.lastIndexOf("\n", end - 2);
    if (previous < body.start) break;
    const line = text.slice(previous + 1, end).trim();
    if (line !== "" && !line.startsWith("#")) break;
    end = previous + 1;
  }
  const lines = missing.map((r) =>
    r.extras.length
      ? `${r.name} = { version = "${r.range}", extras = [${r.extras.map((e) => `"${e}"`).join(", ")}] }`
      : `${r.name} = "${r.range}"`,
  );
  const before = text.slice(0, end);
  return `${before}${before.endsWith("\n") ? "" : eol}${lines.join(eol)}${eol}${text.slice(end)}`;
}

/**
 * The edits above keep the team's bytes, so they scan the TOML by hand; a TOML parser then checks
 * the result, so that a file they misread is refused with a message, never written broken.
 */
function checkToml(path: string, before: string, after: string, missing: readonly Requirement[]): void {
  const parses = (text: string) => {
    try {
      parseToml(text);
      return undefined;
    } catch (error) {
      return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
    }
  };
  const original = parses(before);
  if (original !== undefined) throw new InputError(`${path} does not parse as TOML (${original}); nothing was written`);
  const edited = parses(after);
  if (edited !== undefined)
    throw new InputError(
      `${path}: adding the production packages would leave TOML that does not parse (${edited}); nothing was written: add ${missing.map(pep508).join(", ")} by hand`,
    );
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
  if (detected.packageManager !== "requirements") checkToml(path, current, content, missing);
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
