import { posix } from "node:path";
import { allLocations, type NginxLocation } from "../artifacts/nginx/parse.js";
import type { Deployment, Process } from "./deployment.js";
import { asString, known, listHas, REMOTE_STORAGE, repositoryPath, storageBackend } from "./production.js";
import type { Project } from "./project-view.js";
import type { Setting, SettingsView } from "./settings-view.js";

export const WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware";

/** The URL path of STATIC_URL or MEDIA_URL ("/static/"), or undefined when it is unknown or on another host. */
export function urlPath(setting: Setting | undefined): string | undefined {
  const value = asString(setting?.value);
  if (value === undefined || /^([a-z]+:)?\/\//i.test(value)) return undefined;
  const path = value.startsWith("/") ? value : `/${value}`;
  return path.endsWith("/") ? path : `${path}/`;
}

/** Whether STATIC_URL points at another host (a CDN or a bucket). */
export function isExternalUrl(setting: Setting | undefined): boolean {
  const value = asString(setting?.value);
  return value !== undefined && /^([a-z]+:)?\/\//i.test(value);
}

/** A proxy's place that serves a URL prefix from disk: an nginx location, or a Caddy file_server. */
export interface DiskLocation {
  readonly location: Pick<NginxLocation, "path">;
  readonly folder: string;
  readonly directive: { file: string; line: number; value: string };
}

/** nginx locations and Caddy file_servers that serve a URL prefix from disk (alias or root), with the folder they read. */
export function diskLocations(deployment: Deployment, prefix: string): DiskLocation[] {
  const out: DiskLocation[] = [];
  const bare = prefix.replace(/\/$/, "");
  for (const config of deployment.nginx) {
    for (const server of config.servers) {
      for (const location of allLocations(server)) {
        if (location.modifier === "@" || location.proxyPass || location.uwsgiPass || location.return) continue;
        if (location.modifier !== "" && location.modifier !== "^~" && location.modifier !== "=") continue;
        if (location.path !== prefix && location.path !== bare) continue;
        if (location.alias) out.push({ location, folder: location.alias.value, directive: location.alias });
        else {
          const root = location.root ?? location.settings.root;
          // With root, nginx appends the whole URI: /static/app.css under root /srv is /srv/static/app.css.
          if (root) out.push({ location, folder: posix.join(root.value, prefix), directive: root });
        }
      }
    }
  }
  for (const { site } of deployment.caddySites) {
    for (const server of site.fileServers) {
      if ((server.pathPrefix !== prefix && server.pathPrefix !== bare) || !server.root || server.root.includes("{")) continue;
      // file_server joins the root and the path left after handle_path's strip, like nginx's root otherwise.
      const folder = server.stripsPrefix ? server.root : posix.join(server.root, prefix);
      out.push({ location: { path: prefix }, folder, directive: { file: server.file, line: server.line, value: server.root } });
    }
  }
  return out;
}

/** The staticfiles storage backend, or undefined when unknown. */
export function staticStorage(settings: SettingsView | undefined, series: string): { backend: string; setting: Setting } | undefined {
  return storageBackend(settings, "staticfiles", series);
}

/** Who serves static files: WhiteNoise, a CDN (STATIC_URL on another host), remote storage, or proxy locations. */
export function staticServers(
  settings: SettingsView | undefined,
  deployment: Deployment,
  series: string,
): { whitenoise: boolean | undefined; external: boolean; remote: boolean; proxy: ReturnType<typeof diskLocations> } {
  const staticUrl = settings?.get("STATIC_URL");
  const storage = staticStorage(settings, series);
  const prefix = urlPath(staticUrl);
  return {
    whitenoise: listHas(settings, "MIDDLEWARE", WHITENOISE),
    external: isExternalUrl(staticUrl),
    remote: storage !== undefined && REMOTE_STORAGE.test(storage.backend),
    proxy: prefix ? diskLocations(deployment, prefix) : [],
  };
}

/** The folder of the repository a process's code root holds: the project folder on hosts, the build context in images. */
function baseFolder(deployment: Deployment, project: Project, process: Process): string {
  return process.platform === "systemd" || process.platform === "supervisor" || process.platform === "procfile"
    ? project.root
    : deployment.repoFolderOf(process);
}

/** Where a settings path is inside one process's filesystem, or undefined when its layout is unknown. */
export function pathInProcess(deployment: Deployment, project: Project, process: Process, absolute: string): string | undefined {
  const where = repositoryPath(project.files.workspace.root, absolute);
  if ("absolute" in where) return where.absolute;
  const root = process.layout.codeRoot;
  if (!root) return undefined;
  const inside = posix.relative(baseFolder(deployment, project, process), where.relative);
  return inside.startsWith("..") ? undefined : posix.normalize(posix.join(root, inside));
}

/**
 * Where a settings path (STATIC_ROOT, MEDIA_ROOT) is as each server of the deployment sees it: the
 * repository path re-based on the code's place in the image or host (Dockerfile COPY after WORKDIR,
 * a compose bind mount of the project, systemd WorkingDirectory), then carried into the proxy's
 * filesystem by COPY --from in a proxy image or by a volume two compose services mount.
 */
export function serverPaths(deployment: Deployment, project: Project, absolute: string): Set<string> {
  const out = new Set<string>();
  for (const process of deployment.production) {
    const path = pathInProcess(deployment, project, process, absolute);
    if (path) out.add(path);
  }
  const where = repositoryPath(project.files.workspace.root, absolute);
  if ("absolute" in where) out.add(where.absolute);
  for (const dockerfile of deployment.dockerfiles) {
    for (const stage of dockerfile.stages) {
      for (const instruction of stage.instructions) {
        const from = instruction.flags?.from;
        if (instruction.keyword !== "COPY" || !from || !instruction.args || instruction.args.length !== 2) continue;
        const [source, dest] = instruction.args as [string, string];
        for (const path of [...out])
          if (path === source || path.startsWith(`${source}/`)) out.add(posix.join(dest, path.slice(source.length)));
      }
    }
  }
  for (const file of deployment.productionCompose) {
    const mounts = file.services.flatMap((s) =>
      s.volumes.filter((v) => v.source).map((v) => ({ source: v.source as string, target: v.target })),
    );
    for (const a of mounts) {
      for (const b of mounts) {
        if (a === b || a.source !== b.source) continue;
        for (const path of [...out])
          if (path === a.target || path.startsWith(`${a.target}/`)) out.add(posix.join(b.target, path.slice(a.target.length)));
      }
    }
  }
  return out;
}

/** The absolute path a path setting holds, when known. */
export function settingPath(setting: Setting | undefined): string | undefined {
  const value = known(setting?.value);
  if (!value || (value.kind !== "str" && value.kind !== "path") || value.value === "") return undefined;
  return value.value;
}

/** The persistent volume mounted over a path in the process, if any. */
export function persistentMountFor(process: Process, path: string): Process["layout"]["mounts"][number] | undefined {
  return process.layout.mounts.find((m) => m.persistent && (path === m.target || path.startsWith(`${m.target.replace(/\/$/, "")}/`)));
}

/** Whether the project stores uploads: a FileField or ImageField in its models. */
export function hasFileFields(texts: readonly { path: string; text: string }[]): { file: string; line: number } | undefined {
  for (const { path, text } of texts) {
    if (!/(^|\/)models(\.py$|\/)/.test(path)) continue;
    const index = text.split(/\r?\n/).findIndex((line) => /\b(FileField|ImageField)\s*\(/.test(line));
    if (index >= 0) return { file: path, line: index + 1 };
  }
  return undefined;
}

/**
 * Where uploads land when they go to the web process's own file system (FileSystemStorage, and
 * either a model with file fields or a MEDIA_ROOT set): MEDIA_ROOT as an absolute path, the setting
 * and the first upload field. Undefined when media goes to object storage or the project stores none.
 */
export function localMedia(
  settings: SettingsView | undefined,
  texts: readonly { path: string; text: string }[],
  project: Project,
  series: string,
): { absolute: string; mediaRoot: Setting | undefined; uploads: { file: string; line: number } | undefined } | undefined {
  const storage = storageBackend(settings, "default", series);
  if (!storage || REMOTE_STORAGE.test(storage.backend) || !/FileSystemStorage/.test(storage.backend)) return undefined;
  const mediaRoot = settings?.get("MEDIA_ROOT");
  const uploads = hasFileFields(texts);
  if (!uploads && (!mediaRoot || mediaRoot.isDefault)) return undefined;
  return { absolute: settingPath(mediaRoot) ?? project.files.workspace.root, mediaRoot, uploads };
}
