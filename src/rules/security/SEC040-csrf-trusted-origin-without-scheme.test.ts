import { ruleTester } from "../tester.js";
import rule from "./SEC040-csrf-trusted-origin-without-scheme.js";

const t = ruleTester(rule);
t.fires(
  "one error per origin without a scheme",
  { files: { "app/settings.py": 'CSRF_TRUSTED_ORIGINS = ["example.com", "https://ok.example.com", ".example.org"]\n' } },
  { message: "example.com,", djangoCheck: "4_0.E001" },
  { message: ".example.org", djangoCheck: "4_0.E001" },
);
t.quiet("3.2's format is right for 3.2", {
  files: { "app/settings.py": 'CSRF_TRUSTED_ORIGINS = ["example.com"]\n' },
  djangoVersion: "3.2",
});
t.quiet("schemes everywhere", { files: { "app/settings.py": 'CSRF_TRUSTED_ORIGINS = ["https://example.com"]\n' } });
