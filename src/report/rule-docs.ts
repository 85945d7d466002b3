import type { Catalog, RuleInfo } from "../findings/catalog.js";
import { AREAS } from "../findings/vocabulary.js";

function renderExample(files: Readonly<Record<string, string>>): string {
  return Object.entries(files)
    .map(([path, text]) => {
      const language = path.endsWith(".py")
        ? "python"
        : path.endsWith(".yml") || path.endsWith(".yaml")
          ? "yaml"
          : path.toLowerCase().includes("dockerfile")
            ? "dockerfile"
            : "";
      return `\`${path}\`\n\n\`\`\`${language}\n${text.trimEnd()}\n\`\`\``;
    })
    .join("\n\n");
}

/** One rule's documentation as Markdown: the text of `djship explain` and of docs/rules.md. */
export function renderRuleMarkdown(rule: RuleInfo, headingLevel = 2): string {
  const heading = "#".repeat(headingLevel);
  const lines = [
    `${heading} ${rule.code} ${rule.slug}`,
    "",
    `Area: ${rule.area} · severity: ${rule.severity}${rule.djangoCheck ? ` · Django check: \`${rule.djangoCheck}\`` : ""}${rule.status === "preview" ? " · preview" : ""} · since ${rule.since}${rule.reads?.length ? ` · reads: ${rule.reads.join(", ")}` : ""}`,
    "",
    `**What it finds.** ${rule.doc.what}`,
    "",
    `**Why it matters.** ${rule.doc.why}`,
    "",
    `**How to fix it.** ${rule.doc.fix}`,
  ];
  if (rule.doc.bad) lines.push("", "**Example** (reported):", "", renderExample(rule.doc.bad));
  if (rule.doc.good) lines.push("", "**Fixed:**", "", renderExample(rule.doc.good));
  if (rule.doc.references?.length) lines.push("", "References:", "", ...rule.doc.references.map((url) => `- <${url}>`));
  return `${lines.join("\n")}\n`;
}

/** docs/rules.md and `djship rules --format markdown`. */
export function renderRulesMarkdown(catalog: Catalog): string {
  const rules = [...catalog.values()];
  const out = [
    "# djship rules",
    "",
    "Generated from the rule files by `npm run gen`; do not edit by hand.",
    "",
    "Suppress a finding on its line with `# djship: ignore[CODE]`, or select and ignore rules in `[tool.djship]` of pyproject.toml.",
    "",
  ];
  for (const area of AREAS) {
    const inArea = rules.filter((rule) => rule.area === area.id);
    if (inArea.length === 0) continue;
    out.push(`## ${area.title} (\`${area.id}\`)`, "", area.covers, "", "| code | name | severity | Django check |", "|---|---|---|---|");
    for (const rule of inArea)
      out.push(`| [${rule.code}](#${rule.code.toLowerCase()}) | ${rule.slug} | ${rule.severity} | ${rule.djangoCheck ?? ""} |`);
    out.push("");
  }
  for (const rule of rules) out.push(renderRuleMarkdown(rule, 3));
  return `${out.join("\n").trimEnd()}\n`;
}
