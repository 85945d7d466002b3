import { ruleTester } from "../tester.js";
import rule from "./SEC209-default-server-missing.js";

const t = ruleTester(rule);
t.fires(
  "two app servers on 443",
  {
    files: {
      "mysite/settings.py": "DEBUG = False\n",
      "nginx/site.conf":
        "server {\n  listen 443 ssl;\n  server_name a.example.com;\n  location / { proxy_pass http://app; }\n}\nserver {\n  listen 443 ssl;\n  server_name b.example.com;\n  location / { proxy_pass http://app; }\n}\n",
    },
  },
  { line: 2, message: /port 443/ },
);
t.quiet("a catch-all listed first without default_server", {
  files: {
    "mysite/settings.py": "DEBUG = False\n",
    "nginx/site.conf":
      "server {\n  listen 80;\n  server_name _;\n  return 444;\n}\nserver {\n  listen 80;\n  server_name a.example.com;\n  location / { proxy_pass http://app; }\n}\n",
  },
});
