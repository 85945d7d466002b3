import { ruleTester } from "../tester.js";
import rule from "./SEC025-secret-key-fallback-weak.js";

const STRONG = "kY8#mQ2$vL9!pR4&nT7*wZ1^xC6@bH3%jF5+gD0=sA8-eU2~oI9";
const t = ruleTester(rule);
t.fires(
  "one warning per weak entry, by index",
  { files: { "app/settings.py": `SECRET_KEY_FALLBACKS = ["short", "${STRONG}", ""]\n` } },
  { message: "SECRET_KEY_FALLBACKS[0]", djangoCheck: "security.W025" },
  { message: "SECRET_KEY_FALLBACKS[2]", djangoCheck: "security.W025" },
);
t.quiet("strong keys", { files: { "app/settings.py": `SECRET_KEY_FALLBACKS = ["${STRONG}"]\n` } });
t.quiet("4.0 has no fallbacks", { files: { "app/settings.py": 'SECRET_KEY_FALLBACKS = ["short"]\n' }, djangoVersion: "4.0" });
