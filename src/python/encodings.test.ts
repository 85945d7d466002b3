/**
 * Source encodings against CPython 3.11: the codec table is Python's own (every alias names the
 * same codec), each single-byte codec djship decodes gives every byte the character Python gives
 * it (or refuses it where Python does), and the multi-byte ones decode a sample text as Python does.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { standardPython } from "../../test/helpers/python.js";
import { decodeWith, pythonCodec, pythonCodecNames } from "./encodings.js";

const SINGLE_BYTE = [
  "ascii",
  "latin_1",
  ...["cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874", "cp866"],
  ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15].map((n) => `iso8859_${n}`),
  ...["koi8_r", "koi8_u", "mac_roman", "mac_cyrillic", "tis_620"],
];

const SAMPLES: Record<string, string> = {
  shift_jis: "設定 = 'ファイル'",
  cp932: "設定 = '①ファイル'",
  euc_jp: "設定 = 'ファイル'",
  iso2022_jp: "設定 = 'ファイル'",
  gb2312: "设置 = '文件'",
  gbk: "設置 = '文件'",
  gb18030: "设置 = '文件€'",
  big5: "設定 = '檔案'",
  big5hkscs: "設定 = '檔案'",
  cp950: "設定 = '檔案'",
  euc_kr: "설정 = '파일'",
  cp949: "설정 = '파일'",
  utf_8_sig: "NAME = 'é'",
};

/** Spellings as they appear in coding cookies, normalised the way the tokenizer and codecs.lookup do. */
const COOKIES = ["latin-1", "Latin_1", "ISO-8859-1", "iso-latin-1-foo", "utf-8", "UTF8", "utf-8-sig", "utf8-sig", "cp1252"];
const MORE_COOKIES = ["windows-1252", "latin-9", "latin9", "iso_8859_15", "euc-jp", "sjis", "us-ascii", "koi8-r", "cp437", "foo", "x.y"];

const ORACLE = `
import codecs, encodings, encodings.aliases as aliases, io, json, pkgutil, sys, tokenize
data = json.load(sys.stdin)
text = []
for m in pkgutil.iter_modules(encodings.__path__):
    try:
        info = codecs.lookup(m.name)
    except LookupError:
        continue
    if getattr(info, "_is_text_encoding", True) and m.name != "aliases":
        text.append(m.name)
names = {name: name for name in text}
names.update({alias: codec for alias, codec in aliases.aliases.items() if codec in text})
bytes_out = {}
for codec in data["single"]:
    row = []
    for b in range(256):
        try:
            row.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            row.append(None)
    bytes_out[codec] = row
samples = {codec: list(sample.encode(codec)) for codec, sample in data["samples"].items()}
cookies = {}
for cookie in data["cookies"]:
    source = ("# -*- coding: %s -*-\\nX = 1\\n" % cookie).encode("ascii")
    try:
        compile(source, "s", "exec")
        # tokenize.detect_encoding folds the spellings as the tokenizer does (get_normal_name).
        found, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        cookies[cookie] = codecs.lookup(found).name
    except SyntaxError:
        cookies[cookie] = None
print(json.dumps({"names": names, "bytes": bytes_out, "samples": samples, "cookies": cookies}))
`;

const python = standardPython<{
  names: Record<string, string>;
  bytes: Record<string, (string | null)[]>;
  samples: Record<string, number[]>;
  cookies: Record<string, string | null>;
}>(ORACLE, { single: SINGLE_BYTE, samples: SAMPLES, cookies: [...COOKIES, ...MORE_COOKIES] });

describe("Python's codec names", () => {
  test("the table holds exactly CPython's text codecs and their aliases", () => {
    assert.deepEqual(Object.fromEntries([...pythonCodecNames()].sort()), Object.fromEntries(Object.entries(python.names).sort()));
  });
  for (const cookie of [...COOKIES, ...MORE_COOKIES]) {
    test(`a cookie naming ${cookie}`, () => {
      const expected = python.cookies[cookie];
      const codec = pythonCodec(cookie);
      assert.equal(codec !== undefined, expected !== null, `CPython ${expected ? "accepts" : "refuses"} it`);
      if (codec && expected) {
        // codecs.lookup().name spells the codec with dashes (iso8859-15, utf-8), the module with underscores.
        const spelled = expected.replace(/-/g, "_");
        assert.ok([spelled, { iso8859_1: "latin_1" }[spelled]].includes(codec), `${codec} is not ${expected}`);
      }
    });
  }
});

describe("decodeWith gives each byte the character CPython gives it", () => {
  for (const codec of SINGLE_BYTE) {
    test(codec, () => {
      const expected = python.bytes[codec] as (string | null)[];
      const differences: string[] = [];
      for (let byte = 0; byte < 256; byte++) {
        const got = decodeWith(codec, Uint8Array.of(byte));
        const char = got.ok ? got.text : null;
        if (char !== expected[byte])
          differences.push(`0x${byte.toString(16)}: ${JSON.stringify(char)} not ${JSON.stringify(expected[byte])}`);
      }
      assert.deepEqual(differences, []);
    });
  }
  for (const [codec, sample] of Object.entries(SAMPLES)) {
    test(`${codec} decodes what CPython encoded`, () => {
      const got = decodeWith(codec, Uint8Array.from(python.samples[codec] ?? []));
      assert.deepEqual(got, { ok: true, text: sample });
    });
  }
  test("a refused byte says which and where", () => {
    const got = decodeWith("cp1252", Uint8Array.from([0x41, 0x41, 0x81]));
    assert.deepEqual(got, { ok: false, message: "(unicode error) 'cp1252' codec can't decode byte 0x81 in position 2" });
  });
  test("a codec Python has and djship does not decode is djship's limit", () => {
    const got = decodeWith("cp437", Uint8Array.from([0x41]));
    assert.equal(got.ok, false);
    assert.equal(!got.ok && got.unsupported, true);
  });
  test("long files decode whole", () => {
    const bytes = new Uint8Array(300_000).fill(0x41);
    bytes[150_000] = 0x80;
    const got = decodeWith("cp1252", bytes);
    assert.ok(got.ok && got.text.length === 300_000 && got.text[150_000] === "€");
  });
});
