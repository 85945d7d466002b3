import { defineProbe } from "../define.js";
import { isResponse } from "../types.js";

export default defineProbe({
  id: "admin-default-path",
  code: "SCN004",
  area: "security",
  doc: {
    what: "Requests /admin/login/ and looks for the Django admin login form.",
    why: "The default admin path is the first one password-guessing bots try; moving it removes most of that noise and some risk.",
    fix: "Mount the admin under a path read from the environment (path(env('DJANGO_ADMIN_URL'), admin.site.urls)), or restrict /admin/ to your network in nginx (allow/deny).",
    references: ["https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf"],
  },
  requests: { admin: { kind: "get", path: "/admin/login/" } },
  outcomes: {
    defaultPath: { severity: "info", message: "The Django admin login is at the default path /admin/" },
    notFound: { severity: "ok" },
  },
  evaluate({ admin }) {
    if (!isResponse(admin) || admin.status !== 200) return { outcome: "notFound", evidence: admin };
    // The login template's form id and the admin's branding, as django/contrib/admin/templates/admin/login.html has them.
    const isAdmin = admin.body.includes('id="login-form"') && /Django (site )?admin|id="site-name"/.test(admin.body);
    return isAdmin
      ? { outcome: "defaultPath", evidence: admin, proof: 'body contains the admin\'s id="login-form"' }
      : { outcome: "notFound", evidence: admin };
  },
});
