import { posix } from "node:path";

/** The kinds of files djship reads, one per artifact parser. */
export type FileKind =
  | "python"
  | "requirements"
  | "pyproject"
  | "poetry-lock"
  | "uv-lock"
  | "pipfile"
  | "pipfile-lock"
  | "dockerfile"
  | "dockerignore"
  | "compose"
  | "procfile"
  | "nginx"
  | "caddyfile"
  | "gunicorn"
  | "systemd"
  | "supervisor"
  | "yaml"
  | "github-actions"
  | "gitlab-ci"
  | "jenkinsfile"
  | "ci-other"
  | "dotenv"
  | "gitignore"
  | "shell"
  | "terraform"
  | "helm-values";

const COMPOSE_NAMES = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/;

/** What kind of file this is, from its path alone; undefined for files djship has no use for. */
export function classifyFile(relativePath: string): FileKind | undefined {
  const name = posix.basename(relativePath);
  const lower = name.toLowerCase();
  const folders = relativePath
    .split("/")
    .slice(0, -1)
    .map((f) => f.toLowerCase());
  if (lower === "gunicorn.conf.py" || lower === "gunicorn_conf.py" || lower === "gunicorn.py" || lower === "gunicorn_config.py")
    return "gunicorn";
  if (lower.endsWith(".py")) return "python";
  if (/^requirements([-_.\w]*)\.(txt|in)$/.test(lower) || (folders.includes("requirements") && /\.(txt|in)$/.test(lower)))
    return "requirements";
  if (lower === "pyproject.toml") return "pyproject";
  if (lower === "poetry.lock") return "poetry-lock";
  if (lower === "uv.lock") return "uv-lock";
  if (name === "Pipfile") return "pipfile";
  if (name === "Pipfile.lock") return "pipfile-lock";
  if (lower === "dockerfile" || lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile") || lower === "containerfile")
    return "dockerfile";
  if (lower === ".dockerignore") return "dockerignore";
  if (COMPOSE_NAMES.test(lower)) return "compose";
  if (name === "Procfile" || name.startsWith("Procfile.")) return "procfile";
  if (
    lower === "nginx.conf" ||
    (lower.endsWith(".conf") &&
      folders.some((f) => f.includes("nginx") || f === "sites-available" || f === "sites-enabled" || f === "conf.d"))
  )
    return "nginx";
  // Caddyfile, Caddyfile.prod, Caddyfile-staging, and the files they import (*.caddy, *.caddyfile).
  if (/^caddyfile([.-][\w.-]+)?$/.test(lower) || /\.caddy(file)?$/.test(lower)) return "caddyfile";
  if (/\.(service|socket|timer)$/.test(lower)) return "systemd";
  if (lower === "supervisord.conf" || (/\.(conf|ini)$/.test(lower) && folders.some((f) => f.includes("supervisor")))) return "supervisor";
  if (
    folders.length >= 2 &&
    folders[folders.length - 2] === ".github" &&
    folders[folders.length - 1] === "workflows" &&
    /\.ya?ml$/.test(lower)
  )
    return "github-actions";
  if (lower === ".gitlab-ci.yml") return "gitlab-ci";
  if (name === "Jenkinsfile") return "jenkinsfile";
  if (lower === "bitbucket-pipelines.yml" || lower === "azure-pipelines.yml" || (folders.includes(".circleci") && lower === "config.yml"))
    return "ci-other";
  if (lower === ".env" || lower.startsWith(".env.") || lower.endsWith(".env")) return "dotenv";
  if (lower === ".gitignore") return "gitignore";
  if (lower === "values.yaml" || lower === "values.yml" || /^values[-.][\w-]+\.ya?ml$/.test(lower)) return "helm-values";
  if (/\.ya?ml$/.test(lower)) return "yaml";
  if (lower.endsWith(".sh") || lower === "entrypoint" || lower === "docker-entrypoint") return "shell";
  if (lower.endsWith(".tf")) return "terraform";
  return undefined;
}
