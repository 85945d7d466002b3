/** djship init as a library: plan (pure), then apply (the one writer). Loaded lazily by the CLI. */

export { auditPlan } from "./audit-plan.js";
export { planForModel, planInit } from "./plan.js";
export { fileDiff, initDocument, renderInitText } from "./report.js";
export type * from "./types.js";
export { type ApplyResult, applyPlan, auditRefusal } from "./write.js";
