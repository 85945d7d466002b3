import { posix } from "node:path";
import { atLeast } from "../../../django/versions.js";
import { InputError } from "../../../util/errors.js";
import { inProject, moduleFile } from "../../detect.js";
import { template } from "../../templates.js";
import type { EnvironmentVariable, SettingsLibrary } from "../../types.js";
import type { PartContext, PartResult, Proposal } from "../types.js";
import { BLOCK_END, BLOCK_START, findBlock, replaceModuleString, replaceModuleText, splitSettingsModule } from "./edit.js";

/** Where production and development settings will live, decided before any part renders. */
export interface SettingsLayout {
  readonly production: string;
  readonly development: string;
  readonly package: string;
  /** How the production module gets init's settings. */
  readonly mode: "split-single" | "block" | "new-module";
}

const PRODUCTION_NAMES = ["production", "prod"];
const DEVELOPMENT_NAMES = ["development", "dev", "local"];

/** Decides the settings layout from the project's: a single module becomes a package; a split one keeps its modules. */
export function chooseSettingsLayout(
  context: Pick<PartContext, "project" | "model" | "detected">,
  generatedByInit: ReadonlySet<string> = new Set(),
): SettingsLayout {
  const { project, model, detected } = context;
  const module = detected.settingsModule;
  if (detected.settingsLayout === "single") {
    return {
      production: `${module}.prod`,
      development: `${module}.dev`,
      package: module.split(".").slice(0, -1).join(".") || module,
      mode: "split-single",
    };
  }
  const file = moduleFile(project, module);
  const isPackage = file?.endsWith("__init__.py") ?? false;
  const settingsPackage = isPackage ? module : module.split(".").slice(0, -1).join(".");
  const sibling = (names: string[]) => names.map((n) => `${settingsPackage}.${n}`).find((m) => moduleFile(project, m));
  const leaf = module.split(".").pop() ?? "";
  const production = (PRODUCTION_NAMES.includes(leaf) ? module : undefined) ?? sibling(PRODUCTION_NAMES) ?? undefined;
  const managed = model.project.candidates.find((c) => c.source === "manage.py")?.module;
  const development = sibling(DEVELOPMENT_NAMES) ?? managed ?? module;
  const projectPackage = settingsPackage.split(".").slice(0, -1).join(".") || settingsPackage;
  // A production module init wrote as a whole file (a package it split earlier) stays init's file.
  if (production && generatedByInit.has(moduleFile(project, production) ?? ""))
    return { production, development, package: projectPackage, mode: "new-module" };
  if (production) return { production, development, package: projectPackage, mode: "block" };
  if (moduleFile(project, `${settingsPackage}.base`)) {
    return { production: `${settingsPackage}.prod`, development, package: projectPackage, mode: "new-module" };
  }
  throw new InputError(
    `${module}: a split settings layout without a production or base module; djship init does not know where production settings belong (name one with --settings)`,
  );
}

function libraryFor(detected: PartContext["detected"]): SettingsLibrary {
  return detected.settingsLibrary ?? "environ";
}

/** The variables the production settings read, in .env.example order. */
export function settingsEnvironment(context: PartContext): EnvironmentVariable[] {
  const host = context.domain;
  // A wildcard domain is ".example.com" in ALLOWED_HOSTS (the domain and every subdomain; Django
  // has no "*." form there) but "https://*.example.com" in CSRF_TRUSTED_ORIGINS, which has one.
  // https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
  const allowedHost = host.startsWith("*.") ? host.slice(1) : host;
  const vars: EnvironmentVariable[] = [
    {
      name: "DJANGO_SETTINGS_MODULE",
      required: true,
      secret: false,
      example: context.settings.production,
      description: "The production settings module.",
    },
    {
      name: "DJANGO_SECRET_KEY",
      required: true,
      secret: true,
      example: "",
      description:
        'Signs sessions, password resets and CSRF tokens. 50+ random characters, e.g. python3 -c "import secrets; print(secrets.token_urlsafe(50))". DJANGO_SECRET_KEY_FILE may name a file holding it instead.',
    },
    {
      name: "DJANGO_SECRET_KEY_FALLBACKS",
      required: false,
      secret: true,
      example: "",
      description: "Previous keys, comma-separated, while they are rotated out.",
    },
    {
      name: "DJANGO_ALLOWED_HOSTS",
      required: true,
      secret: false,
      example: allowedHost,
      description: 'Host names the site answers to, comma-separated; ".example.com" is the domain and every subdomain.',
    },
    {
      name: "DJANGO_CSRF_TRUSTED_ORIGINS",
      required: false,
      secret: false,
      example: `https://${host}`,
      description: "Origins forms are posted from; defaults to https:// and each allowed host.",
    },
    {
      name: "DATABASE_URL",
      required: true,
      secret: true,
      example: `postgres://app:change-me@${context.serviceAddress.database}/app`,
      description: context.djangoPool
        ? "PostgreSQL, reached directly: Django's own pool does the pooling."
        : "PostgreSQL through pgbouncer (transaction mode).",
    },
    context.djangoPool
      ? {
          name: "DATABASE_POOL_MAX_SIZE",
          required: false,
          secret: false,
          example: "4",
          description:
            "Connections per worker process; replicas x WEB_CONCURRENCY x this must stay below PostgreSQL's max_connections (100).",
        }
      : {
          name: "DATABASE_CONN_MAX_AGE",
          required: false,
          secret: false,
          example: "60",
          description: "Seconds Django keeps its connection to pgbouncer.",
        },
    {
      name: "REDIS_URL",
      required: true,
      // A Redis URL carries its password (redis://:PASSWORD@host:6379/0) wherever Redis has one.
      secret: true,
      example: `redis://${context.serviceAddress.redis}/0`,
      description: "The shared cache (and the Celery broker when there is one); redis://:PASSWORD@host:6379/0 when Redis asks for one.",
    },
    {
      name: "DJANGO_SECURE_SSL_REDIRECT",
      required: false,
      secret: false,
      example: "True",
      description: "Redirect HTTP to HTTPS in Django as well as in the proxy.",
    },
    ...mediaStorageEnvironment(context),
    { name: "DJANGO_LOG_LEVEL", required: false, secret: false, example: "INFO", description: "Root log level." },
    { name: "SENTRY_DSN", required: false, secret: true, example: "", description: "Error tracking; off when empty." },
    {
      name: "SENTRY_ENVIRONMENT",
      required: false,
      secret: false,
      example: "production",
      description: "The environment name Sentry shows.",
    },
    {
      name: "SENTRY_TRACES_SAMPLE_RATE",
      required: false,
      secret: false,
      example: "0.0",
      description: "Share of requests traced (0.0 to 1.0).",
    },
  ];
  return vars;
}

/**
 * Object storage for media (django-storages' S3 backend, any S3-compatible service): the bucket is
 * required when the project uses django-storages, else setting it switches media from the volume.
 */
function mediaStorageEnvironment(context: PartContext): EnvironmentVariable[] {
  const required = context.detected.objectStorage;
  return [
    {
      name: "DJANGO_MEDIA_BUCKET",
      required,
      secret: false,
      example: required ? "media" : "",
      description: required
        ? "The bucket media files are stored in (S3-compatible object storage, through django-storages)."
        : "Set to store media files in this bucket (S3-compatible object storage; add django-storages[s3]) instead of the media volume.",
    },
    {
      name: "DJANGO_MEDIA_ENDPOINT_URL",
      required: false,
      secret: false,
      example: "",
      description: "The object storage's S3 endpoint (e.g. https://s3.fr-par.scw.cloud, a MinIO URL); empty for AWS S3.",
    },
    {
      name: "DJANGO_MEDIA_REGION",
      required: false,
      secret: false,
      example: "",
      description: "The bucket's region (e.g. eu-west-1), when the service needs it.",
    },
    {
      name: "DJANGO_MEDIA_ACCESS_KEY_ID",
      required: false,
      secret: true,
      example: "",
      description: "The object storage key (or DJANGO_MEDIA_ACCESS_KEY_ID_FILE); empty to use the machine's role.",
    },
    {
      name: "DJANGO_MEDIA_SECRET_ACCESS_KEY",
      required: false,
      secret: true,
      example: "",
      description: "Its secret (or DJANGO_MEDIA_SECRET_ACCESS_KEY_FILE).",
    },
  ];
}

/**
 * The production settings. `baseTexts` are the project's own modules the production one builds on:
 * what they already set (read from their text, so init's own output never feeds back into a re-run)
 * decides what production adds to rather than sets.
 */
function productionSettings(context: PartContext, asModule: boolean, baseModule: string, baseTexts: readonly string[]): string {
  const own = baseTexts.map((t) => {
    const block = findBlock(t);
    return block ? t.slice(0, block.start) + t.slice(block.end) : t;
  });
  const isSet = (name: string) => own.some((t) => new RegExp(`^${name}\\s*[:=+]`, "m").test(t));
  const series = context.detected.djangoVersion;
  const library = libraryFor(context.detected);
  return template(`settings/prod-${library === "os.environ" ? "os-environ" : library}.py`, {
    module: asModule,
    baseModule,
    productionModule: context.settings.production,
    package: context.projectPackage,
    djangoPool: context.djangoPool,
    celery: context.detected.tasks.includes("celery"),
    storages: atLeast(series, "4.2"),
    // Django's own CSP from 6.0; django-csp before it: 4.x (settings in one dict) from Django 4.2,
    // 3.x (CSP_* settings) below, since django-csp 4.0 requires Django 4.2.
    djangoOwnCsp: atLeast(series, "6.0"),
    djangoCspMiddleware: !atLeast(series, "6.0"),
    djangoCsp: atLeast(series, "4.2") && !atLeast(series, "6.0"),
    djangoCsp3: !atLeast(series, "4.2"),
    cacheBackend: atLeast(series, "4.0") ? "django.core.cache.backends.redis.RedisCache" : "django_redis.cache.RedisCache",
    baseSilenced: isSet("SILENCED_SYSTEM_CHECKS"),
    baseStaticUrl: isSet("STATIC_URL"),
    baseMediaUrl: isSet("MEDIA_URL"),
    channels: context.detected.channels,
    objectStorage: context.detected.objectStorage,
  });
}

/** Which of the new modules a file that named the old one should run: deployed processes get production. */
function moduleForReference(path: string, text: string, layout: { production: string; development: string }): string {
  const name = posix.basename(path);
  // A Dockerfile or compose file that runs runserver is the team's development setup (init writes
  // its own production image and stack beside it): it keeps running the development settings.
  if (!name.endsWith(".py") && /\brunserver\b/.test(text)) return layout.development;
  // The celery app's setdefault serves the worker and beat, deployed processes like wsgi and asgi.
  if (/^(wsgi|asgi|celery)\.py$/.test(name)) return layout.production;
  if (/^(Procfile|Dockerfile|Containerfile)/i.test(name) || /\.(dockerfile|service|socket)$/i.test(name)) return layout.production;
  if (/(^|[.-])(docker-)?compose/i.test(name) && /\.ya?ml$/.test(name)) return layout.production;
  if (/supervisor/i.test(path) || (/\.ya?ml$/.test(name) && /(^|\/)(k8s|kubernetes|deploy|helm|charts?)\//.test(path)))
    return layout.production;
  return layout.development;
}

const REFERENCE_FILES =
  /(^|\/)(manage\.py|[^/]+\.py|Procfile(\.[\w-]+)?|Dockerfile(\.[\w-]+)?|Containerfile|[^/]*compose[^/]*\.ya?ml|pytest\.ini|tox\.ini|setup\.cfg|pyproject\.toml|Makefile|\.env(\.[\w-]+)?|[^/]+\.(service|socket|conf|ini|ya?ml|sh|toml|cfg))$/;

/** The settings part: the settings package or block, the dev split, references to the old module. */
export function planSettings(context: PartContext, layout: SettingsLayout): PartResult {
  const { project, model, detected } = context;
  const proposals: Proposal[] = [];
  const choices = [];
  if (layout.mode === "split-single") {
    const oldFile = moduleFile(project, detected.settingsModule);
    const text = oldFile ? context.read(oldFile) : undefined;
    if (!oldFile || text === undefined) throw new InputError(`${detected.settingsModule}: the settings module cannot be read`);
    const dir = oldFile.replace(/\.py$/, "");
    const split = splitSettingsModule(context.parser, oldFile, text);
    proposals.push({
      path: `${dir}/base.py`,
      from: oldFile,
      content: split.base,
      ownership: "edit",
      part: "settings",
      reason: `the settings every environment shares; BASE_DIR gains one .parent (the file is one folder deeper)${split.moved.length ? `; ${split.moved.join(", ")} moved to dev.py` : ""}`,
    });
    proposals.push({
      path: `${dir}/__init__.py`,
      content: "",
      ownership: "generated",
      part: "settings",
      reason: "makes settings/ a package: base.py, dev.py, prod.py",
    });
    proposals.push({
      path: `${dir}/dev.py`,
      content: template("settings/dev.py", { moved: split.devStatements, importOs: /\bos\./.test(split.devStatements) }),
      ownership: "generated",
      part: "settings",
      reason: "development settings: the project's own literal secret and debug values, never used in production",
    });
    proposals.push({
      path: `${dir}/prod.py`,
      content: productionSettings(context, true, "base", [text]),
      ownership: "generated",
      part: "settings",
      reason: "production settings: every secret and deployment value from the environment, every deploy check met",
    });
    choices.push({
      id: "settings-layout",
      value: "package",
      reason: `${oldFile} is one module for every environment: split into base, dev and prod`,
    });
    // Every other file that names the old module now names the one it should run.
    for (const path of model.workspace.allFiles) {
      if (path === oldFile || !REFERENCE_FILES.test(path)) continue;
      if (!(model.project.root === "." || path.startsWith(`${model.project.root}/`) || !path.includes("/"))) continue;
      const current = context.read(path);
      if (current === undefined || !current.includes(detected.settingsModule)) continue;
      const target = moduleForReference(path, current, layout);
      const updated = path.endsWith(".py")
        ? replaceModuleString(context.parser, path, current, detected.settingsModule, target)
        : replaceModuleText(current, detected.settingsModule, target);
      if (updated !== current)
        proposals.push({
          path,
          content: updated,
          ownership: "edit",
          part: "settings",
          reason: `named ${detected.settingsModule}; now ${target}`,
        });
    }
  } else {
    const productionPath = inProject(model.project.root, `${layout.production.split(".").join("/")}.py`);
    const basePath = inProject(model.project.root, `${layout.production.split(".").slice(0, -1).join("/")}/base.py`);
    const baseTexts = [context.read(basePath) ?? "", ...(layout.mode === "block" ? [context.read(productionPath) ?? ""] : [])];
    if (layout.mode === "new-module") {
      proposals.push({
        path: productionPath,
        content: productionSettings(context, true, "base", baseTexts),
        ownership: "generated",
        part: "settings",
        reason: "production settings beside the project's base module",
      });
    } else {
      const block = `${BLOCK_START}\n# Written by \`djship init\`: a re-run replaces the lines between these markers; edit above them.\n${productionSettings(context, false, "base", baseTexts)}${BLOCK_END}\n`;
      proposals.push({
        path: productionPath,
        content: block,
        block,
        ownership: "block",
        part: "settings",
        reason: "the project's production module keeps everything it has; init's settings go in one marked block at its end",
      });
    }
    choices.push({
      id: "settings-layout",
      value: "keep",
      reason: `already split: production is ${layout.production}, development ${layout.development}`,
    });
  }
  const packageDir = inProject(model.project.root, context.projectPackage.split(".").join("/"));
  proposals.push({
    path: `${packageDir}/jsonlog.py`,
    content: template("settings/jsonlog.py", {}),
    ownership: "generated",
    part: "settings",
    reason: "the JSON log formatter LOGGING uses (standard library only)",
  });
  const library = libraryFor(detected);
  choices.push({
    id: "settings-library",
    value: library,
    reason: detected.settingsLibrary
      ? `the project already reads its settings with ${detected.settingsLibrary}`
      : "the project reads no environment yet: django-environ, which also reads NAME_FILE secrets",
  });
  choices.push({
    id: "database-pooling",
    value: context.djangoPool ? "django" : "pgbouncer",
    reason: context.djangoPool
      ? `Django ${detected.djangoVersion} has its own psycopg pool (>= 5.1), with CONN_MAX_AGE = 0; no pgbouncer in front of it`
      : `Django ${detected.djangoVersion} has no pool of its own (< 5.1): pgbouncer in transaction mode, server-side cursors off`,
  });
  return { proposals, environment: settingsEnvironment(context), choices };
}
