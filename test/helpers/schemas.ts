import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { REPO_ROOT } from "./paths.js";

const cache = new Map<string, ValidateFunction>();

/** A validator for one of the schemas the package ships (schemas/NAME.schema.json). */
export function packageSchema(name: string): ValidateFunction {
  const cached = cache.get(name);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schemas", `${name}.schema.json`), "utf8")) as object;
  const require = createRequire(import.meta.url);
  const Ajv = require("ajv") as typeof import("ajv").default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  cache.set(name, validate);
  return validate;
}

/** Throws with every schema error when `document` does not match. */
export function assertMatchesSchema(name: string, document: unknown): void {
  const validate = packageSchema(name);
  if (!validate(document)) {
    throw new Error(`output does not match schemas/${name}.schema.json:\n${JSON.stringify(validate.errors, null, 2).slice(0, 4000)}`);
  }
}

let sarifValidator: ValidateFunction | undefined;

/**
 * Throws with every schema error when `document` is not valid SARIF 2.1.0, checked against the
 * OASIS schema vendored in test/schemas/ (JSON Schema draft-04, hence ajv-draft-04).
 */
export function assertValidSarif(document: unknown): void {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, "test", "schemas", "sarif-schema-2.1.0.json"), "utf8")) as object;
    const require = createRequire(import.meta.url);
    const AjvDraft04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
    sarifValidator = new AjvDraft04({ allErrors: true, strict: false }).compile(schema);
  }
  if (!sarifValidator(document)) {
    throw new Error(`output is not valid SARIF 2.1.0:\n${JSON.stringify(sarifValidator.errors, null, 2).slice(0, 3000)}`);
  }
}
