import { ruleTester } from "../tester.js";
import rule from "./SEC900-hashing-algorithm-invalid.js";

const t = ruleTester(rule);
t.fires(
  "md5 in 3.2",
  { files: { "app/settings.py": 'DEFAULT_HASHING_ALGORITHM = "md5"\n' }, djangoVersion: "3.2" },
  {
    line: 1,
    djangoCheck: "security.E100",
  },
);
t.quiet("sha1 in 3.2", { files: { "app/settings.py": 'DEFAULT_HASHING_ALGORITHM = "sha1"\n' }, djangoVersion: "3.2" });
t.quiet("an inert name from 4.0", { files: { "app/settings.py": 'DEFAULT_HASHING_ALGORITHM = "md5"\n' }, djangoVersion: "4.2" });
