import { posix } from "node:path";
import { isSecretName } from "../../model/secrets.js";
import { defineRule } from "../define.js";

/** Files that document the variables rather than hold them: .env.example, .env.sample, env.template... */
const TEMPLATE = /(^|[._-])(example|sample|template|dist|tpl|defaults?|skel)([._-]|$)/i;

/** Values that stand in for a secret: empty, a reference, or an obvious placeholder. */
const PLACEHOLDER =
  /^(|change[-_ ]?me.*|replace[-_ ]?me.*|x{3,}|\*+|\.{3}|todo|fixme|secret|password|your[-_ ].*|<[^>]*>|\$\{?\w+(:-[^}]*)?\}?)$/i;

const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i;

export default defineRule({
  code: "CFG102",
  slug: "dotenv-secrets-committed",
  area: "config",
  severity: "error",
  since: "0.1.0",
  reads: ["artifacts", "files"],
  doc: {
    what: "A .env file with secrets in it is tracked by git, or is not ignored by .gitignore so that the next `git add .` commits it.",
    why: "A committed .env publishes the production SECRET_KEY and passwords to everyone with the repository, its forks and its CI logs; removing the file later does not remove it from history.",
    fix: "Add .env (and .env.*, keeping .env.example) to .gitignore, `git rm --cached` the file, rotate every secret it held, and commit a .env.example with placeholders instead.",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      ".env": "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\nDATABASE_URL=postgres://app:Vb8Nq3Xr5Lt2@db:5432/app\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      ".env": "SECRET_KEY=Jx8Qm2Lr7Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3Mk\nDATABASE_URL=postgres://app:Vb8Nq3Xr5Lt2@db:5432/app\n",
      ".gitignore": ".env\n",
      ".env.example": "SECRET_KEY=change-me\nDATABASE_URL=postgres://app:change-me@db:5432/app\n",
    },
    references: ["https://git-scm.com/docs/gitignore", "https://12factor.net/config"],
  },
  messages: {
    tracked: "{file} holds {keys} and git tracks it: the values are in the repository's history",
    notIgnored: "{file} holds {keys} and no .gitignore pattern excludes it ({ignoreFiles})",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const git = artifacts.git();
    for (const dotenv of artifacts.dotenvFiles()) {
      if (TEMPLATE.test(posix.basename(dotenv.path).replace(/^\.env/, ""))) continue;
      const secrets = dotenv.entries.filter(
        (entry) => !PLACEHOLDER.test(entry.value.trim()) && (isSecretName(entry.key) || URL_WITH_PASSWORD.test(entry.value)),
      );
      const first = secrets[0];
      if (!first) continue;
      // Key names only: the values never reach a message.
      const keys = secrets.map((s) => s.key).join(", ");
      const related = secrets.slice(1).map((s) => ({ file: dotenv.path, line: s.line, message: `${s.key} is set here` }));
      const place = { file: dotenv.path, line: first.line };
      if (git.isTracked(dotenv.path)) {
        report("tracked", place, { file: dotenv.path, keys }, { related });
        continue;
      }
      const verdict = git.isIgnored(dotenv.path);
      if (verdict.ignored) continue;
      const ignoreFiles = git.ignore.isEmpty ? "the project has no .gitignore" : `read ${git.ignore.paths.join(", ")}`;
      report("notIgnored", place, { file: dotenv.path, keys, ignoreFiles }, { related });
    }
  },
});
