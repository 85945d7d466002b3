import type { Finding } from "../findings/finding.js";
import { AREAS, type Severity } from "../findings/vocabulary.js";
import { gradeForScore } from "../scan/grade/grade.js";
import { groupByArea, plural, type Report, type Reporter, summaryLine } from "./model.js";

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const SEVERITY_TITLE: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only web links become links: a finding's URL comes from the scanned site. */
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : null;
}

function scoreClass(score: number | null): string {
  if (score === null) return "s-none";
  return score >= 90 ? "s-good" : score >= 70 ? "s-fair" : score >= 50 ? "s-poor" : "s-bad";
}

/**
 * The overall grade: for an audit, the mean of the ten area scores on the scan's A+ to F scale;
 * for a scan, the worst site's grade (a fleet is as exposed as its weakest site).
 */
function overall(report: Report): { grade: string; score: number | null; label: string } {
  const scores = (report.scores ?? []).map((s) => s.score).filter((s): s is number => s !== null);
  if (scores.length === 0) return { grade: "–", score: null, label: "no score" };
  if (report.kind === "scan") {
    const worst = Math.min(...scores);
    return { grade: gradeForScore(worst), score: worst, label: `worst site ${worst}` };
  }
  const mean = Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
  return { grade: gradeForScore(mean), score: mean, label: `mean of the area scores ${mean}/100` };
}

function chart(report: Report): string {
  const rows = report.scores ?? [];
  if (rows.length === 0) return "";
  const labelWidth = report.kind === "scan" ? 260 : 130;
  const barWidth = 420;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((row, index) => {
      const y = index * rowHeight + 4;
      const value = row.score === null ? 0 : Math.max(0, Math.min(100, row.score));
      const width = Math.round((value / 100) * barWidth);
      const label = row.label.length > 36 ? `${row.label.slice(0, 35)}…` : row.label;
      return `<g role="listitem" aria-label="${escapeHtml(`${row.label}: ${row.score ?? "not scored"}${report.kind === "audit" ? " of 100" : ""}, ${row.detail}`)}"><title>${escapeHtml(`${row.label}: ${row.score ?? "–"} (${row.detail})`)}</title><text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="chart-label">${escapeHtml(label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="18" rx="3" class="chart-track"/><rect x="${labelWidth}" y="${y + 3}" width="${width}" height="18" rx="3" class="chart-bar ${scoreClass(row.score)}"/><text x="${labelWidth + barWidth + 8}" y="${y + 17}" class="chart-value">${row.score ?? "–"}</text></g>`;
    })
    .join("");
  const title = report.kind === "audit" ? "Score per area, out of 100" : "Score per site";
  return `<figure class="chart"><svg viewBox="0 0 ${labelWidth + barWidth + 48} ${height}" width="100%" role="list" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">${title}</title>${bars}</svg><figcaption>${title}${report.kind === "audit" ? ": 100, less 25 for each error, 10 for each warning and 2 for each info." : "."}</figcaption></figure>`;
}

function excerpt(report: Report, finding: Finding): string {
  const quoted = report.excerpts?.get(finding.fingerprint);
  if (!quoted) return "";
  const lines = quoted.lines
    .map((text, index) => {
      const number = quoted.startLine + index;
      const body = `<span class="ln" aria-hidden="true">${number}</span>${escapeHtml(text) || " "}`;
      return number === quoted.line ? `<mark>${body}</mark>` : `<span class="line">${body}</span>`;
    })
    // Each line is a block already: a newline between them would show as an empty line.
    .join("");
  return `<pre class="excerpt" aria-label="${escapeHtml(`${finding.file} lines ${quoted.startLine} to ${quoted.startLine + quoted.lines.length - 1}`)}"><code>${lines}</code></pre>`;
}

function findingHtml(report: Report, finding: Finding, id: string): string {
  const rule = report.catalog.get(finding.rule);
  const doc = safeHref(finding.docUrl);
  const code = doc
    ? `<a href="${doc}" class="code">${escapeHtml(finding.rule)}</a>`
    : `<span class="code">${escapeHtml(finding.rule)}</span>`;
  const where = finding.url
    ? (() => {
        const href = safeHref(finding.url);
        return href ? `<a href="${href}" rel="noreferrer">${escapeHtml(finding.url)}</a>` : escapeHtml(finding.url);
      })()
    : finding.file
      ? `<code>${escapeHtml(`${finding.file}:${finding.line ?? 1}`)}</code>`
      : "the project";
  const details: string[] = [];
  if (finding.env.length)
    details.push(`<dt>Controlled by</dt><dd>${finding.env.map((name) => `<code>${escapeHtml(name)}</code>`).join(", ")}</dd>`);
  if (finding.djangoCheck) details.push(`<dt>Django check</dt><dd><code>${escapeHtml(finding.djangoCheck)}</code></dd>`);
  if (finding.evidence) details.push(`<dt>Evidence</dt><dd><code>${escapeHtml(finding.evidence)}</code></dd>`);
  if (finding.related.length)
    details.push(
      `<dt>Also involved</dt><dd><ul>${finding.related
        .map((r) => `<li><code>${escapeHtml(`${r.file}:${r.line}`)}</code>${r.message ? ` ${escapeHtml(r.message)}` : ""}</li>`)
        .join("")}</ul></dd>`,
    );
  if (rule?.doc.why) details.push(`<dt>Why</dt><dd>${escapeHtml(rule.doc.why)}</dd>`);
  details.push(`<dt>Fix</dt><dd>${escapeHtml(finding.fix)}</dd>`);
  if (finding.suppressed && finding.suppression) details.push(`<dt>Suppressed</dt><dd>${escapeHtml(finding.suppression.reason)}</dd>`);
  return `<article class="finding sev-${finding.severity}" id="${id}" data-area="${finding.area}" data-severity="${finding.severity}" aria-labelledby="${id}-h"><h5 id="${id}-h"><span class="badge sev-${finding.severity}">${finding.severity}</span> ${code} ${escapeHtml(finding.message)}</h5><p class="where">${where}</p>${excerpt(report, finding)}<dl>${details.join("")}</dl>${doc ? `<p class="doc"><a href="${doc}">Documentation of ${escapeHtml(finding.rule)}</a></p>` : ""}</article>`;
}

function filters(report: Report, visible: readonly Finding[]): string {
  const areaIds = report.kind === "audit" ? AREAS.map((a) => a.id) : [...new Set(visible.map((f) => f.area))];
  const areaBoxes = AREAS.filter((a) => areaIds.includes(a.id))
    .map((area) => {
      const count = visible.filter((f) => f.area === area.id).length;
      return `<label><input type="checkbox" name="area" value="${area.id}" checked> ${escapeHtml(area.title)} <span class="count">${count}</span></label>`;
    })
    .join("");
  const severityBoxes = SEVERITIES.map((severity) => {
    const count = visible.filter((f) => f.severity === severity).length;
    return `<label><input type="checkbox" name="severity" value="${severity}" checked> ${SEVERITY_TITLE[severity]} <span class="count">${count}</span></label>`;
  }).join("");
  return `<form class="filters" id="filters" aria-label="Filter the findings"><fieldset><legend>Area</legend>${areaBoxes}</fieldset><fieldset><legend>Severity</legend>${severityBoxes}</fieldset><p><button type="button" id="show-all">Show all</button> <span id="shown" role="status" aria-live="polite">${plural(visible.length, "finding")} shown</span></p></form>`;
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--card:#f6f8fa;--line:#d0d7de;--mark:#fff3bf;--link:#0550ae;
--error:#b3261e;--warning:#8a4b00;--info:#0b57a3;--good:#1a7f37;--fair:#5f7d00;--poor:#9a6700;--bad:#b3261e;--track:#eaeef2}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--card:#161b22;--line:#30363d;--mark:#3d3000;--link:#79b8ff;
--error:#ff8182;--warning:#e3b341;--info:#79b8ff;--good:#3fb950;--fair:#a5d65a;--poor:#d29922;--bad:#ff7b72;--track:#21262d}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
header,main,footer{max-width:70rem;margin:0 auto;padding:1rem 1.5rem}header p{margin:.2rem 0;color:var(--muted)}
h1{margin:.5rem 0;font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:1rem 0 .5rem;color:var(--muted)}h5{font-size:1rem;margin:0 0 .3rem;font-weight:600}
a{color:var(--link)}a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.overview{display:flex;gap:2rem;align-items:center;flex-wrap:wrap}.grade{font-size:3rem;font-weight:700;line-height:1;border:4px solid currentColor;border-radius:12px;padding:.6rem 1rem;min-width:5.5rem;text-align:center}
.grade small{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}.chart{flex:1;min-width:20rem;margin:0}.chart figcaption{color:var(--muted);font-size:.85rem}
.chart-label,.chart-value{fill:var(--fg);font-size:13px}.chart-track{fill:var(--track)}.s-good{fill:var(--good);color:var(--good)}.s-fair{fill:var(--fair);color:var(--fair)}
.s-poor{fill:var(--poor);color:var(--poor)}.s-bad{fill:var(--bad);color:var(--bad)}.s-none{fill:var(--muted);color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8rem}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem .9rem}.filters legend{font-weight:600;margin-bottom:.2rem}
.filters label{white-space:nowrap;cursor:pointer}.count{color:var(--muted);font-size:.85em}
button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.2rem .7rem;cursor:pointer}
.finding{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:.7rem 1rem;margin:.6rem 0}
.finding.sev-error{border-left-color:var(--error)}.finding.sev-warning{border-left-color:var(--warning)}.finding.sev-info{border-left-color:var(--info)}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:0 .4rem;border-radius:4px;border:1px solid currentColor}
.badge.sev-error{color:var(--error)}.badge.sev-warning{color:var(--warning)}.badge.sev-info{color:var(--info)}.code{font-family:ui-monospace,monospace}
.where{margin:.2rem 0;color:var(--muted)}pre.excerpt{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.4rem 0;overflow-x:auto;margin:.4rem 0}
pre.excerpt code{display:block;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}pre.excerpt .line,pre.excerpt mark{display:block;padding:0 .6rem;color:var(--fg)}
pre.excerpt mark{background:var(--mark)}.ln{display:inline-block;min-width:3ch;margin-right:1ch;color:var(--muted);text-align:right;user-select:none}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0}dt{font-weight:600}dd{margin:0}dd ul{margin:0;padding-left:1.1rem}
.doc{margin:.3rem 0 0}[hidden]{display:none!important}footer{color:var(--muted);font-size:.85rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

// Filters hide findings whose area or severity is unchecked, then empty groups; no request, no library.
const SCRIPT = `(()=>{const form=document.getElementById("filters");if(!form)return;const shown=document.getElementById("shown");
const update=()=>{const on=(n)=>new Set([...form.querySelectorAll('input[name="'+n+'"]:checked')].map((i)=>i.value));const areas=on("area"),sev=on("severity");let count=0;
for(const f of document.querySelectorAll("#findings article.finding")){const v=areas.has(f.dataset.area)&&sev.has(f.dataset.severity);f.hidden=!v;if(v)count++;}
for(const g of document.querySelectorAll("#findings .group")){g.hidden=!g.querySelector("article.finding:not([hidden])");}
shown.textContent=count+(count===1?" finding":" findings")+" shown";};
form.addEventListener("change",update);document.getElementById("show-all").addEventListener("click",()=>{for(const i of form.querySelectorAll("input"))i.checked=true;update();});update();})();`;

/**
 * One self-contained HTML file: overall grade, a score chart, findings by area and severity with
 * redacted excerpts, filters. Its Content-Security-Policy forbids every fetch, so it never loads
 * anything, wherever it is opened.
 */
export const renderHtml: Reporter = (report) => {
  const visible = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.filter((f) => f.suppressed);
  const grade = overall(report);
  const title = report.kind === "audit" ? "djship audit" : "djship scan";
  let counter = 0;
  const nextId = () => `f${++counter}`;
  const groups = groupByArea(visible)
    .map(({ area, findings }) => {
      const score = report.kind === "audit" ? report.scores?.find((s) => s.label === area.id)?.score : undefined;
      const bySeverity = SEVERITIES.map((severity) => {
        const list = findings.filter((f) => f.severity === severity);
        if (list.length === 0) return "";
        return `<section class="group" data-severity="${severity}" aria-label="${escapeHtml(`${area.title}: ${SEVERITY_TITLE[severity]}`)}"><h4>${SEVERITY_TITLE[severity]} (${list.length})</h4>${list.map((f) => findingHtml(report, f, nextId())).join("")}</section>`;
      }).join("");
      return `<section class="group area" data-area="${area.id}" aria-labelledby="area-${area.id}"><h3 id="area-${area.id}">${escapeHtml(area.title)}${score !== undefined && score !== null ? ` <span class="count">score ${score}/100</span>` : ""}</h3>${bySeverity}</section>`;
    })
    .join("");
  const suppressedHtml = suppressed.length
    ? `<details class="suppressed"><summary>${plural(suppressed.length, "suppressed finding")}</summary>${suppressed.map((f) => findingHtml(report, f, nextId())).join("")}</details>`
    : "";
  const verdict = report.exitCode === 1 ? `fails at fail-on ${report.failOn}` : `passes at fail-on ${report.failOn}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${escapeHtml(`${report.tool.name} ${report.tool.version}`)}">
<title>${title} report</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1>${report.heading.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}</header>
<main>
<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>
<div class="overview"><div class="grade ${scoreClass(grade.score)}" role="img" aria-label="${escapeHtml(`Overall grade ${grade.grade}, ${grade.label}`)}">${escapeHtml(grade.grade)}<small>${escapeHtml(grade.label)}</small></div>${chart(report)}</div>
<p><strong>${escapeHtml(summaryLine(report))}</strong> · ${escapeHtml(verdict)}</p>
</section>
<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>
${visible.length ? filters(report, visible) : "<p>No findings.</p>"}
${groups}
${suppressedHtml}
</section>
</main>
<footer><p>Generated by ${escapeHtml(`${report.tool.name} ${report.tool.version}`)}. This file loads nothing from the network.</p></footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
};
