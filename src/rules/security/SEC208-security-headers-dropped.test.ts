import { ruleTester } from "../tester.js";
import rule from "./SEC208-security-headers-dropped.js";

const t = ruleTester(rule);
t.fires(
  "headers from the http level",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "nginx/nginx.conf":
        "events {}\nhttp {\n  add_header X-Content-Type-Options nosniff;\n  server {\n    location / {\n      add_header X-Request-Id $request_id;\n      proxy_pass http://app;\n    }\n  }\n}\n",
    },
  },
  { file: "nginx/nginx.conf", line: 6, message: /x-content-type-options/ },
);
t.quiet("the location repeats them", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "nginx/site.conf":
      "server {\n  add_header X-Frame-Options DENY;\n  location / {\n    add_header X-Frame-Options DENY;\n    add_header X-Extra 1;\n  }\n}\n",
  },
});
