import { posix } from "node:path";
import { pathText } from "../../model/production.js";
import { defineSettingsRule } from "../define.js";

const SETTINGS = "from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n";

export default defineSettingsRule({
  code: "STC010",
  slug: "upload-temp-dir-missing",
  area: "static",
  severity: "error",
  djangoCheck: "files.E001",
  djangoSeries: { since: "4.0" },
  since: "0.1.0",
  reads: ["settings", "files"],
  doc: {
    what: "FILE_UPLOAD_TEMP_DIR names a folder that does not exist.",
    why: "Uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to this folder: when it is missing, every large upload fails with a server error.",
    fix: "Create the folder where the app runs (and make it writable by the app's user), or remove the setting to use the system's temporary folder.",
    bad: { "mysite/settings.py": `${SETTINGS}FILE_UPLOAD_TEMP_DIR = BASE_DIR / "tmp"\n` },
    good: { "mysite/settings.py": `${SETTINGS}FILE_UPLOAD_TEMP_DIR = BASE_DIR / "tmp"\n`, "tmp/.gitkeep": "" },
    references: ["https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-temp-dir"],
  },
  messages: {
    missing: "FILE_UPLOAD_TEMP_DIR is '{dir}', a folder that does not exist",
  },
  test(world) {
    const code = world.code;
    // files.py check_setting_file_upload_temp_dir: `setting and not Path(setting).is_dir()`.
    const truthy = world.truthy("FILE_UPLOAD_TEMP_DIR");
    if (truthy === false) return false;
    const dir = pathText(world.value("FILE_UPLOAD_TEMP_DIR"));
    if (dir === undefined || !code) return undefined;
    // A folder outside the project (/tmp, /var/...) exists or not on the server: djship cannot tell.
    const exists = code.isDirectory(posix.resolve(code.root, dir));
    if (exists !== false) return exists === undefined ? undefined : false;
    return { at: "FILE_UPLOAD_TEMP_DIR", messageId: "missing", data: { dir } };
  },
});
