import { posix } from "node:path";
import type { FileKind } from "./classify.js";

/**
 * What a deployment file is for. Rules about production read production files; a finding on any
 * other file is at most an info, and only where the mistake reaches production (see discover/file-roles.ts).
 */
export type FileRole = "production" | "development" | "test" | "ci-only" | "example";

export const FILE_ROLES: readonly FileRole[] = ["production", "development", "test", "ci-only", "example"];

export interface RoleVerdict {
  readonly role: FileRole;
  /** Why, in a few words a user can check: the folder, the name, the header line... */
  readonly evidence: string;
}

/** Folders whose files serve a developer's machine. */
const DEVELOPMENT_FOLDERS = new Set([".devcontainer", "devcontainer", "dev", "development", "local", "vagrant"]);
/** Folders of test rigs. */
const TEST_FOLDERS = new Set([
  "tests",
  "test",
  "testing",
  "e2e",
  "e2e-tests",
  "integration-tests",
  "functional-tests",
  "local_testing",
  "test_utils",
  "testutils",
]);
/** Folders that hold CI's own images and scripts. */
const CI_FOLDERS = new Set([".github", ".gitlab", ".circleci", ".buildkite", "ci", ".ci"]);
/** Folders of examples and templates for users to copy. */
// Not templates/: a Helm chart keeps its production manifests there.
const EXAMPLE_FOLDERS = new Set(["examples", "example", "samples", "sample", "skeleton"]);

/** Words in a file name (split at `.`, `-`, `_`) that name a role. */
const NAME_WORDS: readonly [RegExp, FileRole, string][] = [
  [/^(example|examples|sample|template|tpl|tmpl|dist|skel)$/, "example", "an example or template"],
  [/^(dev|devel|develop|development|devdb|devenv|local|devcontainer|debug|windows)$/, "development", "a development variant"],
  [/^(test|tests|testing|e2e|pytest|tox)$/, "test", "a test variant"],
  [/^(ci)$/, "ci-only", "a CI variant"],
];

/**
 * Comment lines near the top that say the file is not the production one. Django's own template
 * comment "don't run with debug turned on in production!" must not match: it sits in production files.
 */
const NOT_PRODUCTION_HEADER =
  /\b(not (meant |intended |suitable |to be used )?for (use in )?production|(do not|don't|never) use (this|it)?\s*(file|config(uration)?|setup)?\s*in production|for (local )?development (use |purposes )?only|only for (local )?development|development[- ]only|for testing( purposes)? only|testing[- ]only|for (the )?test suite)\b/i;

/**
 * A header that names what the file is, at the start of its comment: "A dev / testing / example
 * compose file for testing the heroku image" (baserow's deploy/heroku/docker-compose.yml). Only at
 * the start, so that "see the local dev compose file" in a production file's header does not count.
 */
const NOT_PRODUCTION_KIND_HEADER =
  /^(?:this is )?(?:an? |the )?((?:dev|development|local|test|testing)(?:\s*\/\s*(?:dev|development|local|test|testing|example))*)\s+(?:docker[- ]?)?(?:compose|config(?:uration)?|setup|stack|environment)(?: file)?\b/i;

/**
 * YAML's bare top-level keys (`services:`, `version: "3"`) that may come before a compose file's
 * header comment without ending it: the comment still speaks for the whole file.
 */
const HEADER_PREAMBLE = /^(services|version|name):\s*(["']?[\w.-]*["']?)?\s*$/;

const HEADER_LINES = 15;

/**
 * Whether a comment holds the words that every match of the two header patterns above holds: one
 * of production, development, testing or "test suite" for the first; one of dev, local or test,
 * and one of compose, config, setup, stack or environment, for the second. A comment without them
 * (a shebang, "Django's command-line utility") is not matched at all: compiling the two
 * case-insensitive patterns cost ~1 ms of a cold audit, more than reading every header of a small
 * project. Lower-casing cannot lose a match: in a pattern without the u flag, an ASCII letter only
 * ever matches an ASCII letter of either case.
 */
function mayNameARole(comment: string): boolean {
  const lower = comment.toLowerCase();
  if (["production", "development", "testing", "test suite"].some((word) => lower.includes(word))) return true;
  return (
    ["dev", "local", "test"].some((word) => lower.includes(word)) &&
    ["compose", "config", "setup", "stack", "environment"].some((word) => lower.includes(word))
  );
}

/** The kinds that describe how the app runs; CI pipelines, dependency lists and .gitignore have no runtime role of their own. */
const PIPELINE_KINDS: ReadonlySet<FileKind> = new Set([
  "github-actions",
  "gitlab-ci",
  "jenkinsfile",
  "ci-other",
  "gitignore",
  "dockerignore",
]);

/**
 * The role a path gives a file, before its text is read: folders (.devcontainer/, tests/, .github/),
 * names (Dockerfile.dev, .env.example, docker-compose.override.yml, Procfile.windows, scripts/test-*).
 * Undefined when the path says nothing (the file is production unless its text says otherwise).
 */
export function roleFromPath(path: string, kind: FileKind | undefined): RoleVerdict | undefined {
  if (kind && PIPELINE_KINDS.has(kind)) return undefined;
  const segments = path.split("/");
  const name = (segments.pop() ?? "").toLowerCase();
  const folders = segments.map((s) => s.toLowerCase());
  // The innermost folder that names a role decides: deploy/local_testing/ is a test rig even under deploy/.
  for (let i = folders.length - 1; i >= 0; i--) {
    const folder = folders[i] as string;
    if (DEVELOPMENT_FOLDERS.has(folder)) return { role: "development", evidence: `in a ${folder}/ folder` };
    if (TEST_FOLDERS.has(folder) || /^[\w-]+[_-]tests?$|^tests?[_-][\w-]+$/.test(folder))
      return { role: "test", evidence: `in a ${folder}/ folder` };
    if (CI_FOLDERS.has(folder)) return { role: "ci-only", evidence: `in a ${folder}/ folder (CI's own files)` };
    if (EXAMPLE_FOLDERS.has(folder) && kind !== "python") return { role: "example", evidence: `in an ${folder}/ folder` };
  }
  if (/^docker-compose\.override\.ya?ml$|^compose\.override\.ya?ml$/.test(name))
    return { role: "development", evidence: `${name} is merged in by a bare \`docker compose up\` on developers' machines` };
  if (folders.includes("scripts") && /^(test|tests|run[-_]tests?)[-_.]/.test(name))
    return { role: "test", evidence: "a test script under scripts/" };
  if (/^(test|tests)_.*\.py$|^.*_tests?\.py$|^conftest\.py$/.test(name) && kind === "python")
    return { role: "test", evidence: "a test module" };
  const stem = name.replace(/^\.env/, "env");
  const words = stem.split(/[._-]+/).filter(Boolean);
  // The extension itself is not a role (docker-compose.yml's "yml"), nor the kind's own name.
  for (const word of words) {
    for (const [pattern, role, what] of NAME_WORDS) if (pattern.test(word)) return { role, evidence: `${name}: ${what}` };
  }
  if (kind === "python" && folders.includes("settings") && /^(dev|local|test)/.test(name))
    return { role: name.startsWith("test") ? "test" : "development", evidence: `settings module ${name}` };
  return undefined;
}

/** The role a file's first lines give it: a header such as "not for production" or "for development only". */
export function roleFromHeader(text: string): RoleVerdict | undefined {
  const lines = text.split(/\r\n|\r|\n/, HEADER_LINES);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "" || line.trim() === "---") continue;
    const comment = /^\s*(#|\/\/|;|--|\*|\/\*|"""|''')\s*(.*)$/.exec(line)?.[2];
    // The header ends at the first line of content other than a compose file's top-level keys.
    if (comment === undefined) {
      if (HEADER_PREAMBLE.test(line)) continue;
      return undefined;
    }
    const match = mayNameARole(comment) ? (NOT_PRODUCTION_HEADER.exec(comment) ?? NOT_PRODUCTION_KIND_HEADER.exec(comment)) : null;
    if (match) {
      // "dev / testing" names development first: the file is a developer's, which tests it too.
      const words = (match[1] ?? match[0]).toLowerCase();
      const role: FileRole = /^(dev|development|local)\b/.test(words) || !/test/.test(words) ? "development" : "test";
      return { role, evidence: `line ${index + 1} says "${match[0]}"` };
    }
  }
  return undefined;
}

/** What the configuration says about roles: `production = [...]` and `ignore-files = [...]` globs. */
export interface RoleOverrides {
  readonly production: readonly RegExp[];
  readonly ignore: readonly RegExp[];
}

export const NO_OVERRIDES: RoleOverrides = { production: [], ignore: [] };

/** The project-relative folder test for a path: `a/b/c` is inside `a`. */
export function isInside(path: string, folder: string): boolean {
  return folder === "." || path === folder || path.startsWith(`${folder}/`);
}

export function baseName(path: string): string {
  return posix.basename(path);
}
