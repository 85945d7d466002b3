import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { classifyFile } from "../../discover/classify.js";
import { type CaddyConfig, caddyDial, caddyModel, parseCaddyAddress } from "./model.js";
import { parseCaddyfile, tokenizeCaddyfile } from "./parse.js";

const source = (files: Record<string, string>) => ({ files: Object.keys(files), read: (path: string) => files[path] });
const model = (files: Record<string, string>, entry = Object.keys(files)[0] as string): CaddyConfig =>
  caddyModel(parseCaddyfile(entry, files[entry] as string, source(files)));

describe("Caddyfile tokenizer", () => {
  test("quotes, backticks, comments, escaped newlines and line numbers", () => {
    const problems: never[] = [];
    const tokens = tokenizeCaddyfile(
      'header X "a \\"b\\" c\\d" # gone\nrespond `say "hi"` 200\nreverse_proxy a:1 \\\n  b:2\nnot#comment "two\nlines" x\n',
      "Caddyfile",
      problems,
    );
    assert.deepEqual(
      tokens.map((t) => [t.text, t.line]),
      [
        ["header", 1],
        ["X", 1],
        ['a "b" c\\d', 1],
        ["respond", 2],
        ['say "hi"', 2],
        ["200", 2],
        ["reverse_proxy", 3],
        ["a:1", 3],
        ["b:2", 3],
        ["not#comment", 5],
        ["two\nlines", 5],
        ["x", 6],
      ],
    );
    assert.deepEqual(problems, []);
  });
  test("a heredoc keeps its text without the closing marker's indentation", () => {
    const tokens = tokenizeCaddyfile("respond <<HTML\n    <p>hi</p>\n      <b>x</b>\n    HTML 200\nnext\n", "C", []);
    assert.deepEqual(
      tokens.map((t) => [t.text, t.line]),
      [
        ["respond", 1],
        ["<p>hi</p>\n  <b>x</b>", 1],
        ["200", 4],
        ["next", 5],
      ],
    );
  });
  test("an unterminated quote or heredoc is a problem with its line", () => {
    const problems: { line: number; message: string }[] = [];
    tokenizeCaddyfile('a {\n  respond "oops\n}\n', "C", problems as never);
    tokenizeCaddyfile("a {\n  respond <<END\n  text\n}\n", "C", problems as never);
    assert.deepEqual(
      problems.map((p) => p.line),
      [2, 2],
    );
  });
});

describe("Caddyfile parser", () => {
  test("global options, snippets with arguments, imports of tree files, env placeholders", () => {
    const parsed = parseCaddyfile(
      "deploy/Caddyfile",
      "{\n  email ops@example.com\n}\n(proxy) {\n  reverse_proxy {args[0]} {args.1}\n}\n{$DOMAIN:example.com} {\n  import proxy web:8000 web:8001\n  import sites/*.caddy\n}\n{$OTHER} {\n  respond ok\n}\n",
      source({ "deploy/sites/b.caddy": "header -Server\n", "deploy/sites/a.caddy": "encode gzip\n", "deploy/Caddyfile": "" }),
    );
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.global.map((d) => d.name),
      ["email"],
    );
    assert.deepEqual(
      parsed.sites.map((s) => s.addresses),
      [["example.com"], ["{$OTHER}"]],
    );
    const first = parsed.sites[0];
    assert.deepEqual(
      first?.directives.map((d) => [d.name, d.args, d.file, d.line]),
      [
        ["reverse_proxy", ["web:8000", "web:8001"], "deploy/Caddyfile", 5],
        ["encode", ["gzip"], "deploy/sites/a.caddy", 1],
        ["header", ["-Server"], "deploy/sites/b.caddy", 1],
      ],
    );
    assert.deepEqual(parsed.files, ["deploy/Caddyfile", "deploy/sites/a.caddy", "deploy/sites/b.caddy"]);
  });
  test("a single site without braces owns every following line", () => {
    const parsed = parseCaddyfile("Caddyfile", "example.com\n\nreverse_proxy web:8000\nencode zstd gzip\n");
    assert.deepEqual(
      parsed.sites.map((s) => [s.addresses, s.directives.map((d) => d.name)]),
      [[["example.com"], ["reverse_proxy", "encode"]]],
    );
  });
  test("problems: an unclosed block, an import of nothing, a stray brace", () => {
    const parsed = parseCaddyfile("Caddyfile", "a.com {\n  import missing.caddy\n  handle {\n    respond x\n}\n");
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      ["import missing.caddy: not a snippet nor a file in the repository", "a '{' block is never closed"],
    );
    assert.equal(parseCaddyfile("C", "}\n").problems[0]?.message, "unexpected '}'");
  });
  test("imports that import themselves stop at a depth limit", () => {
    const parsed = parseCaddyfile("Caddyfile", "import Caddyfile\n", source({ Caddyfile: "import Caddyfile\n" }));
    assert.match(parsed.problems[0]?.message ?? "", /nest too deep/);
  });
});

test("Caddyfiles and the files they import are classified as such; Dockerfile.caddy is a Dockerfile", () => {
  assert.deepEqual(
    [
      "Caddyfile",
      "deploy/Caddyfile.prod",
      "caddy/Caddyfile-staging",
      "caddy/sites/app.caddy",
      "conf/site.caddyfile",
      "Dockerfile.caddy",
      "caddy.json",
    ].map(classifyFile),
    ["caddyfile", "caddyfile", "caddyfile", "caddyfile", "caddyfile", "dockerfile", undefined],
  );
});

describe("Caddyfile model", () => {
  test("addresses, automatic HTTPS and dial addresses", () => {
    assert.deepEqual(parseCaddyAddress("https://Example.com:8443/app"), {
      text: "https://Example.com:8443/app",
      scheme: "https",
      host: "example.com",
      port: "8443",
      path: "/app",
    });
    assert.deepEqual(["app", "http://app", "https://app", "app:8000", "unix//run/app.sock", "[::1]:9000"].map(caddyDial), [
      "app:80",
      "app:80",
      "app:443",
      "app:8000",
      "unix//run/app.sock",
      "[::1]:9000",
    ]);
    const config = model({ Caddyfile: "example.com {\n}\n:8080 {\n}\nhttp://a.com {\n}\nlocalhost:80 {\n}\n" });
    assert.deepEqual(
      config.sites.map((s) => [s.addresses[0]?.text, s.isTls, s.redirectsHttp]),
      [
        ["example.com", true, true],
        [":8080", false, false],
        ["http://a.com", false, false],
        ["localhost:80", false, false],
      ],
    );
    assert.equal(model({ Caddyfile: "{\n  auto_https off\n}\nexample.com {\n}\n" }).sites[0]?.isTls, false);
  });
  test("reverse proxies, trusted proxies, headers and static file servers", () => {
    const config = model({
      Caddyfile:
        "{\n  servers {\n    trusted_proxies static 0.0.0.0/0\n  }\n}\nexample.com {\n  header {\n    Strict-Transport-Security max-age=31536000\n    -Server\n  }\n  @media path /media/*\n  handle @media {\n    root * /srv\n    file_server\n  }\n  handle_path /static/* {\n    root * /srv/static\n    file_server\n  }\n  reverse_proxy /api/* api:9000\n  reverse_proxy {\n    to web:8000\n    trusted_proxies private_ranges\n    header_up X-Forwarded-Proto {scheme}\n  }\n}\n",
    });
    assert.deepEqual(
      config.trustedProxies.map((r) => [r.range, r.line]),
      [["0.0.0.0/0", 3]],
    );
    const site = config.sites[0];
    assert.deepEqual(
      site?.headers.map((h) => [h.name, h.operation, h.line]),
      [
        ["strict-transport-security", "set", 8],
        ["server", "delete", 9],
      ],
    );
    assert.deepEqual(
      site?.fileServers.map((f) => [f.pathPrefix, f.root, f.stripsPrefix]),
      [
        ["/media/", "/srv", false],
        ["/static/", "/srv/static", true],
      ],
    );
    assert.deepEqual(
      site?.reverseProxies.map((p) => [p.dials, p.matcher, p.trustedProxies.length, p.headerUp]),
      [
        [["api:9000"], "/api/*", 0, []],
        [["web:8000"], undefined, 6, ["x-forwarded-proto"]],
      ],
    );
  });
});

/**
 * The parser must agree with Caddy itself: every Caddyfile below goes through `caddy adapt` (Caddy's
 * own caddyfile adapter, to JSON), and the facts djship extracts must be those in Caddy's JSON.
 * Debian bookworm ships Caddy 2.6, so the syntax it lacks (heredocs, global trusted_proxies) is
 * covered by the unit tests above only.
 */
const CADDY = ["/usr/bin/caddy", "/usr/local/bin/caddy"].find((p) => existsSync(p));
describe("agreement with caddy adapt", { skip: CADDY ? false : "caddy is not installed (scripts/provision.sh installs it)" }, () => {
  const home = mkdtempSync(join(tmpdir(), "djship-caddy-"));
  after(() => rmSync(home, { recursive: true, force: true }));
  const cases: { name: string; files: Record<string, string> }[] = [
    {
      name: "snippets, handle_path, header blocks, trusted_proxies private_ranges, an env default",
      files: {
        Caddyfile:
          '(common) {\n\theader {\n\t\tStrict-Transport-Security "max-age=31536000"\n\t\t-Server\n\t}\n}\nexample.com, www.example.com {\n\timport common\n\thandle_path /static/* {\n\t\troot * /srv/static\n\t\tfile_server\n\t}\n\treverse_proxy web:8000 {\n\t\ttrusted_proxies private_ranges\n\t}\n}\nhttp://localhost:8080 {\n\treverse_proxy {$DJSHIP_TEST_UNSET_UPSTREAM:app:9000}\n}\n',
      },
    },
    {
      name: "snippet arguments, addresses across lines, named matchers, quotes, backticks, comments, continued lines",
      files: {
        Caddyfile:
          '(proxy) {\n\treverse_proxy {args.0} {\n\t\tto {args.1}\n\t}\n}\na.example.com,\n  b.example.com {\n\timport proxy web:8000 web2:8001\n\ttls internal\n\t@static path /static/*\n\troot @static /srv\n\tfile_server @static\n\theader Content-Security-Policy "default-src \'self\'"\n\theader X-Note `say "hi"` # comment\n\treverse_proxy /api/* api1:9000 \\\n\t\tapi2:9000\n}\n:80 {\n\treverse_proxy http://web {\n\t\ttrusted_proxies 0.0.0.0/0\n\t}\n}\n',
      },
    },
    {
      name: "a single site without braces",
      files: { Caddyfile: "example.org\n\nencode gzip\nreverse_proxy unix//run/app.sock\nheader +Link </style.css>\n" },
    },
    {
      name: "imports of files by glob, relative to the importing file",
      files: {
        "conf/Caddyfile": "import sites/*.caddy\n",
        "conf/sites/a.caddy": "a.example.net {\n\treverse_proxy a:8000\n}\n",
        "conf/sites/b.caddy": "b.example.net {\n\troute {\n\t\troot * /var/www\n\t\tfile_server\n\t}\n}\n",
      },
    },
  ];
  for (const { name, files } of cases) {
    test(name, () => {
      const folder = mkdtempSync(join(home, "case-"));
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
      const entry = Object.keys(files)[0] as string;
      const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home };
      const run = spawnSync(CADDY as string, ["adapt", "--config", entry, "--adapter", "caddyfile"], {
        cwd: folder,
        env,
        encoding: "utf8",
        maxBuffer: 1 << 20,
        timeout: 30_000,
      });
      assert.equal(run.status, 0, run.stderr);
      const theirs = factsFromJson(JSON.parse(run.stdout));
      const ours = factsFromModel(model(files, entry));
      assert.deepEqual(parseCaddyfile(entry, files[entry] as string, source(files)).problems, []);
      assert.deepEqual(ours, theirs);
    });
  }
});

interface Facts {
  hosts: string[];
  tlsHosts: string[];
  dials: string[];
  trusted: string[];
  headers: string[];
  roots: string[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

function factsFromModel(config: CaddyConfig): Facts {
  const sites = config.sites;
  const hosts = sites.flatMap((s) => s.addresses.map((a) => a.host)).filter((h) => h !== "");
  return {
    hosts: sorted(hosts),
    tlsHosts: sorted(sites.filter((s) => s.isTls).flatMap((s) => s.addresses.map((a) => a.host))),
    dials: sorted(sites.flatMap((s) => s.reverseProxies.flatMap((p) => p.dials))),
    trusted: sorted(sites.flatMap((s) => s.reverseProxies.flatMap((p) => p.trustedProxies.map((r) => r.range)))),
    headers: sorted(sites.flatMap((s) => s.headers.map((h) => `${h.operation}:${h.name}`))),
    roots: sorted(sites.flatMap((s) => s.fileServers.flatMap((f) => (f.root ? [f.root] : [])))),
  };
}

/** The same facts from Caddy's JSON config: routes' host matchers, servers on :443, handlers by name. */
function factsFromJson(json: unknown): Facts {
  const facts: Facts = { hosts: [], tlsHosts: [], dials: [], trusted: [], headers: [], roots: [] };
  // biome-ignore lint/suspicious/noExplicitAny: Caddy's JSON is walked structurally.
  const servers = Object.values((json as any)?.apps?.http?.servers ?? {}) as any[];
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const visit = (value: any): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== "object") return;
    if (value.handler === "reverse_proxy") {
      for (const upstream of value.upstreams ?? []) facts.dials.push(upstream.dial);
      facts.trusted.push(...(value.trusted_proxies ?? []));
    }
    if (value.handler === "headers" && value.response) {
      for (const name of Object.keys(value.response.set ?? {})) facts.headers.push(`set:${name.toLowerCase()}`);
      for (const name of Object.keys(value.response.add ?? {})) facts.headers.push(`add:${name.toLowerCase()}`);
      for (const name of value.response.delete ?? []) facts.headers.push(`delete:${String(name).toLowerCase()}`);
    }
    if (value.handler === "vars" && typeof value.root === "string") facts.roots.push(value.root);
    for (const child of Object.values(value)) visit(child);
  };
  for (const server of servers) {
    const hosts = (server.routes ?? []).flatMap(
      // biome-ignore lint/suspicious/noExplicitAny: as above
      (route: any) => (route.match ?? []).flatMap((m: any) => m.host ?? []),
    ) as string[];
    facts.hosts.push(...hosts);
    if ((server.listen ?? []).some((l: string) => l.endsWith(":443"))) facts.tlsHosts.push(...hosts);
    visit(server.routes ?? []);
  }
  return {
    hosts: sorted(facts.hosts),
    tlsHosts: sorted(facts.tlsHosts),
    dials: sorted(facts.dials),
    trusted: sorted(facts.trusted),
    headers: sorted(facts.headers),
    roots: sorted(facts.roots),
  };
}
