import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { allLocations, nginxModel, parseNginx, parseNginxSize, parseNginxTime, tokenizeNginx } from "./parse.js";

const source = (files: Record<string, string>) => ({ files: Object.keys(files), read: (path: string) => files[path] });
const model = (files: Record<string, string>, entry = Object.keys(files)[0] as string) =>
  nginxModel(entry, parseNginx(entry, files[entry] as string, source(files)));

describe("nginx tokenizer", () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
  test("quotes, escapes, comments and ${variables}", () => {
    const problems: never[] = [];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
    const tokens = tokenizeNginx('add_header X "a; b" always; # c\nreturn 200 \'it\\\'s\';\nset $x "${host}{";\n', "t", problems);
    assert.deepEqual(
      tokens.map((t) => t.value),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and nginx syntax, not a template
      ["add_header", "X", "a; b", "always", ";", "return", "200", "it's", ";", "set", "$x", "${host}{", ";"],
    );
    assert.deepEqual(
      tokens.map((t) => t.line),
      [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
    );
    assert.deepEqual(problems, []);
  });
  test("an unterminated quote is a problem with its line", () => {
    const problems: { line: number; message: string }[] = [];
    tokenizeNginx('server {\n  return 200 "oops;\n}\n', "t", problems as never);
    assert.equal(problems[0]?.line, 2);
  });
});

describe("nginx parser", () => {
  test("blocks, lines and includes with globs (sorted) from the tree", () => {
    const parsed = parseNginx(
      "nginx/nginx.conf",
      "events {}\nhttp {\n  include conf.d/*.conf;\n}\n",
      source({
        "nginx/nginx.conf": "",
        "nginx/conf.d/b.conf": "server { listen 8081; }\n",
        "nginx/conf.d/a.conf": "server {\n  listen 8080;\n}\n",
      }),
    );
    assert.deepEqual(parsed.problems, []);
    const http = parsed.directives.find((d) => d.name === "http");
    const servers = http?.block?.filter((d) => d.name === "server") ?? [];
    assert.deepEqual(
      servers.map((s) => [s.file, s.line, s.block?.[0]?.args[0]]),
      [
        ["nginx/conf.d/a.conf", 1, "8080"],
        ["nginx/conf.d/b.conf", 1, "8081"],
      ],
    );
    assert.deepEqual(parsed.files.sort(), ["nginx/conf.d/a.conf", "nginx/conf.d/b.conf", "nginx/nginx.conf"]);
  });
  test("an include that loops back is a problem, not a hang", () => {
    const files = { "nginx/a.conf": "include b.conf;\n", "nginx/b.conf": "include a.conf;\n" };
    const parsed = parseNginx("nginx/a.conf", files["nginx/a.conf"], source(files));
    assert.match(parsed.problems.map((p) => p.message).join("\n"), /loops back/);
  });
  test("absolute /etc/nginx includes resolve by their tail", () => {
    const files = {
      "deploy/nginx/nginx.conf": "http { include /etc/nginx/sites-enabled/*; }\n",
      "deploy/nginx/sites-enabled/app": "server { listen 80; }\n",
    };
    const parsed = parseNginx("deploy/nginx/nginx.conf", files["deploy/nginx/nginx.conf"], source(files));
    assert.ok(parsed.files.includes("deploy/nginx/sites-enabled/app"));
  });
  for (const [name, text, line] of [
    ["a missing semicolon", "server {\n  listen 80\n}\n", 2],
    ["an unclosed block", "http {\n  server {\n    listen 80;\n  }\n", 1],
    ["a stray brace", "server { listen 80; }\n}\n", 2],
  ] as const) {
    test(`${name} is a problem with its line`, () => {
      const parsed = parseNginx("x.conf", text);
      assert.equal(parsed.problems[0]?.line, line, JSON.stringify(parsed.problems));
    });
  }
});

test("arbitrary text never throws or hangs (a seeded generator of nginx-ish noise)", () => {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const alphabet = "{};'\"\\#$ \n\tserverlocation_:-[]*";
  for (let i = 0; i < 500; i++) {
    let text = "";
    for (let j = 0; j < 60; j++) text += alphabet[Math.floor(next() * alphabet.length)];
    assert.doesNotThrow(() => nginxModel("n.conf", parseNginx("n.conf", text)), text);
  }
});

describe("nginx model", () => {
  const site = {
    "site.conf": [
      "server {",
      "  listen 443 ssl default_server;",
      "  listen [::]:443 ssl;",
      "  server_name app.example.com www.example.com;",
      "  client_max_body_size 10m;",
      '  add_header Strict-Transport-Security "max-age=63072000" always;',
      "  proxy_set_header X-Forwarded-Proto $scheme;",
      "  location /static/ {",
      "    alias /app/staticfiles/;",
      '    add_header Cache-Control "public";',
      "  }",
      "  location = /healthz { return 200 ok; }",
      "  location / {",
      "    proxy_set_header Host $host;",
      "    proxy_read_timeout 2m;",
      "    proxy_pass http://app;",
      "  }",
      "}",
      "",
    ].join("\n"),
  };
  const config = model(site);
  const server = config.servers[0];
  test("listen, server_name and inherited directives", () => {
    assert.ok(server);
    assert.deepEqual(
      server.listen.map((l) => [l.address, l.port, l.ssl, l.defaultServer]),
      [
        [null, 443, true, true],
        ["[::]", 443, true, false],
      ],
    );
    assert.deepEqual(server.serverNames, ["app.example.com", "www.example.com"]);
    const root = allLocations(server).find((l) => l.path === "/");
    assert.equal(root?.settings.clientMaxBodySize?.value, "10m");
    assert.equal(root?.settings.proxyReadTimeout?.line, 15);
  });
  test("add_header and proxy_set_header: a level with its own drops the parent's", () => {
    const [statics, health, root] = server?.locations ?? [];
    assert.deepEqual(
      statics?.headers.map((h) => h.name),
      ["cache-control"],
    );
    assert.equal(statics?.ownHeaders, true);
    assert.deepEqual(
      health?.headers.map((h) => h.name),
      ["strict-transport-security"],
    );
    assert.deepEqual(
      root?.proxyHeaders.map((h) => h.name),
      ["host"],
    );
    assert.deepEqual(
      health?.proxyHeaders.map((h) => h.name),
      ["x-forwarded-proto"],
    );
    assert.equal(health?.modifier, "=");
    assert.deepEqual([health?.return?.code, health?.return?.target], [200, "ok"]);
  });
  test("sizes and times", () => {
    assert.equal(parseNginxSize("10m"), 10 * 1024 * 1024);
    assert.equal(parseNginxSize("0"), 0);
    assert.equal(parseNginxTime("1m30s"), 90);
    assert.equal(parseNginxTime("60"), 60);
  });
});

/**
 * The parser must agree with nginx itself: every configuration below is given to `nginx -t` in a
 * temporary prefix, and nginx must accept exactly those djship parses without problems.
 */
const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
describe("agreement with nginx -t", { skip: NGINX ? false : "nginx is not installed (scripts/provision.sh installs it)" }, () => {
  const prefix = mkdtempSync(join(tmpdir(), "djship-nginx-"));
  after(() => rmSync(prefix, { recursive: true, force: true }));
  let certificate: { cert: string; key: string } | undefined;
  const tls = () => {
    if (certificate) return certificate;
    const cert = join(prefix, "cert.pem");
    const key = join(prefix, "key.pem");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test", "-days", "1", "-keyout", key, "-out", cert],
      { stdio: "ignore" },
    );
    certificate = { cert, key };
    return certificate;
  };
  const cases: { name: string; files: Record<string, string>; valid: boolean }[] = [
    {
      name: "a site with TLS, includes, quoting and nested locations",
      valid: true,
      files: {
        "conf/nginx.conf":
          'events {}\nhttp {\n  include conf.d/*.conf;\n  upstream app { server 127.0.0.1:8000; keepalive 4; }\n  map $http_upgrade $conn { default "upgrade"; "" close; }\n}\n',
        "conf/conf.d/site.conf":
          'server {\n  listen 127.0.0.1:18443 ssl default_server;\n  server_name _ \'app.example.com\';\n  ssl_certificate CERT;\n  ssl_certificate_key KEY;\n  ssl_protocols TLSv1.2 TLSv1.3;\n  add_header X-Frame-Options "DENY" always; # comment ; {\n  location ^~ /static/ { alias /srv/static/; expires 30d; location ~* \\.css$ { add_header Cache-Control "public"; } }\n  location ~ ^/media/(?<file>.+)$ { alias /srv/media/$file; }\n  location / { proxy_set_header Connection $conn; proxy_pass http://app; proxy_read_timeout 1m30s; }\n}\n',
      },
    },
    {
      name: "a missing semicolon",
      valid: false,
      files: { "conf/nginx.conf": "events {}\nhttp {\n  server {\n    listen 127.0.0.1:18080\n  }\n}\n" },
    },
    {
      name: "an unclosed block",
      valid: false,
      files: { "conf/nginx.conf": "events {}\nhttp {\n  server {\n    listen 127.0.0.1:18080;\n}\n" },
    },
    { name: "an unterminated string", valid: false, files: { "conf/nginx.conf": 'events {}\nhttp {\n  server { return 200 "x; }\n}\n' } },
  ];
  for (const c of cases) {
    test(`${c.name}: djship ${c.valid ? "parses cleanly" : "reports a problem"} and nginx ${c.valid ? "accepts" : "rejects"} it`, () => {
      const dir = join(prefix, c.name.replace(/\W+/g, "-"));
      const texts: Record<string, string> = {};
      for (const [path, raw] of Object.entries(c.files)) {
        const text = raw.includes("CERT") ? raw.replace("CERT", tls().cert).replace("KEY", tls().key) : raw;
        texts[path] = text;
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const parsed = parseNginx("conf/nginx.conf", texts["conf/nginx.conf"] as string, source(texts));
      assert.equal(parsed.problems.length === 0, c.valid, JSON.stringify(parsed.problems));
      const main = join(dir, "conf/nginx.conf");
      writeFileSync(main, `pid ${join(dir, "nginx.pid")};\nerror_log stderr;\n${texts["conf/nginx.conf"]}`);
      const result = spawnSync(NGINX as string, ["-t", "-q", "-p", dir, "-c", main, "-e", "stderr"], { encoding: "utf8" });
      assert.equal(result.status === 0, c.valid, result.stderr);
    });
  }
});
