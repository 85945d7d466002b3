/**
 * Python source encodings (PEP 263 coding cookies) decoded as CPython 3.11 decodes them, with Node's
 * TextDecoder underneath. Every codec Python accepts is known here by name, so that a cookie CPython
 * refuses (`unknown encoding`) is the project's syntax error while a codec Python has and djship does
 * not decode (cp437, EBCDIC, UTF-7...) is djship's limit.
 */

/**
 * CPython's text codecs, each followed by its aliases, as `encodings.aliases` lists them
 * (https://github.com/python/cpython/blob/3.11/Lib/encodings/aliases.py); generated with Python 3.11
 * and checked against it by encodings.test.ts.
 */
const PYTHON_CODEC_TABLE = [
  "ascii:646,ansi_x3.4_1968,ansi_x3.4_1986,ansi_x3_4_1968,cp367,csascii,ibm367,iso646_us,iso_646.irv_1991,iso_ir_6,us,us_ascii",
  "big5:big5_tw,csbig5,x_mac_trad_chinese big5hkscs:big5_hkscs,hkscs charmap",
  "cp037:037,csibm037,ebcdic_cp_ca,ebcdic_cp_nl,ebcdic_cp_us,ebcdic_cp_wt,ibm037,ibm039 cp1006",
  "cp1026:1026,csibm1026,ibm1026 cp1125:1125,cp866u,ibm1125,ruscii cp1140:1140,ibm1140 cp1250:1250,windows_1250",
  "cp1251:1251,windows_1251 cp1252:1252,windows_1252 cp1253:1253,windows_1253 cp1254:1254,windows_1254",
  "cp1255:1255,windows_1255 cp1256:1256,windows_1256 cp1257:1257,windows_1257 cp1258:1258,windows_1258",
  "cp273:273,csibm273,ibm273 cp424:424,csibm424,ebcdic_cp_he,ibm424 cp437:437,cspc8codepage437,ibm437",
  "cp500:500,csibm500,ebcdic_cp_be,ebcdic_cp_ch,ibm500 cp720 cp737 cp775:775,cspc775baltic,ibm775",
  "cp850:850,cspc850multilingual,ibm850 cp852:852,cspcp852,ibm852 cp855:855,csibm855,ibm855 cp856",
  "cp857:857,csibm857,ibm857 cp858:858,csibm858,ibm858 cp860:860,csibm860,ibm860 cp861:861,cp_is,csibm861,ibm861",
  "cp862:862,cspc862latinhebrew,ibm862 cp863:863,csibm863,ibm863 cp864:864,csibm864,ibm864",
  "cp865:865,csibm865,ibm865 cp866:866,csibm866,ibm866 cp869:869,cp_gr,csibm869,ibm869 cp874 cp875",
  "cp932:932,ms932,ms_kanji,mskanji cp949:949,ms949,uhc cp950:950,ms950",
  "euc_jis_2004:euc_jis2004,eucjis2004,jisx0213 euc_jisx0213:eucjisx0213 euc_jp:eucjp,u_jis,ujis",
  "euc_kr:euckr,korean,ks_c_5601,ks_c_5601_1987,ks_x_1001,ksc5601,ksx1001,x_mac_korean gb18030:gb18030_2000",
  "gb2312:chinese,csiso58gb231280,euc_cn,euccn,eucgb2312_cn,gb2312_1980,gb2312_80,iso_ir_58,x_mac_simp_chinese",
  "gbk:936,cp936,ms936 hp_roman8:cp1051,csHPRoman8,ibm1051,r8,roman8 hz:hz_gb,hz_gb_2312,hzgb idna",
  "iso2022_jp:csiso2022jp,iso2022jp,iso_2022_jp iso2022_jp_1:iso2022jp_1,iso_2022_jp_1",
  "iso2022_jp_2:iso2022jp_2,iso_2022_jp_2 iso2022_jp_2004:iso2022jp_2004,iso_2022_jp_2004",
  "iso2022_jp_3:iso2022jp_3,iso_2022_jp_3 iso2022_jp_ext:iso2022jp_ext,iso_2022_jp_ext",
  "iso2022_kr:csiso2022kr,iso2022kr,iso_2022_kr iso8859_1",
  "iso8859_10:csisolatin6,iso_8859_10,iso_8859_10_1992,iso_ir_157,l6,latin6",
  "iso8859_11:iso_8859_11,iso_8859_11_2001,thai iso8859_13:iso_8859_13,l7,latin7",
  "iso8859_14:iso_8859_14,iso_8859_14_1998,iso_celtic,iso_ir_199,l8,latin8 iso8859_15:iso_8859_15,l9,latin9",
  "iso8859_16:iso_8859_16,iso_8859_16_2001,iso_ir_226,l10,latin10",
  "iso8859_2:csisolatin2,iso_8859_2,iso_8859_2_1987,iso_ir_101,l2,latin2",
  "iso8859_3:csisolatin3,iso_8859_3,iso_8859_3_1988,iso_ir_109,l3,latin3",
  "iso8859_4:csisolatin4,iso_8859_4,iso_8859_4_1988,iso_ir_110,l4,latin4",
  "iso8859_5:csisolatincyrillic,cyrillic,iso_8859_5,iso_8859_5_1988,iso_ir_144",
  "iso8859_6:arabic,asmo_708,csisolatinarabic,ecma_114,iso_8859_6,iso_8859_6_1987,iso_ir_127",
  "iso8859_7:csisolatingreek,ecma_118,elot_928,greek,greek8,iso_8859_7,iso_8859_7_1987,iso_ir_126",
  "iso8859_8:csisolatinhebrew,hebrew,iso_8859_8,iso_8859_8_1988,iso_ir_138",
  "iso8859_9:csisolatin5,iso_8859_9,iso_8859_9_1989,iso_ir_148,l5,latin5 johab:cp1361,ms1361 koi8_r:cskoi8r",
  "koi8_t koi8_u kz1048:kz_1048,rk1048,strk1048_2002",
  "latin_1:8859,cp819,csisolatin1,ibm819,iso8859,iso8859_1,iso_8859_1,iso_8859_1_1987,iso_ir_100,l1,latin,latin1",
  "mac_arabic mac_croatian mac_cyrillic:maccyrillic mac_farsi mac_greek:macgreek mac_iceland:maciceland",
  "mac_latin2:mac_centeuro,maccentraleurope,maclatin2 mac_roman:macintosh,macroman mac_romanian",
  "mac_turkish:macturkish palmos ptcp154:cp154,csptcp154,cyrillic_asian,pt154 punycode raw_unicode_escape",
  "shift_jis:csshiftjis,s_jis,shiftjis,sjis,x_mac_japanese shift_jis_2004:s_jis_2004,shiftjis2004,sjis_2004",
  "shift_jisx0213:s_jisx0213,shiftjisx0213,sjisx0213",
  "tis_620:iso_ir_166,tis620,tis_620_0,tis_620_2529_0,tis_620_2529_1 undefined unicode_escape utf_16:u16,utf16",
  "utf_16_be:unicodebigunmarked,utf_16be utf_16_le:unicodelittleunmarked,utf_16le utf_32:u32,utf32",
  "utf_32_be:utf_32be utf_32_le:utf_32le utf_7:u7,unicode_1_1_utf_7,utf7",
  "utf_8:cp65001,u8,utf,utf8,utf8_ucs2,utf8_ucs4 utf_8_sig",
].join(" ");

/** Alias or codec name (normalised) → codec module name. */
const PYTHON_CODECS = new Map<string, string>();
for (const entry of PYTHON_CODEC_TABLE.split(" ")) {
  const [codec, aliases] = entry.split(":") as [string, string | undefined];
  PYTHON_CODECS.set(codec, codec);
  for (const alias of aliases?.split(",") ?? []) PYTHON_CODECS.set(alias, codec);
}

/** Every codec name and alias, for the test that compares the table with CPython's. */
export function pythonCodecNames(): ReadonlyMap<string, string> {
  return PYTHON_CODECS;
}

/**
 * The codec module a coding cookie names, or undefined when Python has none. CPython's tokenizer
 * first folds the spellings of UTF-8 and Latin-1 (get_normal_name in Parser/tokenizer.c), then
 * codecs.lookup lower-cases the name and turns each run of other characters than letters, digits and
 * dots into one underscore (_Py_normalize_encoding), and encodings.search_function tries the aliases
 * with and without dots. https://github.com/python/cpython/blob/3.11/Lib/encodings/__init__.py
 */
export function pythonCodec(cookie: string): string | undefined {
  const folded = cookie.slice(0, 12).toLowerCase().replace(/_/g, "-");
  if (folded === "utf-8" || folded.startsWith("utf-8-")) return "utf_8";
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(folded)) return "latin_1";
  const normal = cookie
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const aliased = PYTHON_CODECS.get(normal) ?? PYTHON_CODECS.get(normal.replace(/\./g, "_"));
  return aliased;
}

/**
 * Single-byte codecs decoded through a table of their upper 128 bytes built from TextDecoder, and
 * the WHATWG label that builds it. Where WHATWG's encoding is a superset of Python's (its
 * ISO-8859-9 is windows-1254, its ISO-8859-11 and TIS-620 are windows-874), bytes 0x80-0x9F are
 * the C1 controls, as in Python's codecs.
 */
const SINGLE_BYTE: Record<string, { label: string; c1?: boolean; undefinedBytes?: number[] }> = {
  cp1250: { label: "windows-1250" },
  cp1251: { label: "windows-1251" },
  cp1252: { label: "windows-1252" },
  cp1253: { label: "windows-1253", undefinedBytes: [0xaa] },
  cp1254: { label: "windows-1254" },
  cp1255: { label: "windows-1255" },
  cp1256: { label: "windows-1256" },
  cp1257: { label: "windows-1257" },
  cp1258: { label: "windows-1258" },
  cp874: { label: "windows-874" },
  cp866: { label: "ibm866" },
  iso8859_2: { label: "iso-8859-2" },
  iso8859_3: { label: "iso-8859-3" },
  iso8859_4: { label: "iso-8859-4" },
  iso8859_5: { label: "iso-8859-5" },
  iso8859_6: { label: "iso-8859-6" },
  iso8859_7: { label: "iso-8859-7" },
  iso8859_8: { label: "iso-8859-8" },
  iso8859_9: { label: "windows-1254", c1: true },
  iso8859_10: { label: "iso-8859-10" },
  iso8859_11: { label: "windows-874", c1: true },
  iso8859_13: { label: "iso-8859-13" },
  iso8859_14: { label: "iso-8859-14" },
  iso8859_15: { label: "iso-8859-15" },
  koi8_r: { label: "koi8-r" },
  koi8_u: { label: "koi8-u" },
  mac_roman: { label: "macintosh" },
  mac_cyrillic: { label: "x-mac-cyrillic" },
  tis_620: { label: "windows-874", c1: true, undefinedBytes: [0xa0] },
};

/**
 * windows-1252's bytes 0x80-0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt): Node 20
 * decodes windows-1252 as ISO-8859-1 (0x80 stays U+0080), so this range is not asked of it. A space
 * marks the five bytes Python's cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 */
const WINDOWS_1252_HIGH = "€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ";

/** Multi-byte codecs and the WHATWG decoder that reads them (a superset where the names differ). */
const MULTI_BYTE: Record<string, string> = {
  shift_jis: "shift_jis",
  cp932: "shift_jis",
  euc_jp: "euc-jp",
  iso2022_jp: "iso-2022-jp",
  gb2312: "gbk",
  gbk: "gbk",
  gb18030: "gb18030",
  big5: "big5",
  big5hkscs: "big5",
  cp950: "big5",
  euc_kr: "euc-kr",
  cp949: "euc-kr",
};

const tables = new Map<string, (string | undefined)[]>();

function highTable(codec: string, { label, c1, undefinedBytes }: (typeof SINGLE_BYTE)[string] & object): (string | undefined)[] {
  let table = tables.get(codec);
  if (table) return table;
  table = [];
  const decoder = new TextDecoder(label);
  for (let byte = 0x80; byte <= 0xff; byte++) {
    let char: string | undefined;
    if (c1 && byte < 0xa0) char = String.fromCharCode(byte);
    else if (codec === "cp1252" && byte < 0xa0) char = WINDOWS_1252_HIGH[byte - 0x80];
    else {
      char = decoder.decode(Uint8Array.of(byte));
      // WHATWG fills the holes of the windows code pages with the C1 control of the same number;
      // Python's codecs leave them undefined.
      if (label.startsWith("windows-") && byte < 0xa0 && char === String.fromCharCode(byte)) char = undefined;
    }
    // Node answers a byte the encoding leaves undefined with U+FFFD or nothing; WHATWG's windows-874
    // gives a few of Python's holes private-use characters.
    const code = char?.charCodeAt(0) ?? 0xfffd;
    const isHole =
      !char ||
      char === " " ||
      code === 0xfffd ||
      (label === "windows-874" && code >= 0xe000 && code <= 0xf8ff) ||
      undefinedBytes?.includes(byte);
    table.push(isHole ? undefined : char);
  }
  tables.set(codec, table);
  return table;
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string; unsupported?: true };

/** Decodes bytes with the named Python codec (a name {@link pythonCodec} returned). */
export function decodeWith(codec: string, bytes: Uint8Array): Decoded {
  if (codec === "utf_8" || codec === "utf_8_sig") {
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: codec === "utf_8" }).decode(bytes) };
    } catch {
      return { ok: false, message: "(unicode error) the file is not valid utf-8" };
    }
  }
  if (codec === "ascii" || codec === "latin_1") {
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      const chunk = bytes.subarray(i, i + 8192);
      if (codec === "ascii") {
        const bad = chunk.findIndex((byte) => byte > 0x7f);
        if (bad >= 0) return { ok: false, message: byteError("ascii", chunk[bad] as number, i + bad) };
      }
      text += String.fromCharCode(...chunk);
    }
    return { ok: true, text };
  }
  const single = SINGLE_BYTE[codec];
  if (single) {
    const table = highTable(codec, single);
    const parts: string[] = [];
    let run = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (byte < 0x80) continue;
      const char = table[byte - 0x80];
      if (char === undefined) return { ok: false, message: byteError(codec, byte, i) };
      parts.push(...chunks(bytes.subarray(run, i)), char);
      run = i + 1;
    }
    parts.push(...chunks(bytes.subarray(run)));
    return { ok: true, text: parts.join("") };
  }
  const label = MULTI_BYTE[codec];
  if (label) {
    try {
      return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, message: `(unicode error) the file is not valid ${codec}` };
    }
  }
  return {
    ok: false,
    unsupported: true,
    message: `the file declares the ${codec} encoding, which djship does not decode`,
  };
}

function chunks(bytes: Uint8Array): string[] {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return parts;
}

function byteError(codec: string, byte: number, position: number): string {
  return `(unicode error) '${codec}' codec can't decode byte 0x${byte.toString(16).padStart(2, "0")} in position ${position}`;
}
