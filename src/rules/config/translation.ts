/**
 * What the translation rules share: django.utils.translation's get_supported_language_variant()
 * and check_for_language(), replayed on the settings and the catalogs djship can see.
 * https://github.com/django/django/blob/stable/5.2.x/django/utils/translation/trans_real.py
 */
import { posix } from "node:path";
import { contribApp, djangoLocales, LANGUAGE_CODE_RE, LANGUAGE_FALLBACKS, toLocale } from "../../django/known-code.js";
import { atLeast } from "../../django/versions.js";
import type { Tri, World } from "../world.js";

/** The LANGUAGES codes, or undefined when they are not known. */
function languageCodes(world: World): string[] | undefined {
  const languages = world.items("LANGUAGES");
  if (!languages) return undefined;
  const codes: string[] = [];
  for (const item of languages) {
    const code = item.kind === "list" || item.kind === "tuple" ? item.items[0] : undefined;
    if (code?.kind !== "str") return undefined;
    codes.push(code.value);
  }
  return codes;
}

/**
 * Whether a `django` catalog exists for a language code: gettext.find() over Django's own locale
 * folder, LOCALE_PATHS and every installed app's locale folder (the locale, then its language).
 */
export function catalogExists(world: World, code: string): Tri {
  const locale = toLocale(code);
  const candidates = [...new Set([locale, locale.split("_")[0] as string])];
  if (candidates.some((c) => djangoLocales(world.series).has(c))) return true;
  const folders: string[] = [];
  let unknown = false;
  const root = world.code?.root;
  const paths = world.items("LOCALE_PATHS");
  if (!paths || !root) unknown = true;
  for (const path of paths ?? []) {
    if (path.kind === "str" || path.kind === "path") folders.push(posix.resolve(root ?? "/", path.value));
    else unknown = true;
  }
  for (const entry of world.items("INSTALLED_APPS") ?? []) {
    if (entry.kind !== "str") {
      unknown = true;
      continue;
    }
    // Contrib apps translate their own strings into languages Django's catalog already has.
    if (contribApp(entry.value)) continue;
    const app = world.code?.app(entry.value);
    if (app?.directory) folders.push(`${app.directory}/locale`);
    else unknown = true;
  }
  for (const folder of folders) {
    for (const candidate of candidates) {
      const found = world.code?.isFile(`${folder}/${candidate}/LC_MESSAGES/django.mo`);
      if (found === true) return true;
      if (found === undefined) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/** check_for_language(): a well-formed code with a catalog. */
function checkForLanguage(world: World, code: string): Tri {
  if (!LANGUAGE_CODE_RE.test(code)) return false;
  return catalogExists(world, code);
}

/** Whether get_supported_language_variant(LANGUAGE_CODE) succeeds (else translation.E004). */
export function supportedLanguageVariant(world: World, code: string): Tri {
  const i18n = world.truthy("USE_I18N");
  if (i18n === undefined) return undefined;
  if (!i18n) {
    // trans_null: the code is LANGUAGE_CODE itself; 4.1+ also requires it to be non-empty.
    return atLeast(world.series, "4.1") ? code !== "" : true;
  }
  if (code === "" || code.length > 500) return code === "" ? false : undefined;
  const possible = [code, ...(LANGUAGE_FALLBACKS[code] ?? [])];
  if (atLeast(world.series, "4.0")) {
    // Every prefix cut at a '-' from the right: zh-hant-tw → zh-hant, zh.
    for (let i = code.lastIndexOf("-"); i > 0; i = code.lastIndexOf("-", i - 1)) possible.push(code.slice(0, i));
  } else possible.push(code.split("-")[0] as string);
  const generic = possible[possible.length - 1] as string;
  const languages = languageCodes(world);
  if (!languages) return undefined;
  // 3.2 and 4.0 compare case-sensitively; later series lower-case both sides.
  const folded = atLeast(world.series, "4.1");
  const supported = folded ? languages.map((l) => l.toLowerCase()) : languages;
  let result: Tri = false;
  for (const candidate of possible) {
    if (!supported.includes(folded ? candidate.toLowerCase() : candidate)) continue;
    const available = checkForLanguage(world, candidate);
    if (available === true) return true;
    if (available === undefined) result = undefined;
  }
  if (supported.some((s) => s.startsWith(`${generic}-`))) return true;
  return result;
}
