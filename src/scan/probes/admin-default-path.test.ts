import { probeTester, response } from "../tester.js";
import probe from "./admin-default-path.js";

const ADMIN = "https://app.example.com/admin/login/";
// From django/contrib/admin/templates/admin/login.html and base_site.html (5.2).
const LOGIN =
  '<title>Log in | Django site admin</title><div id="site-name"><a href="/admin/">Django administration</a></div>' +
  '<form action="/admin/login/" method="post" id="login-form">';
const t = probeTester(probe);
t.fires("the admin login at /admin/", { admin: response(ADMIN, { body: LOGIN }) }, { outcome: "defaultPath", evidence: "login-form" });
t.quiet("the admin moved (404)", { admin: response(ADMIN, { status: 404, body: "Not Found" }) });
t.quiet("a catch-all 200 that is not the admin", { admin: response(ADMIN, { body: '<title>Shop</title><form id="search">' }) });
