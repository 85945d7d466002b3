import type { Artifacts } from "../../model/artifacts.js";
import type { Project } from "../../model/project-view.js";
import type { SettingsView } from "../../model/settings-view.js";
import { containsString } from "../world.js";

/** Calls that start an error tracker, by the dotted name the settings evaluation records. */
const TRACKER_CALL =
  /^(sentry_sdk\.init|raven\.(Client|contrib\..*)|rollbar\.init|bugsnag\.configure|honeybadger\.(honeybadger\.)?configure|newrelic\.agent\.initialize|ddtrace\.(patch_all|patch|auto)|elasticapm\..*|airbrake\..*|scout_apm\..*|appsignal\.start|logfire\.configure)$/;

/** The same calls as they are written in source, for files the evaluation does not run (wsgi.py, asgi.py). */
const TRACKER_SOURCE =
  /\b(sentry_sdk\.init|rollbar\.init|bugsnag\.configure|honeybadger\.configure|newrelic\.agent\.initialize|ddtrace\.patch_all|logfire\.configure)\s*\(/;

/** Command wrappers that load an agent around the app server. */
const AGENT_WRAPPER = /\b(newrelic-admin\s+run-program|ddtrace-run|opentelemetry-instrument|elastic-apm-run|scout-apm)\b/;

/** Settings, apps and middleware of the trackers that are configured through Django itself. */
const TRACKER_SETTINGS = ["ROLLBAR", "BUGSNAG", "HONEYBADGER", "RAVEN_CONFIG", "ELASTIC_APM", "AIRBRAKE", "SCOUT_KEY", "APPSIGNAL"];
const TRACKER_APPS = ["raven.contrib.django.raven_compat", "elasticapm.contrib.django", "scout_apm.django", "honeybadger.contrib.django"];
const TRACKER_MIDDLEWARE = [
  "rollbar.contrib.django.middleware.RollbarNotifierMiddleware",
  "bugsnag.django.middleware.BugsnagMiddleware",
  "honeybadger.contrib.DjangoHoneybadgerMiddleware",
  "airbrake.contrib.django.middleware.AirbrakeNotifierMiddleware",
  "elasticapm.contrib.django.middleware.TracingMiddleware",
];

/** Packages of error trackers and APM agents, by PyPI name. */
export const TRACKER_PACKAGES = [
  "sentry-sdk",
  "raven",
  "rollbar",
  "bugsnag",
  "honeybadger",
  "newrelic",
  "ddtrace",
  "elastic-apm",
  "scout-apm",
  "airbrake",
  "appsignal",
  "logfire",
];

export interface TrackerEvidence {
  readonly how: string;
  readonly file: string | null;
  readonly line: number | null;
}

/** A tracker call written in the settings that did not run in the environment audited. */
export interface SkippedTracker {
  readonly call: string;
  readonly file: string;
  readonly line: number;
}

function inProject(project: Project, path: string): boolean {
  return project.root === "." || path.startsWith(`${project.root}/`);
}

/**
 * How the project reports errors to a tracker, if it does: a tracker's init call seen while
 * evaluating the settings, its Django app, middleware or setting, an init call in another module of
 * the project (wsgi.py, asgi.py, celery.py), or an agent wrapper in a deployment command.
 */
export function findErrorTracking(
  project: Project,
  settings: SettingsView | undefined,
  artifacts: Artifacts,
): { found: TrackerEvidence | undefined; skipped: SkippedTracker | undefined } {
  for (const evaluation of [project.settings.evaluation, project.settings.evaluationIfUnset]) {
    const call = evaluation?.externalCalls.find((c) => TRACKER_CALL.test(c.name));
    if (call) return { found: { how: `${call.name}()`, file: call.origin.file, line: call.origin.line }, skipped: undefined };
  }
  if (settings) {
    for (const name of TRACKER_SETTINGS) {
      const setting = settings.get(name);
      if (setting && !setting.isDefault) return { found: { how: name, file: setting.file, line: setting.line }, skipped: undefined };
    }
    const apps = settings.get("INSTALLED_APPS");
    const app = TRACKER_APPS.find((a) => apps && containsString(apps.value, a) === true);
    if (app && apps) return { found: { how: app, file: apps.file, line: apps.line }, skipped: undefined };
    const middleware = settings.get("MIDDLEWARE");
    const mw = TRACKER_MIDDLEWARE.find((m) => middleware && containsString(middleware.value, m) === true);
    if (mw && middleware) return { found: { how: mw, file: middleware.file, line: middleware.line }, skipped: undefined };
  }
  const settingsFiles = new Set(project.settings.evaluation?.files ?? []);
  let skipped: SkippedTracker | undefined;
  for (const { path, text } of artifacts.texts("python")) {
    if (!inProject(project, path) || /(^|\/)(tests?|migrations)(\/|_|\.py$)/.test(path)) continue;
    const match = TRACKER_SOURCE.exec(text);
    if (!match) continue;
    const line = text.slice(0, match.index).split("\n").length;
    // In a settings module the evaluation would have seen the call had it run: a guard skipped it.
    if (settingsFiles.has(path)) skipped ??= { call: `${match[1]}()`, file: path, line };
    else return { found: { how: `${match[1]}()`, file: path, line }, skipped: undefined };
  }
  for (const { path, text } of artifacts.texts("dockerfile", "procfile", "compose", "yaml", "systemd", "supervisor", "shell")) {
    const match = AGENT_WRAPPER.exec(text);
    if (match)
      return { found: { how: match[1] as string, file: path, line: text.slice(0, match.index).split("\n").length }, skipped: undefined };
  }
  return { found: undefined, skipped };
}
