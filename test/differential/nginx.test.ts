/**
 * The nginx configurations in the rules' documentation are real nginx: each one (bad and good
 * examples alike, since a rule about a bad setting needs a config nginx loads) must pass
 * `nginx -t`, and djship's parser must read it without problems. Upstream hosts and certificate
 * paths are rewritten to ones that exist here; nothing else is changed.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parseNginx } from "../../src/artifacts/nginx/parse.js";
import { classifyFile } from "../../src/discover/classify.js";
import { RULES } from "../../src/rules/registry.generated.js";

const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"].find((p) => existsSync(p));

describe("nginx examples in the rule docs", { skip: NGINX ? false : "nginx is not installed (scripts/provision.sh installs it)" }, () => {
  const prefix = mkdtempSync(join(tmpdir(), "djship-nginx-docs-"));
  after(() => rmSync(prefix, { recursive: true, force: true }));
  let certificate: { cert: string; key: string } | undefined;
  const tls = () => {
    if (!certificate) {
      const cert = join(prefix, "cert.pem");
      const key = join(prefix, "key.pem");
      execFileSync(
        "openssl",
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test", "-days", "1", "-keyout", key, "-out", cert],
        { stdio: "ignore" },
      );
      certificate = { cert, key };
    }
    return certificate;
  };
  let port = 19000;
  for (const rule of RULES) {
    for (const kind of ["bad", "good"] as const) {
      for (const [path, text] of Object.entries(rule.doc[kind] ?? {})) {
        if (classifyFile(path) !== "nginx") continue;
        test(`${rule.code} ${kind}: ${path}`, () => {
          const parsed = parseNginx(path, text);
          assert.deepEqual(parsed.problems, []);
          const dir = join(prefix, `${rule.code}-${kind}`);
          mkdirSync(dir, { recursive: true });
          const rewritten = text
            .replace(
              /(proxy_pass|uwsgi_pass)\s+(https?:\/\/)?[^;]+;/g,
              (_m, directive: string, scheme: string | undefined) => `${directive} ${scheme ?? ""}127.0.0.1:9;`,
            )
            .replace(/ssl_certificate\s+[^;]+;/g, () => `ssl_certificate ${tls().cert};`)
            .replace(/ssl_certificate_key\s+[^;]+;/g, () => `ssl_certificate_key ${tls().key};`)
            .replace(/ssl_trusted_certificate\s+[^;]+;/g, "")
            // Test ports on loopback: the configuration is only tested, never started.
            .replace(
              /listen\s+(\[::\]:)?(\d+)/g,
              (_m, v6: string | undefined, p: string) => `listen ${v6 ? "[::1]:" : "127.0.0.1:"}${port + (Number(p) % 1000)}`,
            );
          port += 2;
          const site = /^\s*(events|http)\b/m.test(rewritten) ? rewritten : `events {}\nhttp {\n${rewritten}\n}\n`;
          const main = join(dir, "nginx.conf");
          writeFileSync(main, `pid ${join(dir, "nginx.pid")};\nerror_log stderr;\n${site}`);
          const result = spawnSync(NGINX as string, ["-t", "-q", "-p", dir, "-c", main, "-e", "stderr"], { encoding: "utf8" });
          assert.equal(result.status, 0, result.stderr);
        });
      }
    }
  }
});
