/**
 * A mistyped rule code, Django version or configuration value is an error with a suggestion
 * (exit 2), never a selector that silently selects nothing.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, test } from "node:test";
import { materialize } from "../../src/rules/tester.js";
import { MANAGE_PY, runCli } from "./run.js";

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
const SETTINGS = 'DEBUG = True\nALLOWED_HOSTS = ["a.example"]\n';

function project(files: Record<string, string> = {}): string {
  const root = materialize({ "manage.py": MANAGE_PY, "mysite/settings.py": SETTINGS, ...files });
  roots.push(root);
  return root;
}

async function expectError(args: string[], pattern: RegExp): Promise<void> {
  const result = await runCli(args);
  assert.equal(result.code, 2, `${args.join(" ")}: exit ${result.code}\n${result.stdout.slice(0, 500)}${result.stderr}`);
  assert.equal(result.stdout, "", `${args.join(" ")} printed a report`);
  assert.match(result.stderr, pattern, args.join(" "));
  assert.equal(result.stderr.trim().split("\n").length, 1, "one line, no stack trace");
}

test("unknown rule codes in --select and --ignore, with the code meant", async () => {
  const root = project();
  await expectError(["audit", root, "--select", "CFG018,SEC08"], /^djship: --select: no rule code "SEC08"; did you mean SEC008\?/);
  await expectError(["audit", root, "--ignore", "SC008"], /^djship: --ignore: no rule code "SC008"; did you mean SEC008\?/);
  await expectError(["audit", root, "--ignore", "ssl-redirect-off"], /rule name, not a code; did you mean SEC008\?/);
  await expectError(["audit", root, "--select", "XYZ123"], /^djship: --select: no rule code "XYZ123"/);
  // What is right still runs: codes, prefixes, lower case, ALL.
  for (const select of ["SEC008", "SEC", "sec00", "ALL", "CFG018,SEC"]) {
    const result = await runCli(["audit", root, "--select", select, "--exit-zero"]);
    assert.equal(result.code, 0, `${select}: ${result.stderr}`);
  }
});

test("an unknown or unsupported --django-version names the series djship knows", async () => {
  const root = project();
  for (const command of ["audit", "settings"]) {
    await expectError([command, root, "--django-version", "banana"], /is not a Django version.*3\.2 to 6\.1/);
    await expectError([command, root, "--django-version", "2.2"], /older than any series djship supports.*did you mean 3\.2\?/);
    await expectError([command, root, "--django-version", "5.3"], /did you mean 5\.2\?/);
    await expectError([command, root, "--django-version", "9.0"], /newer than any series djship knows/);
    await expectError([command, root, "--django-version", "4"], /did you mean 4\.2\?/);
  }
  const release = await runCli(["settings", root, "--django-version", "4.2.11", "--format", "json"]);
  assert.equal(release.code, 0, release.stderr);
  assert.equal((JSON.parse(release.stdout) as { djangoVersion: string }).djangoVersion, "4.2");
});

test("invalid values in [tool.djship] are errors naming the file and the key", async () => {
  const cases: [string, RegExp][] = [
    ['select = ["SEC999"]', /^djship: pyproject\.toml \[tool\.djship\]: select: no rule code "SEC999"; did you mean SEC00\d\?/],
    ['ignore = ["debug-on"]', /ignore: "debug-on" is a rule name, not a code; did you mean CFG018\?/],
    ['extend-select = ["CFG0188"]', /select: no rule code "CFG0188"; did you mean CFG018\?/],
    [
      '[tool.djship.per-file-ignores]\n"dev.py" = ["SEC0004"]',
      /per-file-ignores\."dev\.py": no rule code "SEC0004"; did you mean SEC004\?/,
    ],
    ['django-version = "2.2"', /django-version 2\.2 is older than any series djship supports/],
    ['fail-on = "warn"', /fail-on takes error, warning, info or never, not "warn"; did you mean warning\?/],
    ['preview = "yes"', /preview must be true or false/],
    ['selct = ["SEC"]', /unknown key "selct"; did you mean select\?/],
  ];
  for (const [toml, pattern] of cases) {
    const root = project({ "pyproject.toml": `[project]\nname = "x"\n\n[tool.djship]\n${toml}\n` });
    await expectError(["audit", root], pattern);
  }
});

test("commands, formats, grades and rules to explain are suggested too", async () => {
  const root = project();
  await expectError(["adit", root], /^djship: unknown command "adit"; did you mean audit\?/);
  await expectError(["audit", root, "--format", "jsn"], /unknown format "jsn"; did you mean json\?/);
  await expectError(["audit", root, "--fail-on", "warn"], /did you mean warning\?/);
  await expectError(["explain", "SEK004"], /^djship: no rule SEK004; did you mean SEC004\?/);
  await expectError(["scan", "https://a.example/", "--fail-under", "a"], /--fail-under takes a grade .*did you mean A\?/);
});
