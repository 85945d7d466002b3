import { parseArgs } from "node:util";
import { UNREADABLE } from "../../findings/unreadable.js";
import { AREAS } from "../../findings/vocabulary.js";
import { renderRuleMarkdown, renderRulesMarkdown } from "../../report/rule-docs.js";
import { catalogOf } from "../../rules/catalog.js";
import { RULES } from "../../rules/registry.generated.js";
import { UsageError } from "../../util/errors.js";
import { didYouMean } from "../../util/suggest.js";
import { EXIT_OK } from "../exit-codes.js";
import type { CommandContext } from "../shared.js";

export async function rulesCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: "string", default: "text" }, color: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    context.stdout.write(
      "Usage: djship rules [--format text|json|markdown]\n\nLists every rule: code, name, area, severity and the Django check it mirrors.\n",
    );
    return EXIT_OK;
  }
  const catalog = catalogOf(RULES);
  if (values.format === "markdown") context.stdout.write(renderRulesMarkdown(catalog));
  else if (values.format === "json") context.stdout.write(`${JSON.stringify([...catalog.values()], null, 2)}\n`);
  else if (values.format === "text") {
    const style = context.style(context.stdout);
    for (const area of AREAS) {
      const inArea = [...catalog.values()].filter((r) => r.area === area.id);
      if (inArea.length === 0) continue;
      context.stdout.write(`${style("bold", `${area.title} (${area.prefix})`)}\n`);
      for (const rule of inArea) {
        context.stdout.write(`  ${rule.code.padEnd(7)}${rule.slug.padEnd(40)}${rule.severity.padEnd(9)}${rule.djangoCheck ?? ""}\n`);
      }
    }
  } else throw new UsageError(`unknown format "${values.format}" (text, json, markdown)`);
  return EXIT_OK;
}

export const explainHelp = `Usage: djship explain CODE

Prints one rule's documentation: what it finds, why it matters, the fix, and a bad and a good
example. CODE is a rule code (SEC004), a scan probe code (SCN001), a slug (ssl-redirect-off) or a
Django check ID (security.W008).
`;

export async function explainCommand(argv: string[], context: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { color: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    context.stdout.write(explainHelp);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError("djship explain takes one CODE");
  const code = positionals[0]?.toUpperCase();
  if (!code) throw new UsageError("djship explain CODE, for example djship explain SEC004");
  const catalog = new Map(catalogOf(RULES));
  catalog.set(UNREADABLE.code, UNREADABLE);
  if (code.startsWith("SCN")) {
    // The scan probes' docs, loaded only for them.
    const [{ probeCatalog }, { PROBES }] = await Promise.all([import("../../scan/catalog.js"), import("../../scan/registry.js")]);
    for (const [key, info] of probeCatalog(PROBES)) catalog.set(key, info);
  }
  const rule = catalog.get(code) ?? [...catalog.values()].find((r) => r.slug === positionals[0] || r.djangoCheck === positionals[0]);
  if (!rule) throw new UsageError(`no rule ${positionals[0]}${didYouMean(code, catalog.keys())} (djship rules lists them)`);
  context.stdout.write(renderRuleMarkdown(rule, 1));
  return EXIT_OK;
}
