import type { FileKind } from "../discover/classify.js";
import type { Artifacts } from "../model/artifacts.js";
import type { ProjectCode } from "../model/project-code.js";
import { PART_OF_PROPERTY, type Project, type ProjectPart } from "../model/project-view.js";

/** Told of every part of the project a rule reads, as its `reads` list names them. */
export type ReadRecorder = (part: ProjectPart) => void;

/**
 * How one property of a watched object is read: as a part (recorded when read), as a method whose
 * part depends on its arguments, or as an object watched in turn (recording per property).
 */
type Access =
  | { readonly part: ProjectPart }
  | { readonly call: (args: readonly unknown[]) => ProjectPart }
  | { readonly nested: (value: never) => unknown };

/**
 * A read-only proxy of `target` that tells `record` which part each read touches. Methods run on
 * the target itself, so what they read internally (a deployment built from the file list) is not
 * charged to the rule: only what the rule asks for is.
 */
function watched<T extends object>(target: T, access: (key: string) => Access | undefined, record: ReadRecorder): T {
  const wrappers = new Map<PropertyKey, unknown>();
  const object = target;
  // The proxy's own target is an empty stand-in: a frozen project's properties could otherwise only
  // be returned as they are, not watched in turn (a Proxy invariant).
  const standIn = Object.create(Object.getPrototypeOf(target)) as T;
  return new Proxy(standIn, {
    has(_standIn, key) {
      return Reflect.has(object, key);
    },
    get(_standIn, key) {
      const value: unknown = Reflect.get(object, key, object);
      const how = typeof key === "string" ? access(key) : undefined;
      if (!how) return typeof value === "function" ? value.bind(object) : value;
      if ("part" in how) {
        record(how.part);
        return typeof value === "function" ? value.bind(object) : value;
      }
      if ("call" in how) {
        if (typeof value !== "function") return value;
        const cached = wrappers.get(key);
        if (cached) return cached;
        const wrapper = (...args: unknown[]) => {
          record(how.call(args));
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
        wrappers.set(key, wrapper);
        return wrapper;
      }
      return value === undefined || value === null ? value : how.nested(value as never);
    },
    set() {
      throw new TypeError("a rule must not change the project it reads");
    },
    deleteProperty() {
      throw new TypeError("a rule must not change the project it reads");
    },
  });
}

const FILE_METHODS_OF_CODE = new Set(["isDirectory", "isFile", "filesUnder", "workspace"]);

/** The project's code: folder and file checks read the file tree, the rest reads Python code. */
export function watchedCode(code: ProjectCode, record: ReadRecorder): ProjectCode {
  return watched(
    code,
    (key) => (key === "root" || key === "projectRoot" ? undefined : { part: FILE_METHODS_OF_CODE.has(key) ? "files" : "python" }),
    record,
  );
}

const FILE_METHODS_OF_ARTIFACTS = new Set(["workspace", "files", "git", "namedTexts", "owns"]);

/** Parsed files read the artifacts, except the raw file tree and the project's Python code. */
export function watchedArtifacts(artifacts: Artifacts, record: ReadRecorder): Artifacts {
  return watched(
    artifacts,
    (key): Access | undefined => {
      if (key === "projectRoot" || key === "problems") return undefined;
      if (FILE_METHODS_OF_ARTIFACTS.has(key)) return { part: "files" };
      if (key === "python" || key === "source") return { part: "python" };
      if (key === "code") return { call: () => "python" };
      if (key === "texts") return { call: (kinds) => ((kinds as FileKind[]).includes("python") ? "python" : "artifacts") };
      return { part: "artifacts" };
    },
    record,
  );
}

/** The project as a rule is handed it, recording each part read. */
export function watchedProject(project: Project, record: ReadRecorder): Project {
  return watched(
    project,
    (key): Access | undefined => {
      if (key === "artifacts") return { nested: (artifacts: Artifacts) => watchedArtifacts(artifacts, record) };
      if (key === "code") return { nested: (code: ProjectCode) => watchedCode(code, record) };
      const part = PART_OF_PROPERTY[key as keyof Project];
      return part ? { part } : undefined;
    },
    record,
  );
}
