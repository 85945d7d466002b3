/**
 * djship's urllib.parse against CPython's own (Debian's Python 3.11, standard library only): the
 * database and cache URLs settings libraries split go through these functions, so every case is
 * asked of Python in one run and djship must give the same answer, errors included.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { standardPython } from "../../test/helpers/python.js";
import { hostnameOf, parseQs, parseQsl, portOf, quote, unquote, unquotePlus, urlparse, urlsplit, urlunsplit, userinfo } from "./urllib.js";

const URLS = [
  "postgres://user:p%40ss@db.example.com:5432/app?sslmode=require&connect_timeout=5",
  "postgres://user@/app",
  "postgresql://%2Fvar%2Frun%2Fpostgresql/app",
  "mysql://root:secret@127.0.0.1/shop",
  "sqlite:////var/lib/app/db.sqlite3",
  "sqlite:///relative.db",
  "sqlite://:memory:",
  "redis://:token@cache:6379/1",
  "rediss://cache.example.com:6380/0?ssl_cert_reqs=none",
  "redis://[::1]:6379/2",
  "http://[2001:db8::1]/path;params?q=1#frag",
  "HTTPS://Example.COM/A/B?x=1#Top",
  "https://example.com:0/",
  "https://example.com:/empty-port",
  "memcached://a:11211,b:11211",
  "//cdn.example.com/static/",
  "/static/",
  "static/",
  "mailto:admin@example.com",
  "file:///etc/hosts",
  "",
  "   postgres://spaced@db/app  ",
  "https://user:pa:ss@host/",
  "custom+scheme://h/p",
  "http://host/path with spaces?a=b c",
];
const PORT_ERRORS = ["https://example.com:99999/", "https://example.com:abc/", "https://example.com:-1/"];
const QUERIES = ["a=1&b=2&a=3", "empty=&flag", "x=%20y+z&plus=a%2Bb", "semi=1;other=2", "", "k=v=w"];
const QUOTES = ["p@ss word/with/slashes", "ünïcode", "a+b%20c", "~-._", "100%"];

const ORACLE = `
import json, sys
from urllib.parse import urlsplit, urlparse, urlunsplit, parse_qs, parse_qsl, quote, unquote, unquote_plus
data = json.load(sys.stdin)
def port(url):
    try:
        return {"port": urlsplit(url).port}
    except ValueError as e:
        return {"error": str(e)}
out = {"urls": [], "ports": [port(u) for u in data["portErrors"]], "queries": [], "quotes": []}
for url in data["urls"]:
    s = urlsplit(url)
    p = urlparse(url)
    out["urls"].append({
        "split": [s.scheme, s.netloc, s.path, s.query, s.fragment],
        "parse": [p.scheme, p.netloc, p.path, p.params, p.query, p.fragment],
        "hostname": s.hostname, "port": port(url), "username": s.username, "password": s.password,
        "unsplit": urlunsplit(s),
    })
for q in data["queries"]:
    out["queries"].append({"qsl": parse_qsl(q), "qs": parse_qs(q)})
for t in data["quotes"]:
    out["quotes"].append({"quote": quote(t), "quoteSafe": quote(t, safe=""), "unquote": unquote(quote(t)), "unquotePlus": unquote_plus(t)})
print(json.dumps(out))
`;

interface Oracle {
  urls: {
    split: string[];
    parse: string[];
    hostname: string | null;
    port: { port?: number | null; error?: string };
    username: string | null;
    password: string | null;
    unsplit: string;
  }[];
  ports: { port?: number | null; error?: string }[];
  queries: { qsl: [string, string][]; qs: Record<string, string[]> }[];
  quotes: { quote: string; quoteSafe: string; unquote: string; unquotePlus: string }[];
}

const python = standardPython<Oracle>(ORACLE, { urls: URLS, portErrors: PORT_ERRORS, queries: QUERIES, quotes: QUOTES });

function portOrError(url: string): { port?: number | null; error?: string } {
  try {
    return { port: portOf(urlsplit(url).netloc) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("urllib.parse, as CPython 3.11 has it", () => {
  URLS.forEach((url, index) => {
    const expected = python.urls[index];
    test(`urlsplit, urlparse and the netloc parts of ${JSON.stringify(url)}`, () => {
      assert.ok(expected);
      const split = urlsplit(url);
      assert.deepEqual([split.scheme, split.netloc, split.path, split.query, split.fragment], expected.split, "urlsplit");
      const parsed = urlparse(url);
      assert.deepEqual(
        [parsed.scheme, parsed.netloc, parsed.path, parsed.params, parsed.query, parsed.fragment],
        expected.parse,
        "urlparse",
      );
      assert.equal(hostnameOf(split.netloc), expected.hostname, "hostname");
      const { username, password } = userinfo(split.netloc);
      assert.equal(username, expected.username, "username");
      assert.equal(password, expected.password, "password");
      assert.deepEqual(portOrError(url), expected.port, "port");
      assert.equal(urlunsplit(split), expected.unsplit, "urlunsplit");
    });
  });
  test("a port out of range or not a number raises ValueError, as Python's does", () => {
    for (const [index, url] of PORT_ERRORS.entries()) {
      const expected = python.ports[index];
      assert.ok(expected?.error, `${url}: Python raises`);
      assert.ok(portOrError(url).error !== undefined, `${url}: djship raises too (Python: ${expected.error})`);
    }
  });
  test("parse_qsl and parse_qs", () => {
    QUERIES.forEach((query, index) => {
      const expected = python.queries[index];
      assert.ok(expected);
      assert.deepEqual(parseQsl(query), expected.qsl, `parse_qsl(${JSON.stringify(query)})`);
      assert.deepEqual(Object.fromEntries(parseQs(query)), expected.qs, `parse_qs(${JSON.stringify(query)})`);
    });
  });
  test("quote, unquote and unquote_plus", () => {
    QUOTES.forEach((text, index) => {
      const expected = python.quotes[index];
      assert.ok(expected);
      assert.equal(quote(text), expected.quote, `quote(${JSON.stringify(text)})`);
      assert.equal(quote(text, ""), expected.quoteSafe, `quote(${JSON.stringify(text)}, safe="")`);
      assert.equal(unquote(quote(text)), expected.unquote, `unquote(quote(${JSON.stringify(text)}))`);
      assert.equal(unquotePlus(text), expected.unquotePlus, `unquote_plus(${JSON.stringify(text)})`);
    });
  });
});
