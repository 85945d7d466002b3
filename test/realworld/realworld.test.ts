/**
 * The real-world regression suite: the deployment surface of public Django projects of different
 * styles (test/fixtures/realworld/<name>/, each with an ORIGIN file), audited as they are, with
 * hand-checked expectations: settings that must be read, findings that must fire and must not, and
 * a verdict on every error and warning (true or false positive, with the reason), so that precision
 * per severity is printed and a regression shows.
 *
 * Expectations that wait on the settings interpreter (split settings, class settings, constructs it
 * does not model yet) are written as they should be and marked `todo` with the reason: they run,
 * and flip to passing when the interpreter learns the construct.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { type AuditResult, audit } from "../../src/audit.js";
import type { Finding } from "../../src/findings/finding.js";
import { loadWorkspace } from "../../src/model/project.js";
import { settingsDocument } from "../../src/report/settings-json.js";
import { FIXTURES } from "../helpers/paths.js";

const REALWORLD = join(FIXTURES, "realworld");

/** A judged finding: true or false positive, or an artefact of keeping only the deployment surface. */
type Verdict = { readonly tp: boolean; readonly why: string } | { readonly fixture: string };
const tp = (why: string): Verdict => ({ tp: true, why });
const fp = (why: string): Verdict => ({ tp: false, why });
/** The finding is about a file or folder the fixture left out (only the deployment surface is kept). */
const trimmed = (why = "the folder exists upstream; the fixture keeps only the deployment surface"): Verdict => ({ fixture: why });

interface Case {
  readonly name: string;
  /** The fixture folder, when several cases audit one project in different environments (default: name). */
  readonly fixture?: string;
  readonly style: string;
  /** A documented production environment to audit with (exact mode); absent: any environment. */
  readonly environment?: Readonly<Record<string, string>>;
  /** The settings module production loads. */
  readonly settingsModule: string;
  /** The role of those settings when they are not production's (discover/projects.ts). */
  readonly settingsRole?: "development" | "test";
  /** Settings that must be read, by name: a JSON value, or "unknown" when it depends on the environment. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** DATABASES["default"]["ENGINE"], when djship must know it. */
  readonly databaseEngine?: string;
  /** The length of SECRET_KEY, when the environment gives it. */
  readonly secretKeyLength?: number;
  /** Set when djship cannot read these settings yet: why, and what will fix it. */
  readonly unreadable?: string;
  /**
   * Set when djship does not read these settings and says so (CFG105), what it does not follow:
   * no settings rule may fire; reading them is what would turn the values test on.
   */
  readonly unread?: string;
  /** Findings that must fire: "CODE" or "CODE@file". */
  readonly fire?: readonly string[];
  /** Findings that must not fire: "CODE" or "CODE@file". */
  readonly quiet?: readonly string[];
  /** Findings that must not fire but still do, with the issue that will fix it. */
  readonly quietTodo?: Readonly<Record<string, string>>;
  /** "CODE@file:line", "CODE@file", "CODE@-" (no file) or "CODE@*" (any file) → verdict. */
  readonly verdicts: Readonly<Record<string, Verdict>>;
}

const SETTINGS_RULE_AREAS = /^(CFG0|SEC0|STC0|DB0|CCH0)/;

const BAKERYDEMO_VERDICTS: Case["verdicts"] = {
  "DB101@bakerydemo/settings/base.py:129": tp(
    "without DATABASE_URL (the variable the fallback names) the default database is a SQLite file",
  ),
  "CFG110@bakerydemo/settings/production.py:28": tp(
    'os.getenv("DJANGO_ALLOWED_HOSTS", "*"): every host is accepted unless the variable is set',
  ),
  "CFG106@bakerydemo/settings/production.py:30": tp("production.py sets the console EmailBackend unconditionally: no e-mail is sent"),
  "SEC105@bakerydemo/settings/production.py:268": tp("HSTS defaults to 30 days"),
  "CFG107@bakerydemo/settings/production.py:278": tp("SECURE_BROWSER_XSS_FILTER is ignored since Django 3.0"),
  "CFG101@bakerydemo/settings/base.py:253": fp("a Google Maps browser key: public by design, every visitor's browser receives it"),
  "CI106@Dockerfile:4": tp("no USER and no privilege drop in the entrypoint: gunicorn runs as root"),
  "STC004@bakerydemo/settings/base.py:178": trimmed(),
  "CFG101@bakerydemo/settings/base.py:276": tp('ADMIN_PASSWORD falls back to "changeme" when unset'),
  "OBS101@bakerydemo/settings/production.py:1": tp("no Sentry or other tracker anywhere"),
  "OBS102@bakerydemo/settings/production.py:1": tp("ADMINS is not set and no tracker"),
  "SEC010@bakerydemo/settings/production.py:1": tp("SESSION_COOKIE_SECURE is never set"),
  "SEC016@bakerydemo/settings/production.py:1": tp("CSRF_COOKIE_SECURE is never set"),
  "SEC021@bakerydemo/settings/production.py:1": tp("HSTS defaults on (DEFAULT_HSTS_SECONDS) without preload"),
  "SEC005@bakerydemo/settings/production.py:275": tp("SECURE_HSTS_INCLUDE_SUBDOMAINS = False while HSTS is on by default"),
};

/** bakerydemo's production environment, from its docker-compose.yml and Heroku docs: secret, hosts, database. */
const BAKERYDEMO_PRODUCTION = {
  DJANGO_SETTINGS_MODULE: "bakerydemo.settings.production",
  DJANGO_SECRET_KEY: "k7Yq2Lr8Tz4Wv9Kp3Yc6Hd1Fs5Gn0Bq7Xe2Ra9Uy4Io6Pl3MkZ",
  DJANGO_ALLOWED_HOSTS: "bakerydemo.example.com",
  DATABASE_URL: "postgres://bakery:pw@db:5432/bakery",
};

const CASES: readonly Case[] = [
  {
    name: "bakerydemo",
    style: "split settings (base/dev/production), dj-database-url, Dockerfile sets the production module",
    settingsModule: "bakerydemo.settings.production",
    settings: { DEBUG: false, ALLOWED_HOSTS: "unknown", SESSION_COOKIE_SECURE: false },
    quiet: ["CFG018", "CFG100"],
    verdicts: BAKERYDEMO_VERDICTS,
  },
  {
    name: "bakerydemo in its production environment",
    fixture: "bakerydemo",
    style: "the same project read with exactly the variables production sets",
    environment: BAKERYDEMO_PRODUCTION,
    settingsModule: "bakerydemo.settings.production",
    settings: {
      DEBUG: false,
      ALLOWED_HOSTS: ["bakerydemo.example.com"],
      SECURE_SSL_REDIRECT: true,
      SECURE_HSTS_SECONDS: 2592000,
      SECURE_HSTS_INCLUDE_SUBDOMAINS: false,
      SECURE_CONTENT_TYPE_NOSNIFF: true,
      SESSION_COOKIE_SECURE: false,
    },
    databaseEngine: "django.db.backends.postgresql",
    secretKeyLength: 50,
    fire: ["SEC010", "SEC016", "SEC005"],
    quiet: ["CFG100", "CFG018", "CFG020", "SEC008", "SEC004", "DB101"],
    verdicts: BAKERYDEMO_VERDICTS,
  },
  {
    name: "healthchecks",
    style: "one settings module, os.getenv with defaults, uwsgi in docker/, docker-compose in docker/",
    settingsModule: "hc.settings",
    settings: { DEBUG: "unknown", SECURE_SSL_REDIRECT: false, SECURE_HSTS_SECONDS: 0 },
    fire: ["CFG018@hc/settings.py", "SEC009@hc/settings.py"],
    quiet: ["CFG100"],
    verdicts: {
      "DB101@hc/settings.py:207": tp("DB defaults to sqlite unless DB/DB_NAME are set"),
      "CFG801@hc/settings.py:319": tp("MAILERS = {} unless EMAIL_HOST is set: Django 6.1's mail.W001 on that path"),
      "CI104@.github/workflows/publish_docker_image.yml": tp("tags push images to Docker Hub with no test job in the workflow"),
      "SEC009@hc/settings.py:68": tp('SECRET_KEY = os.getenv("SECRET_KEY", "---"): 3 characters when unset'),
      "CFG018@hc/settings.py:70": tp('DEBUG = envbool("DEBUG", "True"): on unless set'),
      "CI103@*": tp("no workflow runs makemigrations --check"),
      "CI107@docker/Dockerfile:17": tp(
        "the build context is the repository root (compose context: ..) and upstream has no .dockerignore there either",
      ),
      "DB106@docker/docker-compose.yml:5": tp("a PostgreSQL service and no backup anywhere"),
      "DB104@docker/docker-compose.yml:28": fp(
        "docker/uwsgi.ini runs migrate as a hook (hook-pre-app = exec:./manage.py migrate), which djship does not follow",
      ),
      "SCL103@docker/docker-compose.yml:28": tp("no memory or CPU limit on web"),
      "SRV107@docker/docker-compose.yml:28": tp("nothing in the repository puts a proxy in front of uwsgi"),
      "OBS101@hc/settings.py:1": tp("no error tracker configured"),
      "SEC004@hc/settings.py:1": tp("SECURE_HSTS_SECONDS is never set"),
      "SEC008@hc/settings.py:1": tp("SECURE_SSL_REDIRECT is never set"),
      "SEC010@hc/settings.py:1": tp("SESSION_COOKIE_SECURE is never set"),
      "SEC016@hc/settings.py:1": tp("CSRF_COOKIE_SECURE is never set"),
      "STC104@hc/settings.py:1": fp(
        "django-compressor (COMPRESS_OFFLINE, content hashing) names the bundles it serves; the default storage is intended",
      ),
      "CFG101@hc/settings.py:68": tp('the "---" fallback is a literal in the repository'),
      "STC004@hc/settings.py:288": trimmed(),
    },
  },
  {
    name: "django-oscar",
    style: "sandbox project inside a library repository, os.environ.get with defaults",
    settingsModule: "settings",
    settings: { DEBUG: "unknown", ALLOWED_HOSTS: "unknown" },
    fire: ["CFG018@sandbox/settings.py"],
    quiet: ["CFG100"],
    verdicts: {
      "CFG106@sandbox/settings.py:16": tp("the sandbox sends e-mail to the console"),
      "DB101@sandbox/settings.py:19": tp("DATABASE_ENGINE defaults to django.db.backends.sqlite3"),
      "CFG107@sandbox/settings.py:85": tp("USE_L10N is ignored since Django 5.0"),
      "CFG107@sandbox/settings.py:432": tp("SECURE_BROWSER_XSS_FILTER is ignored since Django 3.0"),
      "CFG018@sandbox/settings.py:11": tp('DEBUG = os.environ.get("DEBUG", "True") == "True"'),
      "CI103@*": tp("no makemigrations --check in CI"),
      "SRV102@pyproject.toml:1": fp(
        "the sandbox is a demo of a library; its server is not a dependency of the library's pyproject, and that is right",
      ),
      "OBS101@sandbox/settings.py:1": tp("no tracker"),
      "OBS102@sandbox/settings.py:1": tp("ADMINS empty"),
      "SEC010@sandbox/settings.py:1": tp("not set"),
      "SEC016@sandbox/settings.py:1": tp("not set"),
      "CFG101@sandbox/settings.py:120": tp("SECRET_KEY falls back to a literal"),
      "SEC008@sandbox/settings.py:429": tp("False unless the variable is set"),
      "SEC004@sandbox/settings.py:430": tp("0 unless the variable is set"),
    },
  },
  {
    name: "Django-Styleguide-Example",
    style: "config/django/base.py + config/settings/*.py, django-environ (env.Path arithmetic)",
    settingsModule: "config.django.production",
    settings: { DEBUG: "unknown", ALLOWED_HOSTS: "unknown" },
    quiet: ["CFG100"],
    verdicts: {
      "CCH101@config/django/production.py:1": tp("no CACHES: LocMemCache in the web and Celery worker processes of the Procfile"),
      "CFG020@config/django/production.py:9": tp(
        'env.list("ALLOWED_HOSTS", default=[]): a deploy without the variable answers every request with 400',
      ),
      "CFG101@config/django/base.py:23": fp(
        "the development key of base.py: production runs config/django/production.py (DJANGO_SETTINGS_MODULE on the platform), which reads SECRET_KEY from the environment",
      ),
      "CFG018@config/django/base.py:26": fp('config/django/production.py sets DEBUG = env.bool("DJANGO_DEBUG", default=False)'),
      "CCH101@config/django/base.py:1": tp("no CACHES: LocMemCache in the web and Celery worker processes of the Procfile"),
      "CFG110@config/django/base.py:28": fp("production.py sets ALLOWED_HOSTS from the environment (default [])"),
      "CFG107@config/django/base.py:153": tp("USE_L10N is ignored since Django 5.0"),
      "CFG107@config/django/base.py:162": tp("STATICFILES_STORAGE is ignored since Django 5.1"),
      "CFG101@config/settings/celery.py:5": tp("CELERY_BROKER_URL falls back to amqp://guest:guest@localhost//"),
      "CFG106@config/settings/email_sending.py:11": tp("the console backend unless the e-mail strategy variable selects another"),
      "CFG107@config/settings/files_and_storages.py:19": tp("DEFAULT_FILE_STORAGE is ignored since Django 5.1"),
      "SEC010@config/settings/sessions.py:13": fp("production.py sets SESSION_COOKIE_SECURE = env.bool(..., default=True)"),
      "CFG100@config/env.py:6": fp("environ.Path(__file__) - 1 works in django-environ; djship's own limit"),
      "CI103@*": tp("no makemigrations --check"),
      "SEC102@requirements/base.txt:1": tp("the pinned 5.2.7 misses security releases"),
    },
  },
  {
    name: "awx",
    style: "django-split-settings include() of defaults + production/development",
    settingsModule: "awx.settings",
    unread:
      "production runs awx.settings.production, which manage.py and asgi.py reach through awx.prepare_env() ('awx.settings.%s' % MODE, MODE from whether awx.devonly imports): djship does not evaluate it, so it reads no settings and says so (CFG105) instead of reading asgi.py's later awx.settings default",
    quiet: ["SEC009", "CFG020", "SEC001", "SEC002", "SEC003", "OBS100"],
    verdicts: {
      "CI104@.github/workflows/stage.yml": fp("a manually dispatched release-staging playbook that drafts a GitHub release"),
      "CI104@.github/workflows/ci.yml": fp("the dev-env job runs ansible-playbook against a throwaway local environment, not a deployment"),
      "SEC009@awx/settings/__init__.py:1": fp("settings not read (split-settings)"),
      "SEC101@requirements/requirements.in:15": tp("Django 4.2 is out of support in this table"),
      "CI101@*": fp("tests run through `make test` in a container, which djship does not see through"),
      "CI103@*": fp("migrations are checked via make targets"),
      "CFG020@awx/settings/__init__.py:1": fp("settings not read"),
      "OBS100@awx/settings/__init__.py:1": fp("settings not read"),
      "OBS101@awx/settings/__init__.py:1": fp("settings not read"),
      "OBS102@awx/settings/__init__.py:1": fp("settings not read"),
      "SEC001@awx/settings/__init__.py:1": fp("settings not read"),
      "SEC002@awx/settings/__init__.py:1": fp("settings not read"),
      "SEC003@awx/settings/__init__.py:1": fp("settings not read"),
      "SEC102@requirements/requirements.in:15": tp("4.2.16 misses security releases"),
    },
  },
  {
    name: "baserow",
    style: "monorepo (backend/src package with manage.py inside), many compose files and deploy recipes, Dockerfile stages",
    settingsModule: "baserow.config.settings.base",
    settings: { DEBUG: "unknown" },
    // deploy/heroku/ and deploy/all-in-one/ docker-compose.yml say under `services:` that each is "a
    // dev / testing /example compose file": their literal logins (mailhog's, the local database's),
    // mailhog untagged and the local PostgreSQL without backups are a developer's stack, at most info.
    // Judged false while they were warnings (CFG108 ×4, DB106, CI112 on the heroku file); the
    // all-in-one file's untagged mailhog had been judged true, against the file's own header.
    quiet: [
      "CFG100",
      "CFG108@deploy/heroku/docker-compose.yml",
      "DB106@deploy/heroku/docker-compose.yml",
      "CI112@deploy/heroku/docker-compose.yml",
      "CI112@deploy/all-in-one/docker-compose.yml",
      // supervisor/start.sh execs supervisord, and every program in supervisor.conf has user= (a
      // false CI106 until CI106 read supervisor's per-program users).
      "CI106@deploy/all-in-one/Dockerfile",
    ],
    verdicts: {
      "CFG109@backend/src/baserow/config/settings/base.py:55": tp("bool(os.getenv(...)): BASEROW_OSS_ONLY=false turns it on"),
      "CFG107@backend/src/baserow/config/settings/base.py:360": tp("USE_L10N is ignored since Django 5.0"),
      "CFG109@backend/src/baserow/config/settings/base.py:862": tp("EMAIL_SMTP_USE_TLS=false turns TLS on"),
      "CFG109@backend/src/baserow/config/settings/base.py:870": tp("EMAIL_SMTP_USE_SSL=false turns SSL on"),
      "CFG109@backend/src/baserow/config/settings/base.py:984": tp("a flag read with bool()"),
      "CFG109@backend/src/baserow/config/settings/base.py:1014": tp("=false allows webhooks to private addresses: a flag read with bool()"),
      "CFG109@backend/src/baserow/config/settings/base.py:1044": tp("a flag read with bool()"),
      "CFG109@backend/src/baserow/config/settings/base.py:1060": tp("=false still trusts X-Forwarded-Proto"),
      "CFG109@backend/src/baserow/config/settings/base.py:1063": tp("a flag read with bool()"),
      "CFG109@backend/src/baserow/config/settings/base.py:1205": tp("a flag read with bool()"),
      "CFG109@backend/src/baserow/config/settings/base.py:1206": tp("a flag read with bool()"),
      "CFG109@backend/src/baserow/core/telemetry/utils.py:223": tp("a flag read with bool()"),
      "CI112@deploy/apache/recommended/docker-compose.yml:11": tp(":develop-latest floats"),
      "CI112@deploy/nginx/no-caddy/docker-compose.override.nginx.yml:14": tp("nginx untagged"),
      "CI112@deploy/nginx/recommended/docker-compose.yml:6": tp("nginx untagged"),
      "CI112@deploy/nginx/recommended/docker-compose.yml:13": tp(":develop-latest floats"),
      "CI112@deploy/traefik/docker-compose.yml:18": tp(":develop-latest floats"),
      "SEC006@backend/src/baserow/config/settings/base.py": fp("a value djship cannot know is djship's limit, not a finding"),
      "SEC013@backend/src/baserow/config/settings/base.py": fp("a value djship cannot know is djship's limit, not a finding"),
      "SEC019@backend/src/baserow/config/settings/base.py": fp("a value djship cannot know is djship's limit, not a finding"),
      "SRV103@backend/Dockerfile:136": fp(
        "gunicorn runs with uvicorn workers from the entrypoint script (gunicorn -k uvicorn.workers.UvicornWorker)",
      ),
      "SEC009@backend/src/baserow/config/settings/base.py:1": tp(
        'SECRET_KEY is set only `if "SECRET_KEY" in os.environ`: otherwise it is empty',
      ),
      "CI100@-": trimmed("baserow's CI is .gitlab-ci.yml, left out of the fixture for size"),
      "CI109@backend/Dockerfile:2": fp("debian:bookworm-slim is a distribution release, the tag Debian images are pinned by"),
      "SRV104@backend/Dockerfile:136": tp("one worker unless WEB_CONCURRENCY/BASEROW_AMOUNT_OF_GUNICORN_WORKERS is set"),
      "SEC004@backend/src/baserow/config/settings/base.py:1": tp("HSTS never set"),
      "SEC008@backend/src/baserow/config/settings/base.py:1": tp(
        "SECURE_SSL_REDIRECT is never set (a proxy may redirect; Django's check reports it all the same)",
      ),
      "SEC010@backend/src/baserow/config/settings/base.py:1": tp("not set"),
      "SEC016@backend/src/baserow/config/settings/base.py:1": tp("not set"),
      "CFG101@backend/src/baserow/config/settings/base.py:235": tp('DATABASE_PASSWORD falls back to "baserow" (its own line)'),
      "CI109@deploy/all-in-one/Dockerfile:5": fp("FROM baserow_backend: a stage built in the same pipeline, not a registry image"),
      "CI109@deploy/all-in-one/Dockerfile:7": fp("FROM baserow_web-frontend: a locally built image"),
      "CI109@deploy/all-in-one/Dockerfile:8": fp("a Debian release tag"),
      "CI106@deploy/apache/no-caddy/Dockerfile:1": tp("an Apache image running as root"),
      "CI109@deploy/apache/no-caddy/Dockerfile:1": fp("a Debian release tag"),
      "CI106@deploy/apache/recommended/Dockerfile:1": tp("runs as root"),
      "CI109@deploy/apache/recommended/Dockerfile:1": fp("a Debian release tag"),
      "DB106@docker-compose.yml:373": tp("a PostgreSQL service and no backup step"),
    },
  },
  {
    name: "doccano",
    style: "backend/ subfolder, environs, split settings (base/production), Dockerfile.heroku, prod compose",
    settingsModule: "config.settings.production",
    settings: { DEBUG: false },
    // ci.yml runs `poetry run task test`, a taskipy task that runs the tests (a false CI101 until the
    // task runner was read inside its wrapper).
    // Dockerfile.heroku is FROM doccano/doccano:nightly, which publish-image.yml builds from docker/Dockerfile,
    // ending with USER doccano (a false CI106 until base images the repository builds were followed).
    quiet: ["CFG100", "CFG018", "CI101", "CI106@docker/Dockerfile.heroku"],
    verdicts: {
      "CFG110@backend/config/settings/base.py:233": tp('ALLOWED_HOSTS = ["*"] ("Allow all host headers")'),
      "CFG106@backend/config/settings/base.py:251": tp("console EmailBackend whenever EMAIL_HOST is unset"),
      "CCH101@backend/config/settings/production.py:1": tp("no CACHES: LocMemCache in gunicorn's workers and celery"),
      "CI112@docker/docker-compose.prod.yml:5": tp(":backend floats"),
      "CI112@docker/docker-compose.prod.yml:26": tp(":backend floats"),
      "CI112@docker/docker-compose.prod.yml:43": tp(":backend floats"),
      "CI112@docker/docker-compose.prod.yml:70": tp(":frontend floats"),
      "SCL103@docker/docker-compose.prod.yml:25": tp("no limits on celery"),
      "TSK105@docker/docker-compose.prod.yml:25": tp("the celery service has no restart:"),
      "SRV108@tools/prod-django.sh:34": tp(
        "gunicorn --timeout=300; nginx raises proxy_read_timeout for /v1/ only, /admin/ and /swagger/ keep 60 s",
      ),
      "SEC101@backend/pyproject.toml:40": tp("the lock resolves Django 4.2, out of support in this table"),
      "CI110@docker/Dockerfile:71": tp("ENV SECRET_KEY in the image"),
      "CI103@*": tp("no makemigrations --check"),
      "STC004@backend/config/settings/base.py:115": trimmed("client/dist/static is built by the frontend build"),
      "STC104@backend/config/settings/base.py:119": tp("CompressedStaticFilesStorage has no hashed names"),
      "DB101@backend/config/settings/base.py:195": fp(
        "DATABASES is updated from DATABASE_URL (dj_database_url.config), which the production compose sets to PostgreSQL",
      ),
      "OBS101@backend/config/settings/production.py:1": tp("no tracker"),
      "OBS102@backend/config/settings/production.py:1": tp("ADMINS empty"),
      "SEC004@backend/config/settings/production.py:1": tp("not set"),
      "SEC008@backend/config/settings/production.py:1": tp("not set"),
      "CI109@docker/Dockerfile.heroku:1": tp(":nightly floats"),
      "DB106@docker/docker-compose.prod.yml:92": tp("no backup"),
    },
  },
  {
    name: "kuma",
    style: "split settings (common/prod), python-decouple, docker-compose for development, Kubernetes elsewhere",
    settingsModule: "kuma.settings.prod",
    settings: { DEBUG: "unknown", SECURE_SSL_REDIRECT: false },
    // docker.yml runs `docker-compose run -T testing make coveragetest` (a false CI101 until make was
    // read inside docker-compose run and a target named for the tests counted without the Makefile).
    // docker/images/kuma is FROM mdnwebdocs/kuma_base, which docker-compose.yml builds from
    // docker/images/kuma_base/Dockerfile, ending with USER kuma (a false CI106 until then).
    // The Makefile's build-kuma runs `docker build -f docker/images/kuma/Dockerfile ... .`: the context is
    // the root, which has a .dockerignore (a false CI107 while djship looked beside the Dockerfile).
    quiet: ["CFG100", "SRV109", "SCL102@docker-compose.yml", "CI101", "CI106@docker/images/kuma/Dockerfile", "CI107"],
    verdicts: {
      "TSK101@pyproject.toml:14": tp("no file of this repository runs a Celery worker (kuma deployed from another repository)"),
      "CFG101@kuma/settings/common.py:42": tp("DATABASE_URL falls back to postgresql://kuma:kuma@localhost/kuma"),
      "CFG101@kuma/settings/common.py:226": tp("SECRET_KEY falls back to a 50-character literal in the repository"),
      "CFG106@kuma/settings/common.py:418": tp("EMAIL_BACKEND defaults to the filebased backend: no e-mail is sent unless it is set"),
      "SEC101@pyproject.toml:17": tp("Django 3.2 is out of support"),
      "CI109@docker/images/kuma/Dockerfile:1": tp("FROM ...:latest"),
      "SEC004@kuma/settings/prod.py:1": tp("not set in the settings"),
      "SEC008@kuma/settings/prod.py:1": tp("not set in the settings"),
      "STC104@kuma/settings/prod.py:1": tp("StaticFilesStorage"),
    },
  },
  {
    name: "mathesar",
    style: "config/settings/{common_settings,production,development}.py, decouple, several compose files, Caddy",
    settingsModule: "config.settings.production",
    quiet: ["CFG100", "CI106@Dockerfile.devdb", "CI106@api_tests/Dockerfile"],
    verdicts: {
      "CFG109@config/settings/common_settings.py:182": tp("TEST=false turns test mode on"),
      "CFG108@docker-compose.yml:51": tp('x-config anchor: POSTGRES_PASSWORD falls back to "mathesar"'),
      "CI112@docker-compose.yml:175": tp(":latest"),
      "CI112@docker-compose.yml:277": tp(":latest"),
      "SEC101@requirements.txt:4": tp("Django 4.2, out of support in this table"),
      "CI101@*": trimmed("tests run in test-and-lint-code.yml, left out of the fixture for size"),
      "CI103@*": trimmed("the test workflow was left out of the fixture"),
      "CI106@Dockerfile:122": tp("the production image has no USER"),
      "CI106@Dockerfile.caddy:3": tp("Caddy as root (binds 80/443)"),
      "STC004@config/settings/common_settings.py:281": trimmed(),
      "OBS100@config/settings/production.py:1": tp("LOGGING is not set anywhere in the settings"),
      "OBS101@config/settings/production.py:1": tp("no tracker"),
      "OBS102@config/settings/production.py:1": tp("ADMINS empty"),
      "SEC004@config/settings/production.py:1": tp("not set in the settings"),
      "SEC008@config/settings/production.py:1": tp("not set in the settings"),
      "SEC010@config/settings/production.py:1": tp("not set"),
      "SEC016@config/settings/production.py:1": tp("not set"),
      "SEC102@requirements.txt:4": tp("4.2.29 misses 4.2.30"),
    },
  },
  {
    name: "netbox",
    style: "settings.py that imports a user configuration.py, contrib/ systemd, gunicorn and nginx examples",
    settingsModule: "netbox.settings",
    settings: { ALLOWED_HOSTS: "unknown" },
    quiet: ["CFG100"],
    verdicts: {
      "SEC006@netbox/netbox/settings.py:1": fp(
        "a value djship cannot know (the operator's configuration) is djship's limit, not a finding",
      ),
      "SEC013@netbox/netbox/settings.py:1": fp("a value djship cannot know is djship's limit, not a finding"),
      "SEC004@netbox/netbox/settings.py:204": tp("HSTS is 0 unless configuration.py sets it, and the example does not"),
      "SEC008@netbox/netbox/settings.py:205": tp("SECURE_SSL_REDIRECT False unless configured"),
      "SEC010@netbox/netbox/settings.py:219": tp("SESSION_COOKIE_SECURE False unless configured"),
      "SEC016@netbox/netbox/settings.py:100": tp("CSRF_COOKIE_SECURE False unless configured, and the example does not"),
      "STC004@netbox/netbox/settings.py:609": trimmed("project-static/ is front-end content left out of the fixture"),
      "SEC019@netbox/netbox/settings.py:603": tp("Django's security.W019: SAMEORIGIN"),
      "CFG020@netbox/netbox/settings_utils.py:183": fp(
        "the example configuration's empty ALLOWED_HOSTS is for the operator to fill in, as the install guide says",
      ),
      "OBS100@netbox/netbox/settings_utils.py:183": tp("LOGGING = {} in the configuration the install guide copies: Django's defaults"),
      "CFG100@netbox/netbox/settings.py": fp(
        "with configuration.py copied from configuration_example.py, as the install guide says, real netbox loads",
      ),
      "SRV108@contrib/gunicorn.py:12": tp("gunicorn timeout 120 s behind nginx's 60 s default"),
      "SEC009@netbox/netbox/settings_utils.py:183": fp(
        "the example configuration's empty SECRET_KEY: settings.py raises on it (len < 50), so it is not in effect past the guard",
      ),
      "SEC026@netbox/netbox/settings.py:1": fp(
        "SECURE_CSP comes from the operator's configuration; a value djship cannot know is not a wrong one",
      ),
      "DB104@contrib/netbox.service:16": fp("upgrade.sh (not kept) runs migrate; systemd only starts the server"),
      "SEC209@contrib/nginx.conf:2": tp("no default_server on 443"),
      "SEC210@contrib/nginx.conf:7": fp("contrib/nginx.conf is an example to adapt; certificates are the operator's"),
    },
  },
  {
    name: "paperless-ngx",
    style: "settings package with custom parsers, s6-overlay image, many compose variants, systemd units",
    settingsModule: "paperless.settings",
    quiet: ["CFG100", "CI106@.devcontainer/Dockerfile"],
    quietTodo: { "CI106@Dockerfile": "issue 12: s6-setuidgid drops root (precision)" },
    verdicts: {
      "OBS101@src/paperless/settings/__init__.py:1": tp("no error tracker"),
      "OBS102@src/paperless/settings/__init__.py:1": tp("ADMINS empty, no tracker"),
      "SEC004@src/paperless/settings/__init__.py:1": tp("HSTS never set"),
      "SEC008@src/paperless/settings/__init__.py:1": tp("SECURE_SSL_REDIRECT never set"),
      "SEC010@src/paperless/settings/__init__.py:1": tp("SESSION_COOKIE_SECURE never set"),
      "SEC016@src/paperless/settings/__init__.py:1": tp("CSRF_COOKIE_SECURE never set"),
      "CFG106@src/paperless/settings/__init__.py:307": fp("the filebased backend only under `if DEBUG:`, which production does not take"),
      "SEC019@src/paperless/settings/__init__.py:419": tp("Django's security.W019: X_FRAME_OPTIONS is SAMEORIGIN"),
      "CFG107@src/paperless/settings/__init__.py:601": tp("USE_L10N is ignored since Django 5.0"),
      "CFG110@src/paperless/settings/parsers.py:256": tp('PAPERLESS_ALLOWED_HOSTS defaults to ["*"] (the message should say so)'),
      "CFG110@src/paperless/settings/__init__.py:444": tp('PAPERLESS_ALLOWED_HOSTS defaults to ["*"]'),
      "CFG108@docker/compose/docker-compose.mariadb-tika.yml:46": tp('the documented compose ships the password "paperless"'),
      "CFG108@docker/compose/docker-compose.mariadb-tika.yml:47": tp('root password "paperless"'),
      "CI112@docker/compose/docker-compose.mariadb-tika.yml:49": tp(":latest"),
      "CI112@docker/compose/docker-compose.mariadb-tika.yml:84": tp(":latest"),
      "CFG108@docker/compose/docker-compose.mariadb.yml:42": tp('password "paperless"'),
      "CFG108@docker/compose/docker-compose.mariadb.yml:43": tp('root password "paperless"'),
      "CI112@docker/compose/docker-compose.mariadb.yml:45": tp(":latest"),
      "CFG108@docker/compose/docker-compose.portainer.yml:42": tp('password "paperless"'),
      "CI112@docker/compose/docker-compose.portainer.yml:44": tp(":latest"),
      "CFG108@docker/compose/docker-compose.postgres-tika.yml:45": tp('password "paperless"'),
      "CI112@docker/compose/docker-compose.postgres-tika.yml:47": tp(":latest"),
      "CI112@docker/compose/docker-compose.postgres-tika.yml:79": tp(":latest"),
      "CFG108@docker/compose/docker-compose.postgres.yml:41": tp('password "paperless"'),
      "CI112@docker/compose/docker-compose.postgres.yml:43": tp(":latest"),
      "CI112@docker/compose/docker-compose.sqlite-tika.yml:38": tp(":latest"),
      "CI112@docker/compose/docker-compose.sqlite-tika.yml:68": tp(":latest"),
      "CI112@docker/compose/docker-compose.sqlite.yml:31": tp(":latest"),
      "CI104@.github/workflows/ci-docker.yml": tp("pushes dev and beta images on push without a test job in the workflow"),
      "CFG100@src/paperless/settings/parsers.py:34": fp("djship's own limit: the settings load under Django"),
      "CFG018@src/paperless/settings/parsers.py:31": fp("DEBUG is on only when PAPERLESS_DEBUG is set to a true value; unset, it is off"),
      "CI103@*": tp("no makemigrations --check"),
      "CI109@Dockerfile:8": tp("a floating major tag for the frontend build stage"),
      "CI106@Dockerfile:88": fp("s6-overlay drops to the paperless user (s6-setuidgid)"),
      "DB106@docker/compose/docker-compose.mariadb-tika.yml:37": tp("nothing in the repository backs up the database"),
      "DB104@docker/compose/docker-compose.mariadb-tika.yml:48": fp("the image's s6 init-migrations service runs migrate"),
      "DB106@docker/compose/docker-compose.mariadb.yml:33": tp("no backup"),
      "DB106@docker/compose/docker-compose.portainer.yml:34": tp("no backup"),
      "DB106@docker/compose/docker-compose.postgres-tika.yml:37": tp("no backup"),
      "DB106@docker/compose/docker-compose.postgres.yml:33": tp("no backup"),
      "TSK105@scripts/paperless-scheduler.service:9": tp("Restart= is not set"),
      "TSK105@scripts/paperless-task-queue.service:9": tp("Restart= is not set"),
    },
  },
  {
    name: "plane",
    style: "monorepo (apps/api), split settings (common/production/local/test), community compose and all-in-one image",
    settingsModule: "plane.settings.production",
    settings: { DEBUG: "unknown", SECURE_PROXY_SSL_HEADER: ["HTTP_X_FORWARDED_PROTO", "https"] },
    quiet: ["CFG100"],
    verdicts: {
      "SEC104@apps/api/plane/settings/common.py:29": tp('os.environ.get("SECRET_KEY", get_random_secret_key())'),
      "CFG110@apps/api/plane/settings/common.py:76": tp("ALLOWED_HOSTS defaults to *"),
      "SEC010@apps/api/plane/settings/common.py:166": tp("SESSION_COOKIE_SECURE = secure_origins, False when an origin is http:"),
      "SEC016@apps/api/plane/settings/common.py:166": tp("CSRF_COOKIE_SECURE = secure_origins, False when an origin is http:"),
      "SEC010@apps/api/plane/settings/common.py:169": tp("False when CORS_ALLOWED_ORIGINS is unset (the default)"),
      "SEC016@apps/api/plane/settings/common.py:169": tp("False when CORS_ALLOWED_ORIGINS is unset (the default)"),
      "SEC016@apps/api/plane/settings/common.py:367": tp(
        "CSRF_COOKIE_SECURE = secure_origins: False when CORS_ALLOWED_ORIGINS is unset (the default)",
      ),
      "STC004@apps/api/plane/settings/common.py:258": trimmed("plane/static is application content left out of the fixture"),
      "SEC004@apps/api/plane/settings/production.py:1": tp("HSTS never set"),
      "SEC008@apps/api/plane/settings/production.py:1": tp("SECURE_SSL_REDIRECT never set"),
      "OBS100@apps/api/plane/settings/production.py:31": tp("disable_existing_loggers True and no django logger"),
      "CFG101@apps/api/plane/settings/common.py:302": tp('RABBITMQ_PASSWORD falls back to "guest"'),
      "CFG109@apps/api/plane/settings/common.py:184": fp('if bool(os.environ.get("DATABASE_URL")): a presence test of a URL, not a flag'),
      "CFG109@apps/api/plane/settings/common.py:201": fp("a presence test of a URL, not a flag"),
      "CFG108@deployments/cli/community/docker-compose.yml:5": tp('x-db-env: POSTGRES_PASSWORD falls back to "plane"'),
      "CFG108@deployments/cli/community/docker-compose.yml:17": tp("MinIO's root password falls back to a literal"),
      "CFG108@deployments/cli/community/docker-compose.yml:22": tp("AWS_SECRET_ACCESS_KEY falls back to a literal"),
      "CFG108@deployments/cli/community/docker-compose.yml:41": tp('RabbitMQ password falls back to "plane"'),
      "CFG108@deployments/cli/community/docker-compose.yml:47": tp("LIVE_SERVER_SECRET_KEY falls back to a committed literal"),
      "CFG108@deployments/cli/community/docker-compose.yml:55": tp("the database URL carries the fallback password"),
      "CFG108@deployments/cli/community/docker-compose.yml:56": tp("SECRET_KEY falls back to a committed literal"),
      "CFG108@deployments/cli/community/docker-compose.yml:57": tp("the AMQP URL carries the fallback password"),
      "CFG108@deployments/cli/community/docker-compose.yml:60": tp("LIVE_SERVER_SECRET_KEY falls back to a committed literal"),
      "CI112@deployments/cli/community/docker-compose.yml:66": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:76": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:87": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:97": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:109": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:125": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:142": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:159": tp(":stable unless APP_RELEASE is set"),
      "CI112@deployments/cli/community/docker-compose.yml:208": tp("minio:latest"),
      "CI112@deployments/cli/community/docker-compose.yml:221": tp(":stable unless APP_RELEASE is set"),
      "CI112@docker-compose.yml:145": tp("minio untagged"),
      "CI104@.github/workflows/feature-deployment.yml:146": fp("helm upgrade of a feature branch's preview namespace"),
      "CI104@.github/workflows/feature-deployment.yml": fp("feature deployments are preview environments"),
      "CFG100@apps/api/plane/settings/production.py:17": fp("djship's own limit"),
      "SEC101@apps/api/requirements/base.txt:4": tp("Django 4.2, out of support in this table"),
      "CI108@deployments/aio/community/Dockerfile:54": tp(
        "the env file copied into the image carries the committed default SECRET_KEY of variables.env",
      ),
      "CFG102@deployments/aio/community/variables.env:29": tp("a literal SECRET_KEY committed that installs use unless changed"),
      "CFG102@deployments/cli/community/variables.env:24": tp("default passwords and a SECRET_KEY committed"),
      "CI101@*": tp("no workflow runs the API tests"),
      "CI103@*": tp("no makemigrations --check"),
      "CI106@apps/api/Dockerfile.api:1": tp("no USER"),
      "CFG101@apps/api/plane/settings/common.py:286": tp('AWS_SECRET_ACCESS_KEY falls back to "secret-key"'),
      "CFG101@apps/api/plane/settings/common.py:310": tp("the broker URL carries the guest password"),
      "CI106@apps/proxy/Dockerfile.ce:8": tp("Caddy as root"),
      "CI109@deployments/aio/community/Dockerfile:2": tp("an untagged image"),
      "CI109@deployments/aio/community/Dockerfile:7": tp("node:22-alpine floats"),
      "CI106@deployments/aio/community/Dockerfile:19": tp("no USER"),
      "SCL102@deployments/cli/community/docker-compose.yml:110": tp("no health check on api"),
      "SCL103@deployments/cli/community/docker-compose.yml:110": tp("no limits"),
      "SCL103@deployments/cli/community/docker-compose.yml:126": tp("no limits"),
      "SCL103@deployments/cli/community/docker-compose.yml:143": tp("no limits"),
      "DB106@deployments/cli/community/docker-compose.yml:174": tp("no backup"),
      "SCL102@docker-compose.yml:45": tp("no health check"),
      "SCL103@docker-compose.yml:45": tp("no limits"),
      "SCL103@docker-compose.yml:60": tp("no limits"),
      "SCL103@docker-compose.yml:76": tp("no limits"),
      "DB106@docker-compose.yml:108": tp("no backup"),
    },
  },
  {
    name: "readthedocs.org",
    style: "class-based settings (CommunityBaseSettings.load_settings(__name__)), docker-compose override",
    settingsModule: "readthedocs.settings.docker_compose",
    settingsRole: "development",
    settings: { DEBUG: "unknown", ALLOWED_HOSTS: ["*"] },
    quiet: ["CFG100"],
    verdicts: {
      "CFG106@readthedocs/core/settings.py:26": fp(
        "docker_compose.py configures the local development stack; production settings live outside this repository",
      ),
      "CFG107@readthedocs/core/settings.py:26": tp("USE_L10N is ignored since Django 5.0, whatever the environment"),
      "CFG110@readthedocs/core/settings.py:26": fp("the development stack's settings (docker_compose.py)"),
      "OBS104@readthedocs/core/settings.py:26": fp("the development stack's debug log file"),
      "SEC004@readthedocs/settings/docker_compose.py:1": fp("the development stack runs over plain HTTP on purpose"),
      "SEC008@readthedocs/settings/docker_compose.py:1": fp("the development stack runs over plain HTTP on purpose"),
      "SEC010@readthedocs/settings/docker_compose.py:1": fp("the development stack runs over plain HTTP on purpose"),
      "SEC016@readthedocs/settings/docker_compose.py:1": fp("the development stack runs over plain HTTP on purpose"),
      "CFG109@readthedocs/settings/docker_compose.py:11": tp("RTD_DJANGO_DEBUG=false turns DEBUG on"),
      "CFG100@readthedocs/settings/docker_compose.py:282": fp("load_settings is an inherited classmethod; djship's own limit"),
      "CFG101@readthedocs/core/settings.py:26": fp(
        "docker_compose.py is the contributors' development settings (production's live outside the repository); its literals are local placeholders",
      ),
      "SEC009@readthedocs/core/settings.py:26": fp("the development settings' placeholder SECRET_KEY"),
      "SEC009@readthedocs/settings/docker_compose.py": fp("settings not read (class settings)"),
      "CFG020@readthedocs/settings/docker_compose.py": fp("settings not read"),
      "OBS100@readthedocs/settings/docker_compose.py": fp("settings not read"),
      "OBS102@readthedocs/settings/docker_compose.py": fp("settings not read"),
      "SEC001@readthedocs/settings/docker_compose.py": fp("settings not read"),
      "SEC002@readthedocs/settings/docker_compose.py": fp("settings not read"),
      "SEC003@readthedocs/settings/docker_compose.py": fp("settings not read"),
      "OBS101@requirements/deploy.in": tp("newrelic is installed and nothing in the repository initialises it"),
      "TSK102@requirements/pip.in": fp("docker_compose.py sets CELERY_BROKER_URL; the settings were not read"),
      "CI101@*": fp("tests run on CircleCI (.circleci/, not kept)"),
      "CI103@*": fp("CircleCI runs the checks"),
      "CI106@dockerfiles/Dockerfile:1": fp("a development image for docker compose; production images are built elsewhere"),
      "CI110@dockerfiles/Dockerfile:4": fp("the development image's build argument for pip installs from GitHub"),
    },
  },
  {
    name: "saleor",
    style: "one large settings.py, dj-database-url, environment for everything, devcontainer and worktree containers",
    settingsModule: "saleor.settings",
    settings: { DEBUG: "unknown", ALLOWED_HOSTS: "unknown" },
    // A random key only `if not SECRET_KEY and DEBUG` (settings.py:273), a development path: with
    // DEBUG off, as production runs, the key is required (judged a false SEC104 while it fired).
    quiet: ["CFG100", "DB106@.worktree-container/docker-compose.yml", "SEC104"],
    verdicts: {
      "SEC004@saleor/settings.py:1": tp("HSTS never set"),
      "SEC008@saleor/settings.py:1": tp("SECURE_SSL_REDIRECT never True by default"),
      "OBS102@saleor/settings.py:94": tp("ADMINS empty; Sentry only when SENTRY_DSN is set"),
      "STC004@saleor/settings.py:223": trimmed("saleor/static/images is application content left out of the fixture"),
      "CFG101@saleor/settings.py:139": tp("dj_database_url default postgres://saleor:saleor@localhost for default and replica"),
      "SEC002@saleor/settings.py:291": tp("Django's security.W002: no XFrameOptionsMiddleware (an API, but the check is Django's)"),
      "SEC003@saleor/settings.py:291": tp("Django's security.W003: no CsrfViewMiddleware"),
      "CI104@.github/workflows/test-env-deploy.yml": fp("a preview environment for a labelled pull request, and its deployment status"),
      "TSK101@pyproject.toml:75": tp("no file of the repository runs the Celery worker"),
      "CFG100@saleor/core/telemetry/utils.py:17": fp("djship's own limit"),
      "CFG018@saleor/settings.py:66": tp('DEBUG = get_bool_from_env("DEBUG", True): on unless DEBUG is set'),
      "CFG018@saleor/settings.py:86": tp('DEBUG = get_bool_from_env("DEBUG", True): on unless DEBUG is set'),
      "CI103@*": trimmed("the migration workflows (check-migration-tasks.yml...) were left out of the fixture"),
      "DB106@.worktree-container/docker-compose.yml:24": fp("a developer's worktree container (checkout bind-mounted)"),
      "CI106@Dockerfile:21": tp("useradd saleor, but no USER instruction: uvicorn runs as root"),
      "DB104@Dockerfile:67": tp("nothing in the repository runs migrate on deploy"),
    },
  },
  {
    name: "taiga-back",
    style: "settings/common.py, with docker/config.py copied over settings/config.py at image build time",
    settingsModule: "settings.config",
    settings: { DEBUG: "unknown", SESSION_COOKIE_SECURE: "unknown", SECRET_KEY: "unknown" },
    // docker/Dockerfile COPYs requirements.txt and requirements-contribs.txt, which only the root holds:
    // it is built from the root, which has a .dockerignore (a false CI107 while djship looked in docker/).
    quiet: ["CFG100", "SEC009", "CI107"],
    verdicts: {
      "CFG110@settings/common.py:17": tp('ALLOWED_HOSTS = ["*"] and docker/config.py, which the image loads, does not change it'),
      "CFG106@docker/config.py:68": tp("EMAIL_BACKEND defaults to the console backend unless the variable is set"),
      "CFG101@docker/config.py:77": tp('EMAIL_HOST_PASSWORD falls back to the literal "password"'),
      "SEC101@requirements.txt:67": tp("Django 3.2 is out of support"),
      "CI103@*": tp("no makemigrations --check"),
      "CI106@docker/Dockerfile:7": fp("the entrypoint drops to the taiga user with gosu"),
      "OBS101@requirements.in:31": tp("sentry-sdk is installed and nothing initialises it, docker/config.py included"),
      "SEC004@settings/common.py:1": tp("not set, in docker/config.py either"),
      "SEC008@settings/common.py:1": tp("not set, in docker/config.py either"),
      "CCH101@settings/common.py:38": tp("LocMemCache with several workers"),
    },
  },
];

interface Outcome {
  readonly result: AuditResult;
  readonly findings: readonly Finding[];
}

const outcomes = new Map<string, Promise<Outcome>>();
function outcomeOf(c: Case): Promise<Outcome> {
  let outcome = outcomes.get(c.name);
  if (!outcome) {
    outcome = audit(
      join(REALWORLD, c.fixture ?? c.name),
      c.environment ? { environment: new Map(Object.entries(c.environment)) } : {},
    ).then((result) => ({ result, findings: result.findings.filter((f) => !f.suppressed) }));
    outcomes.set(c.name, outcome);
  }
  return outcome;
}

function matches(finding: Finding, selector: string): boolean {
  const [code, file] = selector.split("@");
  return finding.rule === code && (file === undefined || finding.file === file || (file === "-" && finding.file === null));
}

function verdictOf(c: Case, finding: Finding): Verdict | undefined {
  const file = finding.file ?? "-";
  // "CODE@*": a project-level finding that may point at any workflow (a CI step missing everywhere).
  return (
    c.verdicts[`${finding.rule}@${file}:${finding.line ?? ""}`] ?? c.verdicts[`${finding.rule}@${file}`] ?? c.verdicts[`${finding.rule}@*`]
  );
}

for (const c of CASES) {
  describe(`${c.name}: ${c.style}`, () => {
    const todo = c.unreadable ? { todo: c.unreadable } : {};
    const readsTodo = c.unreadable || c.unread ? { todo: c.unreadable ?? c.unread } : {};

    test("reads the production settings module", async () => {
      const { result } = await outcomeOf(c);
      assert.equal(result.projects.length, 1, result.projects.map((p) => p.root).join(", "));
      assert.equal(result.projects[0]?.settingsModule, c.settingsModule);
      const model = await loadWorkspace(join(REALWORLD, c.fixture ?? c.name));
      assert.equal(model.projects[0]?.project.settingsRole?.role, c.settingsRole ?? "production");
    });

    test("reads DEBUG, ALLOWED_HOSTS, SECRET_KEY, DATABASES and the SECURE_* settings", readsTodo, async () => {
      const model = await loadWorkspace(join(REALWORLD, c.fixture ?? c.name), {
        environment: c.environment ? new Map(Object.entries(c.environment)) : undefined,
      });
      const project = model.projects[0];
      assert.ok(project);
      const document = settingsDocument(project);
      assert.equal(document.loadError, null, JSON.stringify(document.loadError));
      for (const [name, expected] of Object.entries(c.settings ?? {})) {
        const entry = document.values[name];
        assert.ok(entry, `${name} is read`);
        if (expected === "unknown") assert.equal(entry.known, false, `${name} depends on the environment`);
        else assert.deepEqual(entry.value, expected, name);
      }
      if (c.databaseEngine)
        assert.equal(
          (document.values.DATABASES?.value as { default?: { ENGINE?: string } } | undefined)?.default?.ENGINE,
          c.databaseEngine,
        );
      assert.ok(document.values.SECRET_KEY, "SECRET_KEY is read");
      if (c.secretKeyLength !== undefined)
        assert.equal((document.values.SECRET_KEY?.value as { length?: number } | undefined)?.length, c.secretKeyLength);
    });

    test("no CFG100 that real Django does not raise", todo, async () => {
      const { findings } = await outcomeOf(c);
      const wrong = findings.filter((f) => f.rule === "CFG100" && !(verdictOf(c, f) as { tp?: boolean } | undefined)?.tp);
      assert.deepEqual(
        wrong.map((f) => `${f.file}:${f.line} ${f.message}`),
        [],
      );
    });

    test("no settings rule fires when the settings could not be read", todo, async () => {
      const { result, findings } = await outcomeOf(c);
      if (!c.unreadable && !c.unread && result.projects.every((p) => p.loadError === null)) return;
      const settingsFindings = findings.filter((f) => SETTINGS_RULE_AREAS.test(f.rule) || /^(SEC00|SEC01|SEC02|OBS10[0-2])/.test(f.rule));
      assert.deepEqual(
        settingsFindings.map((f) => `${f.rule} ${f.file}:${f.line}`),
        [],
      );
    });

    test("every finding on a development, test, CI-only or example file is at most info", async () => {
      const { result, findings } = await outcomeOf(c);
      const model = await loadWorkspace(result.root);
      const loud = findings.filter(
        (f) => f.file !== null && f.severity !== "info" && model.workspace.roles.of(f.file).role !== "production",
      );
      assert.deepEqual(
        loud.map((f) => `${f.rule} ${f.file}:${f.line} (${model.workspace.roles.of(f.file ?? "").evidence})`),
        [],
      );
    });

    if (c.unread)
      test("says that it did not read the settings (CFG105, info)", async () => {
        const { findings } = await outcomeOf(c);
        assert.ok(findings.some((f) => f.rule === "CFG105" && f.severity === "info"));
      });
    for (const selector of c.fire ?? [])
      test(`${selector} fires`, async () => {
        const { findings } = await outcomeOf(c);
        assert.ok(
          findings.some((f) => matches(f, selector)),
          findings.map((f) => `${f.rule}@${f.file}`).join("\n"),
        );
      });
    const quiet: [string, { todo?: string }][] = [
      ...(c.quiet ?? []).map((selector): [string, { todo?: string }] => [selector, todo]),
      ...Object.entries(c.quietTodo ?? {}).map(([selector, reason]): [string, { todo?: string }] => [selector, { todo: reason }]),
    ];
    for (const [selector, options] of quiet)
      test(`${selector} is quiet`, options, async () => {
        const { findings } = await outcomeOf(c);
        assert.deepEqual(
          findings.filter((f) => matches(f, selector)).map((f) => `${f.rule}@${f.file}:${f.line} ${f.message}`),
          [],
        );
      });
  });
}

/** Precision per severity over every judged error and warning, printed so that a regression shows. */
test("precision per severity on the real-world suite", async () => {
  const tally = {
    error: { tp: 0, fp: 0, unjudged: [] as string[], falses: [] as string[] },
    warning: { tp: 0, fp: 0, unjudged: [] as string[], falses: [] as string[] },
  };
  let fixtureArtefacts = 0;
  for (const c of CASES) {
    const { findings } = await outcomeOf(c);
    for (const finding of findings) {
      if (finding.severity === "info") continue;
      const bucket = tally[finding.severity];
      const verdict = verdictOf(c, finding);
      const where = `${c.name}: ${finding.rule}@${finding.file ?? "-"}:${finding.line ?? ""}`;
      if (!verdict) bucket.unjudged.push(`${where} ${finding.message}`);
      else if ("fixture" in verdict) fixtureArtefacts++;
      else if (verdict.tp) bucket.tp++;
      else {
        bucket.fp++;
        bucket.falses.push(`${finding.severity} ${where} (${verdict.why})`);
      }
    }
  }
  const line = (name: string, t: (typeof tally)["error"]) => {
    const judged = t.tp + t.fp;
    const precision = judged === 0 ? "n/a" : `${((100 * t.tp) / judged).toFixed(1)}%`;
    return `${name}: precision ${precision} (${t.tp} true, ${t.fp} false, ${t.unjudged.length} not judged yet)`;
  };
  const report = [
    `real-world suite: ${new Set(CASES.map((c) => c.fixture ?? c.name)).size} projects, ${CASES.length} cases`,
    line("errors", tally.error),
    line("warnings", tally.warning),
    `fixture artefacts (left out of the precision): ${fixtureArtefacts}`,
    ...[...tally.error.falses, ...tally.warning.falses].map((u) => `  false: ${u}`),
    ...[...tally.error.unjudged, ...tally.warning.unjudged].map((u) => `  not judged: ${u}`),
  ].join("\n");
  console.log(report);
  assert.ok(tally.error.tp + tally.error.fp + tally.warning.tp + tally.warning.fp > 0, "the suite judges findings");
});

test("issue 12's bar: error precision >= 90% and warning precision >= 80%", async () => {
  let errors = { tp: 0, fp: 0 };
  let warnings = { tp: 0, fp: 0 };
  for (const c of CASES) {
    for (const finding of (await outcomeOf(c)).findings) {
      const verdict = verdictOf(c, finding);
      if (!verdict || "fixture" in verdict || finding.severity === "info") continue;
      const key = verdict.tp ? "tp" : "fp";
      if (finding.severity === "error") errors = { ...errors, [key]: errors[key] + 1 };
      else warnings = { ...warnings, [key]: warnings[key] + 1 };
    }
  }
  assert.ok(errors.tp / Math.max(1, errors.tp + errors.fp) >= 0.9, `errors ${errors.tp}/${errors.tp + errors.fp}`);
  assert.ok(warnings.tp / Math.max(1, warnings.tp + warnings.fp) >= 0.8, `warnings ${warnings.tp}/${warnings.tp + warnings.fp}`);
});
