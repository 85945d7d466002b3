import { ruleTester } from "../tester.js";
import rule from "./SEC203-ssl-redirect-loop.js";

const t = ruleTester(rule);
const nginx = (extra: string) =>
  `server {\n  listen 443 ssl;\n  ssl_certificate /c.pem;\n  ssl_certificate_key /c.key;\n  proxy_set_header X-Forwarded-Proto $scheme;\n  location / {\n    ${extra}proxy_pass http://app:8000;\n  }\n}\n`;
t.fires(
  "a location-level proxy_set_header drops the server's X-Forwarded-Proto",
  {
    files: {
      "mysite/settings.py": 'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n',
      "nginx/site.conf": nginx("proxy_set_header Host $host;\n    "),
    },
  },
  { file: "nginx/site.conf", line: 6, messageId: "notSent" },
);
t.fires(
  "SECURE_PROXY_SSL_HEADER unset",
  { files: { "mysite/settings.py": "SECURE_SSL_REDIRECT = True\n", "nginx/site.conf": nginx("") } },
  { messageId: "unset", file: "mysite/settings.py" },
);
t.fires(
  "a header ingress-nginx does not set",
  {
    files: {
      "mysite/settings.py": 'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_SECURE", "on")\n',
      "k8s/ingress.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - secretName: tls\n",
    },
  },
  { messageId: "notSentAuto", line: 2 },
);
t.quiet("inherited from the server level", {
  files: {
    "mysite/settings.py": 'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n',
    "nginx/site.conf": nginx(""),
  },
});
t.fires(
  "a Caddy site with automatic HTTPS and SECURE_PROXY_SSL_HEADER unset",
  {
    files: {
      "mysite/settings.py": "SECURE_SSL_REDIRECT = True\n",
      Caddyfile: "example.com {\n\treverse_proxy web:8000\n}\n",
    },
  },
  { messageId: "unset", file: "mysite/settings.py", line: 1 },
);
t.quiet("a Caddy site: reverse_proxy sends X-Forwarded-Proto by itself", {
  files: {
    "mysite/settings.py": 'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")\n',
    Caddyfile: "example.com {\n\treverse_proxy web:8000\n}\n",
  },
});
t.quiet("a plain-HTTP Caddy site terminates no TLS", {
  files: { "mysite/settings.py": "SECURE_SSL_REDIRECT = True\n", Caddyfile: ":80 {\n\treverse_proxy web:8000\n}\n" },
});
const fromEnv = 'import environ\nenv = environ.Env()\nSECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)\n';
t.fires(
  "any environment: the redirect defaults to on and nothing sets the proxy header",
  { files: { "mysite/settings.py": fromEnv, "nginx/site.conf": nginx("") } },
  { messageId: "unset", line: 1, env: ["DJANGO_SECURE_SSL_REDIRECT"], message: /DJANGO_SECURE_SSL_REDIRECT is unset/ },
);
t.quiet("any environment: the redirect defaults to off", {
  files: { "mysite/settings.py": fromEnv.replace("default=True", "default=False"), "nginx/site.conf": nginx("") },
});
t.quiet("the environment given turns the redirect off", {
  files: { "mysite/settings.py": fromEnv, "nginx/site.conf": nginx("") },
  environment: { DJANGO_SECURE_SSL_REDIRECT: "False" },
});
t.fires(
  "any environment: the header read from a variable defaults to one nginx never sends",
  {
    files: {
      "mysite/settings.py":
        'import os\nSECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = (os.environ.get("PROXY_HEADER", "HTTP_X_SECURE"), "on")\n',
      "nginx/site.conf": nginx(""),
    },
  },
  { messageId: "notSent", file: "nginx/site.conf", line: 6, env: ["PROXY_HEADER"] },
);
