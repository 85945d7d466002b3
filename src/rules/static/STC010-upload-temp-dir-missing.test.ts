import { ruleTester } from "../tester.js";
import rule from "./STC010-upload-temp-dir-missing.js";

const t = ruleTester(rule);
t.fires(
  "a relative folder that is not there",
  { files: { "app/settings.py": 'FILE_UPLOAD_TEMP_DIR = "tmp/uploads"\n' } },
  {
    line: 1,
    djangoCheck: "files.E001",
  },
);
t.fires(
  "3.2 has no check",
  { files: { "app/settings.py": 'FILE_UPLOAD_TEMP_DIR = "tmp/uploads"\n' }, djangoVersion: "3.2" },
  { djangoCheck: null },
);
t.quiet("the folder exists", { files: { "app/settings.py": 'FILE_UPLOAD_TEMP_DIR = "tmp/uploads"\n', "tmp/uploads/.keep": "" } });
t.quiet("outside the project: cannot know", { files: { "app/settings.py": 'FILE_UPLOAD_TEMP_DIR = "/var/tmp/uploads"\n' } });
