/**
 * What the URL-check rules (CFG2xx) share: Django's check_url_config replayed on the URLconf the
 * model describes (model/urlconf.ts). Django runs these checks as one function whose IDs depend on
 * each other (an include's own route is checked only when nothing below it prints a message), so
 * the conditions stay together here; each rule keeps its own message text and reports its IDs.
 * https://github.com/django/django/blob/stable/5.2.x/django/urls/resolvers.py
 * https://github.com/django/django/blob/stable/5.2.x/django/core/checks/urls.py
 */
import { atLeast } from "../../django/versions.js";
import { canBind } from "../../model/project-code.js";
import { type IncludedUrls, type UrlEntry, urlConfIn } from "../../model/urlconf.js";
import type { Verdict } from "../define.js";
import type { World } from "../world.js";

/** The IDs of check_url_config (urls.E007/E008 are check_custom_error_handlers' since 5.1). */
export type UrlCheckId =
  | "urls.W001"
  | "urls.W002"
  | "urls.W003"
  | "urls.E004"
  | "urls.E007"
  | "urls.E008"
  | "urls.E009"
  | "urls.W010"
  | "2_0.W001";

/** A message Django's URL checks would print: where, whether surely, and what its text names. */
interface UrlHit {
  readonly id: UrlCheckId;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly certain: boolean;
  /** `pattern` as Django describes it ('route' [name='x']), and the message's other parts. */
  readonly data: Readonly<Record<string, string>>;
}

type Hit = Omit<UrlHit, "file" | "line" | "column">;
type Checked = { hits: UrlHit[]; complete: boolean };

/**
 * The URLconf of ROOT_URLCONF as this world loads it: false when there is none (Django's URL checks
 * then return nothing), undefined when it cannot be read.
 */
export function rootUrls(world: World): IncludedUrls | false | undefined {
  const root = world.value("ROOT_URLCONF");
  // check_url_config and check_url_namespaces_unique return [] when there is no ROOT_URLCONF.
  if (world.truthy("ROOT_URLCONF") === false) return false;
  if (root.kind !== "str" || !world.code) return undefined;
  return urlConfIn(world.code, root.value, world);
}

/** LocaleRegexDescriptor.describe(): the route and, when set, the name. */
function describe(route: string, name: string | null | undefined): string {
  return `'${route}'${typeof name === "string" ? ` [name='${name}']` : ""}`;
}

/** RoutePattern.check() and RegexPattern.check() for one pattern's route. */
function routeChecks(fn: "path" | "re_path", route: string, isEndpoint: boolean, pattern: string, world: World): Hit[] {
  const out: Hit[] = [];
  const appendSlash = world.truthy("APPEND_SLASH");
  // _check_pattern_startswith_slash. path() compiles the route to "^" + the escaped route (+ "\Z"
  // for an endpoint): it starts with "^/" exactly when the route starts with "/", and ends with "/"
  // only for an include.
  const regex = fn === "path" ? `^${route}${isEndpoint ? "\\Z" : ""}` : route;
  if (appendSlash !== false && /^(\/|\^\/|\^\\\/)/.test(regex) && !regex.endsWith("/")) {
    out.push({ id: "urls.W002", certain: appendSlash === true, data: { pattern } });
  }
  if (fn === "path") {
    // RoutePattern._check_pattern_unmatched_brackets, added in 5.0.
    if (atLeast(world.series, "5.0")) {
      let open = 0;
      for (const bracket of route.match(/[<>]/g) ?? []) {
        if (bracket === "<") open++;
        else if (--open < 0) {
          out.push({ id: "urls.W010", certain: true, data: { pattern, bracket: ">" } });
          open = 0;
        }
      }
      if (open > 0) out.push({ id: "urls.W010", certain: true, data: { pattern, bracket: "<" } });
    }
    if (route.includes("(?P<") || route.startsWith("^") || route.endsWith("$")) {
      out.push({ id: "2_0.W001", certain: true, data: { pattern } });
    }
  } else if (!isEndpoint && route.endsWith("$") && !route.endsWith("\\$")) {
    // RegexPattern._check_include_trailing_dollar.
    out.push({ id: "urls.W001", certain: true, data: { pattern } });
  }
  return out;
}

/** URLResolver._check_custom_error_handlers for one URLconf module. */
function handlerChecks(urls: IncludedUrls): Checked {
  const hits: UrlHit[] = [];
  let complete = true;
  for (const handler of urls.handlers ?? []) {
    const place = { file: handler.file, line: handler.line, column: 1 };
    const code = String(handler.code);
    if (!handler.importable) {
      hits.push({ id: "urls.E008", ...place, certain: !handler.conditional, data: { code, view: handler.text } });
      continue;
    }
    if (!handler.params) {
      complete = false;
      continue;
    }
    // signature.bind(*args) with (request, exception) for 400/403/404 and (request) for 500.
    const arity = handler.code === 500 ? 1 : 2;
    if (!canBind(handler.params, arity)) {
      const args = arity === 2 ? "request, exception" : "request";
      hits.push({ id: "urls.E007", ...place, certain: !handler.conditional, data: { code, view: handler.qualified, arguments: args } });
    } else if (handler.conditional) complete = false;
  }
  return { hits, complete };
}

/** URLResolver.check() over a list of patterns: the messages of the children. */
function resolverChecks(entries: readonly UrlEntry[], world: World): Checked {
  const hits: UrlHit[] = [];
  let complete = true;
  for (const entry of entries) {
    const place = { file: entry.file, line: entry.line, column: entry.column };
    let own: UrlHit[] = [];
    let ownComplete = true;
    switch (entry.kind) {
      case "opaque":
        ownComplete = false;
        break;
      case "invalid":
        // check_resolver(): an entry with neither check() nor resolve().
        own.push({ id: "urls.E004", ...place, certain: true, data: { pattern: entry.text } });
        break;
      case "pattern": {
        const { route, name } = entry;
        if (route === undefined || name === undefined) {
          ownComplete = false;
          break;
        }
        const pattern = describe(route, name);
        // URLPattern._check_pattern_name.
        if (name?.includes(":")) own.push({ id: "urls.W003", ...place, certain: true, data: { pattern } });
        for (const hit of routeChecks(entry.fn, route, true, pattern, world)) own.push({ ...hit, ...place });
        // URLPattern._check_callback() arrived in 4.0.
        if (atLeast(world.series, "4.0")) {
          if (entry.view.isViewClass === true) {
            own.push({ id: "urls.E009", ...place, certain: true, data: { pattern, view: entry.view.className } });
          } else if (entry.view.isViewClass === undefined) ownComplete = false;
        }
        break;
      }
      case "include": {
        const included = entry.included;
        let children: UrlHit[] = [];
        let childComplete = false;
        if (included) {
          const below = resolverChecks(included.entries, world);
          children = below.hits;
          childComplete = below.complete;
          // Up to 5.0 every resolver checked its own URLconf's error handlers.
          if (included.handlers && !atLeast(world.series, "5.1")) {
            const handlers = handlerChecks(included);
            children.push(...handlers.hits);
            childComplete &&= handlers.complete;
          }
        }
        own = children;
        // `return messages or self.pattern.check()`: the include's own route is checked only when
        // everything below it is clean.
        if (!children.some((hit) => hit.certain)) {
          if (entry.route === undefined) ownComplete = false;
          else {
            const certain = childComplete && children.length === 0;
            for (const hit of routeChecks(entry.fn, entry.route, false, describe(entry.route, null), world))
              own.push({ ...hit, ...place, certain: certain && hit.certain });
          }
        }
        if (!childComplete) ownComplete = false;
        break;
      }
    }
    if (entry.present === undefined) {
      own = own.map((hit) => ({ ...hit, certain: false }));
      if (own.length > 0 || !ownComplete) complete = false;
    }
    if (!ownComplete) complete = false;
    hits.push(...own);
  }
  return { hits, complete };
}

/**
 * Every URL-check message Django prints for ROOT_URLCONF, and whether they are all there (possibly
 * uncertain): false when there is no URLconf (Django then skips the checks), undefined when it
 * cannot be read.
 */
function urlChecks(world: World): Checked | false | undefined {
  const root = rootUrls(world);
  if (!root) return root;
  const checked = resolverChecks(root.entries, world);
  // The root's error handlers: inside URLResolver.check() up to 5.0, check_custom_error_handlers since.
  const handlers = handlerChecks(root);
  return { hits: [...checked.hits, ...handlers.hits], complete: checked.complete && handlers.complete };
}

/**
 * A rule's verdicts for its check IDs, each reported with the message the rule names for it and
 * the hit's parts as data; false when Django surely prints none of them, undefined when djship
 * cannot tell.
 */
export function urlVerdicts<M extends Record<string, string>>(
  world: World,
  messageFor: Partial<Record<UrlCheckId, keyof M & string>>,
): Verdict<M>[] | false | undefined {
  const result = urlChecks(world);
  if (!result) return result;
  const mine = result.hits.filter((hit) => hit.id in messageFor);
  const certain = mine.filter((hit) => hit.certain);
  if (certain.length > 0) {
    return certain.map((hit) => ({
      at: "ROOT_URLCONF",
      messageId: messageFor[hit.id] as keyof M & string,
      data: hit.data,
      place: { file: hit.file, line: hit.line, column: hit.column },
      djangoCheck: hit.id,
    }));
  }
  return result.complete && mine.length === 0 ? false : undefined;
}
