import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Templates are real files (Python, nginx, YAML...) under src/init/templates/, so each can be read,
 * linted and `nginx -t`-ed as it is. Two kinds of mark, both invisible to the file's own syntax when
 * placed in comments or strings:
 *
 * - `{{name}}`: replaced by a value;
 * - whole lines `# {{#if name}}`, `# {{else}}`, `# {{/if}}` (any comment leader): keep the lines
 *   between them when the flag is set (or, after `else`, when it is not). `{{#unless name}}` is the
 *   negation. Blocks nest.
 */
export type TemplateValues = Readonly<Record<string, string | boolean>>;

let templatesRoot: string | undefined;

/** The templates folder: found by walking up from this module (dist/src/init or the dist bundle). */
function templatesDir(): string {
  if (templatesRoot) return templatesRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "src", "init", "templates");
    if (existsSync(candidate)) {
      templatesRoot = candidate;
      return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error("djship's init templates are missing (src/init/templates): the package is incomplete");
}

export function readTemplate(name: string): string {
  return readFileSync(join(templatesDir(), name), "utf8");
}

const BLOCK = /^\s*(?:#|\/\/|;)?\s*\{\{(#if|#unless|else|\/if|\/unless)\s*([\w-]*)\}\}\s*$/;

/** Renders a template: conditional blocks first, then values. An unknown name is a bug, not a blank. */
export function renderTemplate(text: string, values: TemplateValues, name = "template"): string {
  const out: string[] = [];
  const stack: { keep: boolean; parentKeep: boolean }[] = [];
  const keeping = () => stack.every((s) => s.keep);
  const lines = text.split("\n");
  for (const line of lines) {
    const mark = BLOCK.exec(line);
    if (mark) {
      const [, kind, flag = ""] = mark;
      if (kind === "#if" || kind === "#unless") {
        if (!(flag in values)) throw new Error(`${name}: unknown template flag "${flag}"`);
        const on = values[flag] === true || (typeof values[flag] === "string" && values[flag] !== "");
        stack.push({ keep: kind === "#if" ? on : !on, parentKeep: keeping() });
      } else if (kind === "else") {
        const top = stack[stack.length - 1];
        if (!top) throw new Error(`${name}: {{else}} outside a block`);
        top.keep = !top.keep;
      } else {
        if (!stack.pop()) throw new Error(`${name}: unbalanced {{/if}}`);
      }
      continue;
    }
    if (keeping()) out.push(line);
  }
  if (stack.length > 0) throw new Error(`${name}: unclosed {{#if}}`);
  return out.join("\n").replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_, key: string) => {
    const value = values[key];
    if (typeof value !== "string") throw new Error(`${name}: no value for {{${key}}}`);
    return value;
  });
}

/** Reads and renders one template. */
export function template(name: string, values: TemplateValues): string {
  return renderTemplate(readTemplate(name), values, name);
}
