/**
 * djship as a library: the same functions the command line calls.
 *
 * - {@link audit}: every gap between a Django project and a sound production setup, read without
 *   running it.
 * - {@link loadWorkspace} and {@link settingsDocument}: the production settings as djship reads
 *   them, each value with where it was set and what it depends on.
 * - {@link scan}: what a browser and an attacker see of a live deployment.
 * - {@link planInit} and {@link applyPlan}: the production setup a project is missing, planned
 *   without writing anything, then written safely.
 */
export { type AuditOptions, type AuditResult, audit, failsAt } from "./audit.js";
export type { Finding, Location } from "./findings/finding.js";
export { planInit } from "./init/plan.js";
export type { Choice, Detected, EnvironmentVariable, FileAction, InitOptions, InitPlan, PlannedFile } from "./init/types.js";
export { type ApplyResult, applyPlan } from "./init/write.js";
export { loadWorkspace, type ProjectModel, type ProjectOptions, type WorkspaceModel } from "./model/project.js";
export { auditDocument } from "./report/audit-json.js";
export { type SettingEntry, type SettingsDocument, settingsDocument } from "./report/settings-json.js";
export { RULES } from "./rules/registry.generated.js";
export { type ScanOptions, type ScanResult, type ScanSite, scan } from "./scan/scan.js";
export { VERSION } from "./version.js";
