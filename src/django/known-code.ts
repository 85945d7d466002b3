/**
 * What djship knows of Django's own code, where the system checks depend on it: the contrib apps'
 * AppConfigs, the class hierarchies the checks test with issubclass()/isinstance(), the signatures
 * of Django's stock views, the template tag libraries Django ships, and the languages Django has a
 * catalog for. Every table is read from the django/ tree of each series (3.2.25, 4.2.21, 5.2.18 and
 * 6.1.1); a name that is not here is not known, and checks that need it cannot tell.
 */
import { atLeast, type DjangoSeries } from "./versions.js";

/** A contrib app: what AppConfig.create() finds for its INSTALLED_APPS entry. */
export interface ContribApp {
  /** AppConfig.name: the app's module. */
  readonly name: string;
  /** The config class's __qualname__. */
  readonly configClass: string;
  /** The config class sets default_auto_field (every contrib app that has models does). */
  readonly setsDefaultAutoField: boolean;
  /** Template tag libraries in <app>/templatetags that define `register`. */
  readonly templateLibraries: readonly string[];
}

const CONTRIB: Record<string, Omit<ContribApp, "name">> = {
  admin: { configClass: "AdminConfig", setsDefaultAutoField: true, templateLibraries: ["admin_list", "admin_modify", "admin_urls", "log"] },
  admindocs: { configClass: "AdminDocsConfig", setsDefaultAutoField: false, templateLibraries: [] },
  auth: { configClass: "AuthConfig", setsDefaultAutoField: true, templateLibraries: [] },
  contenttypes: { configClass: "ContentTypesConfig", setsDefaultAutoField: true, templateLibraries: [] },
  flatpages: { configClass: "FlatPagesConfig", setsDefaultAutoField: true, templateLibraries: ["flatpages"] },
  gis: { configClass: "GISConfig", setsDefaultAutoField: true, templateLibraries: [] },
  humanize: { configClass: "HumanizeConfig", setsDefaultAutoField: false, templateLibraries: ["humanize"] },
  messages: { configClass: "MessagesConfig", setsDefaultAutoField: false, templateLibraries: [] },
  postgres: { configClass: "PostgresConfig", setsDefaultAutoField: false, templateLibraries: [] },
  redirects: { configClass: "RedirectsConfig", setsDefaultAutoField: true, templateLibraries: [] },
  sessions: { configClass: "SessionsConfig", setsDefaultAutoField: false, templateLibraries: [] },
  sitemaps: { configClass: "SiteMapsConfig", setsDefaultAutoField: true, templateLibraries: [] },
  sites: { configClass: "SitesConfig", setsDefaultAutoField: true, templateLibraries: [] },
  staticfiles: { configClass: "StaticFilesConfig", setsDefaultAutoField: false, templateLibraries: [] },
  syndication: { configClass: "SyndicationConfig", setsDefaultAutoField: false, templateLibraries: [] },
};

/**
 * The contrib app an INSTALLED_APPS entry installs: the module itself ("django.contrib.auth") or
 * one of its AppConfig classes ("django.contrib.auth.apps.AuthConfig"). Undefined for anything else.
 */
export function contribApp(entry: string): ContribApp | undefined {
  const match = /^django\.contrib\.(\w+)(?:\.apps\.(\w+))?$/.exec(entry);
  if (!match) return undefined;
  const [, app, configClass] = match;
  const known = CONTRIB[app as string];
  if (!known) return undefined;
  const name = `django.contrib.${app}`;
  if (!configClass) return { name, ...known };
  // admin has two configs: SimpleAdminConfig skips autodiscovery but is the same app.
  if (configClass === known.configClass || (app === "admin" && configClass === "SimpleAdminConfig")) {
    return { name, ...known, configClass };
  }
  return undefined;
}

/** Libraries in django/templatetags (they all define `register`). */
export const DJANGO_TEMPLATE_LIBRARIES = ["cache", "i18n", "l10n", "static", "tz"] as const;

/**
 * Django classes the checks test subclasses of, each with its Django ancestors (itself included).
 * Keys are every public dotted path of the class.
 */
const CLASS_TREE: Record<string, readonly string[]> = {};

function defineClasses(ancestors: readonly string[], ...paths: string[]): void {
  for (const path of paths) CLASS_TREE[path] = [paths[0] as string, ...ancestors];
}

const VIEW = "django.views.generic.base.View";
defineClasses([], VIEW, "django.views.View", "django.views.generic.View");
for (const [module, names] of [
  ["base", ["TemplateView", "RedirectView"]],
  ["list", ["ListView"]],
  ["detail", ["DetailView"]],
  ["edit", ["FormView", "CreateView", "UpdateView", "DeleteView"]],
  [
    "dates",
    ["ArchiveIndexView", "YearArchiveView", "MonthArchiveView", "WeekArchiveView", "DayArchiveView", "TodayArchiveView", "DateDetailView"],
  ],
] as const) {
  for (const name of names) defineClasses([VIEW], `django.views.generic.${module}.${name}`, `django.views.generic.${name}`);
}
for (const name of [
  "LoginView",
  "LogoutView",
  "PasswordChangeView",
  "PasswordChangeDoneView",
  "PasswordResetView",
  "PasswordResetDoneView",
  "PasswordResetConfirmView",
  "PasswordResetCompleteView",
]) {
  defineClasses([VIEW], `django.contrib.auth.views.${name}`);
}

export const MODEL = "django.db.models.base.Model";
defineClasses([], MODEL, "django.db.models.Model");

export const APP_CONFIG = "django.apps.config.AppConfig";
defineClasses([], APP_CONFIG, "django.apps.AppConfig");
defineClasses([APP_CONFIG], "django.contrib.admin.apps.SimpleAdminConfig");
defineClasses([APP_CONFIG, "django.contrib.admin.apps.SimpleAdminConfig"], "django.contrib.admin.apps.AdminConfig");

export const AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware";
export const MESSAGE_MIDDLEWARE = "django.contrib.messages.middleware.MessageMiddleware";
export const SESSION_MIDDLEWARE_CLASS = "django.contrib.sessions.middleware.SessionMiddleware";
export const MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend";
for (const path of [AUTHENTICATION_MIDDLEWARE, MESSAGE_MIDDLEWARE, SESSION_MIDDLEWARE_CLASS, MODEL_BACKEND]) defineClasses([], path);
// RemoteUserMiddleware is a plain middleware, not an AuthenticationMiddleware (auth/middleware.py).
defineClasses([], "django.contrib.auth.middleware.RemoteUserMiddleware");
defineClasses(["django.contrib.auth.middleware.RemoteUserMiddleware"], "django.contrib.auth.middleware.PersistentRemoteUserMiddleware");
defineClasses([], "django.contrib.auth.middleware.LoginRequiredMiddleware");
defineClasses([MODEL_BACKEND], "django.contrib.auth.backends.AllowAllUsersModelBackend");
defineClasses([MODEL_BACKEND], "django.contrib.auth.backends.RemoteUserBackend");
defineClasses(
  [MODEL_BACKEND, "django.contrib.auth.backends.RemoteUserBackend"],
  "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend",
);
defineClasses([], "django.contrib.auth.backends.BaseBackend");
for (const path of [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
  "django.middleware.locale.LocaleMiddleware",
  "django.middleware.gzip.GZipMiddleware",
  "django.middleware.http.ConditionalGetMiddleware",
  "django.middleware.cache.UpdateCacheMiddleware",
  "django.middleware.cache.FetchFromCacheMiddleware",
  "django.middleware.cache.CacheMiddleware",
  "django.middleware.csp.ContentSecurityPolicyMiddleware",
  "django.contrib.admindocs.middleware.XViewMiddleware",
  "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
  "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
  "django.contrib.sites.middleware.CurrentSiteMiddleware",
]) {
  defineClasses([], path);
}

export const DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates";
defineClasses([], DJANGO_TEMPLATES);
defineClasses([], "django.template.backends.jinja2.Jinja2");
defineClasses([], "django.template.backends.dummy.TemplateStrings");

export const FILE_BASED_CACHE = "django.core.cache.backends.filebased.FileBasedCache";
defineClasses([], FILE_BASED_CACHE);
for (const path of [
  "django.core.cache.backends.locmem.LocMemCache",
  "django.core.cache.backends.dummy.DummyCache",
  "django.core.cache.backends.db.DatabaseCache",
  "django.core.cache.backends.memcached.PyMemcacheCache",
  "django.core.cache.backends.memcached.PyLibMCCache",
  "django.core.cache.backends.memcached.MemcachedCache",
  "django.core.cache.backends.redis.RedisCache",
]) {
  defineClasses([], path);
}

export const FILE_SYSTEM_FINDER = "django.contrib.staticfiles.finders.FileSystemFinder";
defineClasses([], FILE_SYSTEM_FINDER);
defineClasses([], "django.contrib.staticfiles.finders.AppDirectoriesFinder");
defineClasses([], "django.contrib.staticfiles.finders.DefaultStorageFinder");

const AUTO_FIELD = "django.db.models.fields.AutoField";
defineClasses([], AUTO_FIELD, "django.db.models.AutoField");
defineClasses([AUTO_FIELD], "django.db.models.fields.BigAutoField", "django.db.models.BigAutoField");
defineClasses([AUTO_FIELD], "django.db.models.fields.SmallAutoField", "django.db.models.SmallAutoField");

/** The canonical path and Django ancestors of a Django class, or undefined when djship does not know it. */
export function djangoClass(path: string): readonly string[] | undefined {
  return CLASS_TREE[path];
}

/** A parameter of a Python function, as inspect.Signature sees it. */
export interface Param {
  readonly name: string;
  readonly kind: "positional-only" | "positional-or-keyword" | "var-positional" | "keyword-only" | "var-keyword";
  readonly hasDefault: boolean;
}

const p = (name: string, hasDefault = false): Param => ({ name, kind: "positional-or-keyword", hasDefault });

/** Django's stock views, which CSRF_FAILURE_VIEW and the handler40x/500 settings name by default. */
const DJANGO_FUNCTIONS: Record<string, readonly Param[]> = {
  "django.views.csrf.csrf_failure": [p("request"), p("reason", true), p("template_name", true)],
  "django.views.defaults.page_not_found": [p("request"), p("exception"), p("template_name", true)],
  "django.views.defaults.server_error": [p("request"), p("template_name", true)],
  "django.views.defaults.bad_request": [p("request"), p("exception"), p("template_name", true)],
  "django.views.defaults.permission_denied": [p("request"), p("exception"), p("template_name", true)],
};

/** The signature of a Django function djship knows, or undefined. */
export function djangoFunction(path: string): readonly Param[] | undefined {
  return DJANGO_FUNCTIONS[path];
}

/** Django's URLconfs that projects include: their checks are clean and they set no app_name. */
export const DJANGO_URLCONFS = new Set([
  "django.contrib.admindocs.urls",
  "django.contrib.auth.urls",
  "django.contrib.flatpages.urls",
  "django.conf.urls.i18n",
]);

/**
 * Decorators that keep the view's signature visible to inspect.signature(): they wrap with
 * functools.wraps, whose __wrapped__ inspect follows.
 */
export const SIGNATURE_KEEPING_DECORATORS = new Set([
  "csrf_exempt",
  "csrf_protect",
  "requires_csrf_token",
  "ensure_csrf_cookie",
  "require_GET",
  "require_POST",
  "require_safe",
  "require_http_methods",
  "login_required",
  "permission_required",
  "user_passes_test",
  "staff_member_required",
  "never_cache",
  "cache_page",
  "cache_control",
  "vary_on_headers",
  "vary_on_cookie",
  "xframe_options_exempt",
  "xframe_options_deny",
  "xframe_options_sameorigin",
  "sensitive_post_parameters",
  "sensitive_variables",
  "gzip_page",
  "condition",
  "etag",
  "last_modified",
]);

const LOCALES_32 =
  "af ar ar_DZ ast az be bg bn br bs ca cs cy da de dsb el en en_AU en_GB eo es es_AR es_CO es_MX es_VE et eu fa fi fr fy ga gd gl he hi hr hsb hu hy ia id ig io is it ja ka kab kk km kn ko ky lb lt lv mk ml mn mr my nb ne nl nn os pa pl pt pt_BR ro ru sk sl sq sr sr_Latn sv sw ta te tg th tk tr tt udm uk ur uz vi zh_Hans zh_Hant".split(
    " ",
  );

/**
 * The locales django/conf/locale has a django.mo catalog for: 3.2's list, plus `ms` in 4.0, `ckb`
 * in 4.2 and `ug` in 5.0 (none added since; 6.0's `ht` has formats only).
 */
export function djangoLocales(series: DjangoSeries): ReadonlySet<string> {
  const locales = new Set(LOCALES_32);
  if (atLeast(series, "4.0")) locales.add("ms");
  if (atLeast(series, "4.2")) locales.add("ckb");
  if (atLeast(series, "5.0")) locales.add("ug");
  return locales;
}

/** django.utils.translation.trans_real.language_code_re, the same in every series. */
export const LANGUAGE_CODE_RE = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*(?:@[a-z0-9]{1,20})?$/i;

/** LANG_INFO fallbacks (django/conf/locale/__init__.py): the only codes that have one. */
export const LANGUAGE_FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  "zh-cn": ["zh-hans"],
  "zh-hk": ["zh-hant"],
  "zh-mo": ["zh-hant"],
  "zh-my": ["zh-hans"],
  "zh-sg": ["zh-hans"],
  "zh-tw": ["zh-hant"],
};

/** django.utils.translation.to_locale: "en-us" → "en_US", "sr-latn" → "sr_Latn". */
export function toLocale(language: string): string {
  const lower = language.toLowerCase();
  const dash = lower.indexOf("-");
  if (dash < 0) return language.slice(0, 3).toLowerCase() + language.slice(3);
  const lang = lower.slice(0, dash);
  let country = lower.slice(dash + 1);
  let tail = "";
  const second = country.indexOf("-");
  if (second >= 0) {
    tail = country.slice(second + 1);
    country = country.slice(0, second);
  }
  country = country.length > 2 ? country.charAt(0).toUpperCase() + country.slice(1) : country.toUpperCase();
  return `${lang}_${country}${tail ? `-${tail}` : ""}`;
}
