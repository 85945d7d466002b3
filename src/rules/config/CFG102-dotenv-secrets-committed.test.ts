import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { encodeGitIndex } from "../../../test/helpers/git-index.js";
import { audit } from "../../audit.js";
import { materialize, ruleTester } from "../tester.js";
import rule from "./CFG102-dotenv-secrets-committed.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const ENV = "DEBUG=False\nSECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\nEMAIL_HOST_PASSWORD=Zp4Kq9Wm2\n";
const t = ruleTester(rule);

t.fires(
  "no .gitignore at all",
  { files: { ...SETTINGS, ".env": ENV } },
  {
    file: ".env",
    line: 2,
    messageId: "notIgnored",
    message: /SECRET_KEY, EMAIL_HOST_PASSWORD and no \.gitignore pattern excludes it \(the project has no \.gitignore\)/,
  },
);
t.fires(
  "a .gitignore that misses it",
  { files: { ...SETTINGS, "deploy/prod.env": ENV, ".gitignore": ".env\n__pycache__/\n" } },
  { file: "deploy/prod.env", line: 2, messageId: "notIgnored" },
);
t.fires(
  "re-included by a negation",
  { files: { ...SETTINGS, ".env.production": ENV, ".gitignore": ".env*\n!.env.production\n" } },
  { file: ".env.production", messageId: "notIgnored" },
);
t.fires(
  "a URL with a password counts as a secret",
  { files: { ...SETTINGS, ".env": "DATABASE_URL=postgres://app:Vb8Nq3Xr5Lt2@db:5432/app\n" } },
  { line: 1, message: /DATABASE_URL/ },
);
t.quiet("ignored by the root .gitignore", { files: { ...SETTINGS, ".env": ENV, ".gitignore": ".env\n" } });
t.quiet("ignored by a nested .gitignore", { files: { ...SETTINGS, "deploy/.env": ENV, "deploy/.gitignore": "*.env\n.env\n" } });
t.quiet("ignored folder", { files: { ...SETTINGS, "secrets/.env": ENV, ".gitignore": "secrets/\n" } });
t.quiet("a template with placeholders", {
  files: { ...SETTINGS, ".env.example": "SECRET_KEY=change-me\nDATABASE_URL=postgres://app:<password>@db/app\n" },
});
t.quiet("a .env without secrets", { files: { ...SETTINGS, ".env": "DEBUG=False\nALLOWED_HOSTS=example.com\n" } });

test("CFG102 reports a tracked .env even when .gitignore lists it, from the git index", async () => {
  const root = materialize({ ...SETTINGS, ".env": ENV, ".gitignore": ".env\n" });
  try {
    mkdirSync(join(root, ".git"));
    writeFileSync(join(root, ".git", "index"), encodeGitIndex([".env", ".gitignore", "mysite/settings.py"]));
    const result = await audit(root, { rules: [rule], djangoVersion: "5.2" });
    const findings = result.findings.filter((f) => f.rule === "CFG102");
    assert.equal(findings.length, 1);
    assert.match(findings[0]?.message ?? "", /git tracks it/);
    assert.ok(!(findings[0]?.message ?? "").includes("Jx8Qm2"));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("CFG102 takes an untracked, ignored .env for what it is", async () => {
  const root = materialize({ ...SETTINGS, ".env": ENV, ".gitignore": ".env\n" });
  try {
    mkdirSync(join(root, ".git"));
    writeFileSync(join(root, ".git", "index"), encodeGitIndex([".gitignore", "mysite/settings.py"]));
    const result = await audit(root, { rules: [rule], djangoVersion: "5.2" });
    assert.deepEqual(
      result.findings.filter((f) => f.rule === "CFG102"),
      [],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
