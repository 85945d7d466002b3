import { posix } from "node:path";

/**
 * A Caddyfile read as Caddy's own caddyfile adapter reads it
 * (https://caddyserver.com/docs/caddyfile/concepts, caddyconfig/caddyfile/lexer.go and parse.go):
 * tokens, quotes, backticks, heredocs, blocks, snippets and `import`, `{$VAR}` placeholders.
 * No npm package parses Caddyfiles, so this follows Caddy's lexer rule by rule.
 */

export interface CaddyProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Where imported files are found: the tree's paths and a bounded reader. */
export interface CaddySource {
  readonly files: readonly string[];
  read(path: string): string | undefined;
}

export interface CaddyToken {
  readonly text: string;
  readonly file: string;
  readonly line: number;
  /** Quoted, backticked or heredoc text: never a brace or a comment. */
  readonly quoted: boolean;
  /** Lines the token spans beyond its first (a quoted token may wrap). */
  readonly extraLines: number;
  /** Environment variables `{$VAR}` with no default that stay unresolved in the text. */
  readonly env: readonly string[];
}

/** One directive line: `name args...`, with the block that ends it, if any. */
export interface CaddyDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly file: string;
  readonly line: number;
  /** Variables the line reads without a default: their value is unknown statically. */
  readonly env: readonly string[];
  readonly block?: readonly CaddyDirective[];
}

/** A site block: its addresses and its directives. */
export interface CaddySite {
  readonly file: string;
  readonly line: number;
  readonly addresses: readonly string[];
  readonly directives: readonly CaddyDirective[];
}

export interface CaddyfileParse {
  readonly path: string;
  /** The global options block (`{ ... }` first in the file), empty when absent. */
  readonly global: readonly CaddyDirective[];
  readonly sites: readonly CaddySite[];
  /** Every file read, the entry first (imports after). */
  readonly files: readonly string[];
  readonly problems: readonly CaddyProblem[];
}

/** Limits against hostile or runaway input: a Caddyfile is small, so these are generous. */
const MAX_TOKENS = 100_000;
const MAX_IMPORT_DEPTH = 10;
const MAX_IMPORTS = 200;
const HEREDOC_MARKER = /^[A-Za-z0-9_-]+$/;

interface RawToken {
  text: string;
  line: number;
  quoted: boolean;
  extraLines: number;
}

/**
 * Splits Caddyfile text into tokens as Caddy's lexer does: whitespace separates, `"..."` allows
 * `\"` only, backticks are raw, `<<MARKER` opens a heredoc whose closing marker's indentation is
 * stripped, `#` at the start of a token comments out the rest of the line, and a backslash before
 * a newline joins lines.
 */
export function tokenizeCaddyfile(text: string, file: string, problems: CaddyProblem[]): RawToken[] {
  const tokens: RawToken[] = [];
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let skipped = 0;
  let i = 0;
  const n = input.length;
  while (i < n && tokens.length < MAX_TOKENS) {
    const ch = input[i] as string;
    if (ch === "\n") {
      line += 1 + skipped;
      skipped = 0;
      i++;
      continue;
    }
    if (ch === "\\" && input[i + 1] === "\n") {
      // An escaped newline chains arguments onto the next line: they belong to this line, as in
      // Caddy's lexer, which counts the skipped line only at the next real newline.
      skipped++;
      i += 2;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\f" || ch === "\v") {
      i++;
      continue;
    }
    if (ch === "#") {
      while (i < n && input[i] !== "\n") i++;
      continue;
    }
    const start = line;
    if (ch === '"' || ch === "`") {
      let value = "";
      let closed = false;
      i++;
      while (i < n) {
        const c = input[i] as string;
        if (ch === '"' && c === "\\" && i + 1 < n) {
          // Only a quote can be escaped: any other backslash is kept with the character after it.
          const next = input[i + 1] as string;
          if (next === "\n") line++;
          value += next === '"' ? '"' : c + next;
          i += 2;
          continue;
        }
        if (c === ch) {
          closed = true;
          i++;
          break;
        }
        if (c === "\n") {
          line += 1 + skipped;
          skipped = 0;
        }
        value += c;
        i++;
      }
      if (!closed) problems.push({ file, line: start, message: `unterminated ${ch === '"' ? "quoted string" : "backtick string"}` });
      tokens.push({ text: value, line: start, quoted: true, extraLines: line - start });
      continue;
    }
    // A bare word, up to whitespace. `\<` escapes the heredoc syntax; other backslashes stay.
    let value = "";
    let heredocEscaped = false;
    while (i < n) {
      const c = input[i] as string;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") break;
      if (c === "\\" && input[i + 1] === "\n") break;
      if (c === "\\" && input[i + 1] === "<" && value === "") {
        heredocEscaped = true;
        value += "<";
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    if (!heredocEscaped && value.startsWith("<<") && !value.startsWith("<<<") && value.length > 2 && input[i] !== " ") {
      const marker = value.slice(2);
      // `<<MARKER` followed by the end of the line opens a heredoc.
      let j = i;
      while (input[j] === "\r") j++;
      if (input[j] === "\n" && HEREDOC_MARKER.test(marker)) {
        const body = readHeredoc(input, j + 1, marker);
        if (!body) {
          problems.push({ file, line: start, message: `incomplete heredoc <<${marker}: no closing ${marker}` });
          i = n;
          break;
        }
        const bodyLines = input.slice(j + 1, body.end).split("\n").length;
        line += bodyLines;
        i = body.end;
        tokens.push({ text: body.text, line: start, quoted: true, extraLines: bodyLines });
        continue;
      }
    }
    tokens.push({ text: value, line: start, quoted: false, extraLines: 0 });
  }
  if (tokens.length >= MAX_TOKENS) problems.push({ file, line, message: `more than ${MAX_TOKENS} tokens: the rest is not read` });
  return tokens;
}

/** The text of a heredoc starting at `from`, ending with a line holding only (indentation and) the marker. */
function readHeredoc(input: string, from: number, marker: string): { text: string; end: number } | undefined {
  let at = from;
  const lines: string[] = [];
  while (at <= input.length) {
    const newline = input.indexOf("\n", at);
    const raw = input.slice(at, newline < 0 ? input.length : newline).replace(/\r$/, "");
    const trimmed = raw.trimStart();
    // The closing marker may be followed by more arguments on its line (`HTML 200`).
    if (trimmed.startsWith(marker) && /^(\s|$)/.test(trimmed.slice(marker.length))) {
      const padding = raw.slice(0, raw.length - trimmed.length);
      const text = lines.map((l) => (l.startsWith(padding) ? l.slice(padding.length) : l)).join("\n");
      return { text, end: at + padding.length + marker.length };
    }
    lines.push(raw);
    if (newline < 0) return undefined;
    at = newline + 1;
  }
  return undefined;
}

/**
 * `{$VAR}` and `{$VAR:default}` as Caddy replaces them before parsing. Caddy does so in the raw
 * text; here each token is replaced on its own so that positions stay right (a value with spaces
 * would split into tokens in Caddy, which a static read cannot know anyway). A variable without
 * a default is left in place and listed: its value is the deployment's.
 */
function replaceEnv(text: string): { text: string; env: string[] } {
  const env: string[] = [];
  const replaced = text.replace(/\{\$([^}:]*)(?::([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => {
    if (name === "") return whole;
    if (fallback !== undefined) return fallback;
    env.push(name);
    return whole;
  });
  return { text: replaced, env };
}

interface Node {
  tokens: CaddyToken[];
  block?: Node[];
}

/** Whether `b` starts a new line after `a` (Caddy's isNextOnNewLine: a wrapped quoted token counts its lines). */
function onNewLine(a: CaddyToken, b: CaddyToken): boolean {
  return a.file !== b.file || a.line + a.extraLines < b.line;
}

const isOpen = (t: CaddyToken) => !t.quoted && t.text === "{";
const isClose = (t: CaddyToken) => !t.quoted && t.text === "}";

/** Groups tokens into lines and `{ }` blocks: a line ending with `{` owns the lines up to its `}`. */
function nest(tokens: readonly CaddyToken[], problems: CaddyProblem[]): Node[] {
  let at = 0;
  const lines = (depth: number): Node[] => {
    const out: Node[] = [];
    while (at < tokens.length) {
      const first = tokens[at] as CaddyToken;
      if (isClose(first)) {
        if (depth === 0) problems.push({ file: first.file, line: first.line, message: "unexpected '}'" });
        at++;
        if (depth > 0) return out;
        continue;
      }
      const node: Node = { tokens: [] };
      let previous: CaddyToken | undefined;
      while (at < tokens.length) {
        const token = tokens[at] as CaddyToken;
        if (previous && onNewLine(previous, token)) break;
        if (isClose(token) && node.tokens.length > 0) break;
        at++;
        if (isOpen(token)) {
          node.block = lines(depth + 1);
          break;
        }
        node.tokens.push(token);
        previous = token;
      }
      out.push(node);
    }
    if (depth > 0) {
      const last = tokens[tokens.length - 1];
      problems.push({ file: last?.file ?? "", line: last?.line ?? 1, message: "a '{' block is never closed" });
    }
    return out;
  };
  return lines(0);
}

/** Parses a Caddyfile and what it imports (files of the tree and snippets), keeping every position. */
export function parseCaddyfile(path: string, text: string, source?: CaddySource): CaddyfileParse {
  const problems: CaddyProblem[] = [];
  const files = [path];
  const snippets = new Map<string, CaddyToken[]>();
  let imports = 0;

  const lex = (file: string, content: string): CaddyToken[] =>
    tokenizeCaddyfile(content, file, problems).map((raw) => {
      const { text: replaced, env } = replaceEnv(raw.text);
      return { text: replaced, file, line: raw.line, quoted: raw.quoted, extraLines: raw.extraLines, env };
    });

  /** Replaces `import` lines and takes out `(snippet) { }` definitions, as Caddy's parser does before directives are read. */
  const expand = (tokens: CaddyToken[], depth: number, topLevel: boolean): CaddyToken[] => {
    const out: CaddyToken[] = [];
    let i = 0;
    let nesting = 0;
    while (i < tokens.length) {
      const token = tokens[i] as CaddyToken;
      const startsLine = i === 0 || onNewLine(tokens[i - 1] as CaddyToken, token);
      const snippetName = /^\((.+)\)$/.exec(token.text)?.[1];
      if (topLevel && nesting === 0 && startsLine && !token.quoted && snippetName && isOpen(tokens[i + 1] ?? token)) {
        // A snippet: keep its tokens (between the braces) for later imports.
        let j = i + 2;
        let level = 1;
        const body: CaddyToken[] = [];
        for (; j < tokens.length; j++) {
          const t = tokens[j] as CaddyToken;
          if (isOpen(t)) level++;
          if (isClose(t) && --level === 0) break;
          body.push(t);
        }
        if (level !== 0) problems.push({ file: token.file, line: token.line, message: `snippet ${token.text} is never closed` });
        if (snippets.has(snippetName))
          problems.push({ file: token.file, line: token.line, message: `snippet ${snippetName} is defined twice` });
        snippets.set(snippetName, body);
        i = j + 1;
        continue;
      }
      if (startsLine && !token.quoted && token.text === "import") {
        const args: CaddyToken[] = [];
        let j = i + 1;
        while (j < tokens.length && !onNewLine(tokens[j - 1] as CaddyToken, tokens[j] as CaddyToken)) args.push(tokens[j++] as CaddyToken);
        i = j;
        const target = args[0];
        if (!target) {
          problems.push({ file: token.file, line: token.line, message: "import needs a snippet name or a file" });
          continue;
        }
        if (depth >= MAX_IMPORT_DEPTH || ++imports > MAX_IMPORTS) {
          problems.push({ file: token.file, line: token.line, message: `import ${target.text}: imports nest too deep or are too many` });
          continue;
        }
        const values = args.slice(1).map((a) => a.text);
        const snippet = snippets.get(target.text);
        if (snippet) {
          out.push(...expand(substituteArgs(snippet, values), depth + 1, false));
          continue;
        }
        const importedFiles = resolveImport(target.text, token.file, source?.files ?? []);
        if (importedFiles.length === 0) {
          // Caddy fails on a missing file that is not a glob; a deploy-time path (/etc/caddy/...) is not in the tree.
          if (!/[*?[]/.test(target.text))
            problems.push({
              file: token.file,
              line: token.line,
              message: `import ${target.text}: not a snippet nor a file in the repository`,
            });
          continue;
        }
        for (const file of importedFiles) {
          const content = source?.read(file);
          if (content === undefined) {
            problems.push({ file: token.file, line: token.line, message: `import ${file}: cannot be read` });
            continue;
          }
          if (!files.includes(file)) files.push(file);
          out.push(...expand(substituteArgs(lex(file, content), values), depth + 1, true));
        }
        continue;
      }
      if (isOpen(token)) nesting++;
      if (isClose(token)) nesting--;
      out.push(token);
      i++;
    }
    return out;
  };

  const tokens = expand(lex(path, text), 0, true);
  const nodes = nest(tokens, problems);
  const directive = (node: Node): CaddyDirective => {
    const [head, ...rest] = node.tokens;
    const anchor = head ?? { file: path, line: 1 };
    return {
      name: head?.text ?? "",
      args: rest.map((t) => t.text),
      file: anchor.file,
      line: anchor.line,
      env: node.tokens.flatMap((t) => t.env),
      ...(node.block ? { block: node.block.map(directive) } : {}),
    };
  };

  let global: CaddyDirective[] = [];
  const sites: CaddySite[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k] as Node;
    if (/^&\(.+\)$/.test(node.tokens[0]?.text ?? "") && node.block) continue; // a named route (Caddy 2.7+), invoked by name
    if (node.tokens.length === 0 && node.block) {
      // `{ ... }` with no address: the global options block, only allowed first.
      if (k === 0) global = node.block.map(directive);
      else problems.push({ file: path, line: 1, message: "a block without site addresses that is not first in the file" });
      continue;
    }
    // Addresses: a trailing comma continues the list on the next line.
    const addressTokens = [...node.tokens];
    let current = node;
    while (!current.block && addressTokens.at(-1)?.text.endsWith(",") && k + 1 < nodes.length) {
      current = nodes[++k] as Node;
      addressTokens.push(...current.tokens);
    }
    const addresses = addressTokens.flatMap((t) => t.text.split(",")).filter((a) => a !== "");
    const anchor = addressTokens[0] as CaddyToken;
    if (current.block) {
      sites.push({ file: anchor.file, line: anchor.line, addresses, directives: current.block.map(directive) });
      continue;
    }
    // A single site without braces: every following line is one of its directives.
    if (sites.length === 0) {
      sites.push({ file: anchor.file, line: anchor.line, addresses, directives: nodes.slice(k + 1).map(directive) });
      break;
    }
    problems.push({ file: anchor.file, line: anchor.line, message: `site ${addresses.join(", ")} has no '{' block` });
  }
  return { path, global, sites, files, problems };
}

/** `{args[0]}`, `{args.0}` and `{args[:]}` (every argument) in imported tokens. */
function substituteArgs(tokens: readonly CaddyToken[], values: readonly string[]): CaddyToken[] {
  const out: CaddyToken[] = [];
  for (const token of tokens) {
    if (token.text === "{args[:]}") {
      for (const value of values) out.push({ ...token, text: value });
      continue;
    }
    const text = token.text.replace(/\{args(?:\[(\d+)\]|\.(\d+))\}/g, (_, a: string | undefined, b: string | undefined) => {
      const index = Number(a ?? b);
      return values[index] ?? "";
    });
    out.push(text === token.text ? token : { ...token, text });
  }
  return out;
}

/** The tree's files an `import` path or glob names, relative to the importing file, sorted as Caddy's glob is. */
export function resolveImport(pattern: string, from: string, files: readonly string[]): string[] {
  const base = posix.dirname(from);
  const joined = posix.normalize(pattern.startsWith("/") ? pattern.slice(1) : posix.join(base, pattern));
  if (!/[*?[]/.test(pattern)) {
    if (files.includes(joined)) return [joined];
    // An absolute deploy path (/etc/caddy/sites/x.caddy): the repository file with the same tail.
    if (pattern.startsWith("/")) {
      const tail = pattern.split("/").slice(-2).join("/");
      return files.filter((f) => f === tail || f.endsWith(`/${tail}`)).slice(0, 1);
    }
    return [];
  }
  const regex = new RegExp(
    `^${joined
      .split("")
      .map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : /[.+^${}()|\\]/.test(c) ? `\\${c}` : c))
      .join("")}$`,
  );
  return files.filter((f) => regex.test(f)).sort();
}
