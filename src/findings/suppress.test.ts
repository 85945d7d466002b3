import assert from "node:assert/strict";
import { test } from "node:test";
import { suppressionOf } from "./suppress.js";

const base = { isDockerfile: false, djangoCheck: null, config: { perFileIgnores: {} }, isSilenced: () => false };

test("a Dockerfile marker above a multi-line instruction covers every line of it", () => {
  const lines = [
    "FROM python:3.12",
    "# djship: ignore[CI]",
    "RUN apt-get update && \\",
    "    apt-get install -y curl \\",
    "    && rm -rf /var/lib/apt/lists/*",
  ];
  for (const line of [3, 4, 5])
    assert.equal(
      suppressionOf({ ...base, code: "CI108", file: "docker/Dockerfile.prod", isDockerfile: true, line, lines })?.kind,
      "inline",
      `line ${line}`,
    );
  assert.equal(
    suppressionOf({ ...base, code: "SRV101", file: "docker/Dockerfile.prod", isDockerfile: true, line: 4, lines }),
    undefined,
    "other codes",
  );
  assert.equal(
    suppressionOf({ ...base, code: "CI108", file: "docker/Dockerfile.prod", isDockerfile: true, line: 1, lines }),
    undefined,
    "the line above",
  );
});

test("outside Dockerfiles the marker goes on the line itself", () => {
  const lines = ["# djship: ignore[SEC004]", "SECURE_HSTS_SECONDS = 0", "DEBUG = True  # djship: ignore"];
  assert.equal(suppressionOf({ ...base, code: "SEC004", file: "mysite/settings.py", line: 2, lines }), undefined);
  assert.equal(suppressionOf({ ...base, code: "CFG018", file: "mysite/settings.py", line: 3, lines })?.reason, "# djship: ignore");
});

test("per-file-ignores and SILENCED_SYSTEM_CHECKS come after the file's own markers", () => {
  const input = { ...base, code: "SEC004", file: "mysite/settings/dev.py", line: 1, lines: ["SECURE_HSTS_SECONDS = 0"] };
  assert.equal(suppressionOf({ ...input, config: { perFileIgnores: { "dev.py": ["SEC"] } } })?.kind, "config");
  assert.equal(suppressionOf({ ...input, djangoCheck: "security.W004", isSilenced: (id) => id === "security.W004" })?.kind, "silenced");
  assert.equal(suppressionOf(input), undefined);
});
