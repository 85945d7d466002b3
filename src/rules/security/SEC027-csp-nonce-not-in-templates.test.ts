import { ruleTester } from "../tester.js";
import rule from "./SEC027-csp-nonce-not-in-templates.js";

const SETTINGS =
  'from django.utils.csp import CSP\nMIDDLEWARE = ["django.middleware.csp.ContentSecurityPolicyMiddleware"]\nSECURE_CSP = {"script-src": [CSP.SELF, CSP.NONCE]}\n';
const TEMPLATES = (processors: string) =>
  `TEMPLATES = [{"BACKEND": "django.template.backends.jinja2.Jinja2", "OPTIONS": {"context_processors": [${processors}]}}]\n`;
const t = ruleTester(rule);
t.fires(
  "CSP.NONCE without the context processor (6.1)",
  { files: { "app/settings.py": SETTINGS }, djangoVersion: "6.1" },
  {
    djangoCheck: "security.W027",
  },
);
t.quiet("6.0 has no such check", { files: { "app/settings.py": SETTINGS }, djangoVersion: "6.0" });
t.quiet("any backend with the processor counts", {
  files: { "app/settings.py": SETTINGS + TEMPLATES('"django.template.context_processors.csp"') },
  djangoVersion: "6.1",
});
t.quiet("no nonce in the policy", {
  files: {
    "app/settings.py":
      'MIDDLEWARE = ["django.middleware.csp.ContentSecurityPolicyMiddleware"]\nSECURE_CSP = {"default-src": ["\'self\'"]}\n',
  },
  djangoVersion: "6.1",
});
