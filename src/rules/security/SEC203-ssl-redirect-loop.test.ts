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
