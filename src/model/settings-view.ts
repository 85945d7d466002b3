import { collectDeps, containsUnknown, type Json, type Origin, toJson, type Value } from "../python/value.js";
import type { ResolvedSetting, SettingsEvaluation } from "./settings.js";

/** One setting as rules see it: its value, where it was set and what it depends on. */
export class Setting {
  constructor(
    readonly resolved: ResolvedSetting,
    /** The settings module's file, for settings left at Django's default. */
    private readonly moduleFile: string | null,
  ) {}

  get name(): string {
    return this.resolved.name;
  }
  get value(): Value {
    return this.resolved.value;
  }
  get origin(): Origin | null {
    return this.resolved.origin;
  }
  get isDefault(): boolean {
    return this.resolved.isDefault;
  }
  /** Where a finding about this setting points: its assignment, or the settings module. */
  get file(): string | null {
    return this.resolved.origin?.file ?? this.moduleFile;
  }
  get line(): number | null {
    return this.resolved.origin?.line ?? (this.moduleFile ? 1 : null);
  }
  get column(): number | null {
    return this.resolved.origin?.column ?? (this.moduleFile ? 1 : null);
  }
  get env(): string[] {
    return [...(collectDeps(this.value)?.env.keys() ?? [])].sort();
  }
  /** Variables that were unset, so that the value is a default the code chose. */
  get unsetEnv(): string[] {
    return [...(collectDeps(this.value)?.unset ?? [])].sort();
  }
  get isKnown(): boolean {
    return !containsUnknown(this.value);
  }
  get json(): Json | undefined {
    return this.isKnown ? toJson(this.value) : undefined;
  }
}

/** The evaluated settings of one environment, for rules. */
export class SettingsView {
  private readonly cache = new Map<string, Setting>();
  readonly moduleFile: string | null;

  constructor(readonly evaluation: SettingsEvaluation) {
    const module = evaluation.settingsModule.split(".").join("/");
    this.moduleFile =
      evaluation.files.find(
        (file) => file === `${module}.py` || file.endsWith(`/${module}.py`) || file.endsWith(`${module}/__init__.py`),
      ) ??
      evaluation.files[evaluation.files.length - 1] ??
      null;
  }

  get(name: string): Setting | undefined {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const resolved = this.evaluation.settings.get(name);
    if (!resolved) return undefined;
    const setting = new Setting(resolved, this.moduleFile);
    this.cache.set(name, setting);
    return setting;
  }

  names(): string[] {
    return [...this.evaluation.settings.keys()];
  }
}
