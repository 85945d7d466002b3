import assert from "node:assert/strict";
import { test } from "node:test";
import { collectDependencies } from "./dependencies.js";

function source(files: Record<string, { kind: string; text: string }>) {
  return {
    files: Object.entries(files).map(([path, { kind }]) => ({ path, kind })),
    read: (path: string) => files[path]?.text,
  };
}

test("Poetry's caret and tilde are ranges, the same for every reader", () => {
  const deps = collectDependencies(
    source({
      "pyproject.toml": {
        kind: "pyproject",
        text: '[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "^4.2"\ncelery = "~5.3"\n\n[tool.poetry.group.dev.dependencies]\npytest = "8.0.0"\n',
      },
    }),
    ".",
  );
  const django = deps.find((d) => d.name === "django");
  assert.deepEqual(django?.specifiers, [
    { op: ">=", version: "4.2.0" },
    { op: "<", version: "5.0.0" },
  ]);
  assert.equal(django?.written, "^4.2");
  assert.equal(django?.group, null);
  assert.equal(django?.line, 3);
  assert.deepEqual(deps.find((d) => d.name === "celery")?.specifiers, [
    { op: ">=", version: "5.3.0" },
    { op: "<", version: "5.4.0" },
  ]);
  const pytest = deps.find((d) => d.name === "pytest");
  assert.equal(pytest?.version, "8.0.0");
  assert.equal(pytest?.dev, true);
  assert.equal(pytest?.group, "dev");
  assert.equal(
    deps.some((d) => d.name === "python"),
    false,
  );
});

test("a Pipfile table without a version takes any version but names none", () => {
  const deps = collectDependencies(
    source({ Pipfile: { kind: "pipfile", text: '[packages]\ndjango = {git = "https://github.com/django/django.git"}\n' } }),
    ".",
  );
  assert.deepEqual(deps[0]?.specifiers, []);
  assert.equal(deps[0]?.written, "");
});
