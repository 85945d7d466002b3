import { posix } from "node:path";
import type { Project } from "../../model/project-view.js";

/**
 * Python modules of the project that look like settings for one environment: settings.py,
 * anything in a settings/ package, settings_prod.py, prod_settings.py, and so on.
 */
export function settingsModuleFiles(project: Project): string[] {
  const root = project.root;
  return project.files.workspace
    .filesOfKind("python")
    .map((f) => f.path)
    .filter((path) => root === "." || path.startsWith(`${root}/`))
    .filter((path) => {
      const name = posix.basename(path);
      if (name === "__init__.py") return false;
      const folder = posix.basename(posix.dirname(path));
      return name === "settings.py" || folder === "settings" || /^settings[_.-]\w+\.py$/.test(name) || /^\w+_settings\.py$/.test(name);
    });
}

/** The last part of a settings module name, lower-cased: mysite.settings.dev → dev. */
export function moduleLeaf(module: string): string {
  return (module.split(".").pop() ?? module).toLowerCase();
}

/** Module names that say "not production". */
export const DEVELOPMENT_NAME = /^(?:settings[_-])?(dev|devel|develop|development|local|test|tests|testing|ci)(?:[_-]settings)?$/;
export const PRODUCTION_NAME = /^(?:settings[_-])?(prod|production|live|deploy|staging)(?:[_-]settings)?$/;
