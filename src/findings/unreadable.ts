import type { RuleInfo } from "./catalog.js";
import { docUrl } from "./vocabulary.js";

/**
 * The audit's own finding about its input, as SCN000 is the scan's: a file or folder of the
 * project that djship could not read, so the checks that need it did not run. Not a rule: no
 * project content can produce it, only the file system.
 */
export const UNREADABLE: RuleInfo = {
  code: "CFG000",
  slug: "file-unreadable",
  area: "config",
  severity: "warning",
  djangoCheck: null,
  status: "stable",
  since: "0.2.0",
  doc: {
    what: "A file or folder of the project could not be read (permission denied, too large, or not a regular file), so djship did not check it.",
    why: "An audit that skips a Dockerfile or a deployment folder in silence reports a project cleaner than it is; the checks that need the file are missing from the report.",
    fix: "Run djship as a user who can read the whole checkout (or fix the file's permissions); leave files out on purpose with ignore-files in [tool.djship].",
  },
  docUrl: docUrl("CFG000"),
};
