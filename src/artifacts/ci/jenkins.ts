import { type CiAction, classifyShell, type ScriptReader, withoutLocalClusterDeploys } from "./commands.js";
import type { CiJob, CiPipeline, CiStep } from "./pipeline.js";

type Token =
  | { type: "string"; value: string; start: number; line: number }
  | { type: "word"; value: string; start: number; line: number }
  | { type: "punct"; value: string; start: number; line: number };

/** Splits Groovy into words, punctuation and string literals ('…', "…", '''…''', """…"""), skipping comments. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === "\n") {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (ch === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      line += (source.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const triple = source.startsWith(ch.repeat(3), i);
      const delimiter = triple ? ch.repeat(3) : ch;
      const startLine = line;
      let j = i + delimiter.length;
      let value = "";
      while (j < source.length && !source.startsWith(delimiter, j)) {
        if (source[j] === "\\" && j + 1 < source.length) {
          value += source[j + 1] === "\n" ? "" : (source[j + 1] as string);
          if (source[j + 1] === "\n") line++;
          j += 2;
          continue;
        }
        if (source[j] === "\n") {
          if (!triple) break;
          line++;
        }
        value += source[j] as string;
        j++;
      }
      tokens.push({ type: "string", value, start: i, line: startLine });
      i = j + delimiter.length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 200));
    if (word) {
      tokens.push({ type: "word", value: word[0], start: i, line });
      i += word[0].length;
      continue;
    }
    tokens.push({ type: "punct", value: ch, start: i, line });
    i++;
  }
  return tokens;
}

const SHELL_STEPS = new Set(["sh", "bat", "powershell", "pwsh"]);

interface OpenStage {
  name: string;
  line: number;
  depth: number;
  manual: boolean;
  condition: string | null;
  steps: CiStep[];
  /** The parallel block it belongs to, if any: its siblings do not wait for it. */
  parallel: number | null;
}

/**
 * Parses a Jenkinsfile (declarative or scripted): its stages, in order, and the `sh` steps in each.
 * Jenkins runs stages one after the other and stops at the first failure, so each stage comes out
 * as a job that `needs` every earlier stage outside its own `parallel` block. Never throws.
 */
export function parseJenkinsfile(path: string, source: string, readScript?: ScriptReader): CiPipeline {
  const tokens = tokenize(source);
  const stages: (OpenStage & { order: number })[] = [];
  const open: OpenStage[] = [];
  const parallels: { depth: number; id: number }[] = [];
  let depth = 0;
  let parallelId = 0;
  let pendingStage: { name: string; line: number } | null = null;
  let pendingParallel = false;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token;
    const next = tokens[t + 1];
    if (token.type === "word" && token.value === "stage" && next?.value === "(" && tokens[t + 2]?.type === "string") {
      pendingStage = { name: (tokens[t + 2] as Token).value, line: token.line };
      continue;
    }
    if (token.type === "word" && token.value === "parallel" && next?.value === "{") {
      pendingParallel = true;
      continue;
    }
    if (token.type === "punct" && token.value === "{") {
      depth++;
      if (pendingStage) {
        const parallel = parallels[parallels.length - 1];
        open.push({
          ...pendingStage,
          depth,
          manual: false,
          condition: null,
          steps: [],
          parallel: parallel && parallel.depth === depth - 1 ? parallel.id : null,
        });
        pendingStage = null;
      } else if (pendingParallel) {
        parallels.push({ depth, id: ++parallelId });
        pendingParallel = false;
      }
      continue;
    }
    if (token.type === "punct" && token.value === "}") {
      const current = open[open.length - 1];
      if (current && current.depth === depth) {
        open.pop();
        stages.push({ ...current, order: stages.length });
      }
      if (parallels[parallels.length - 1]?.depth === depth) parallels.pop();
      depth--;
      continue;
    }
    const stage = open[open.length - 1];
    if (!stage || token.type !== "word") continue;
    if (token.value === "input" && (next?.value === "(" || next?.value === "{" || next?.type === "string" || next?.value === "message"))
      stage.manual = true;
    if (token.value === "when" && next?.value === "{") {
      let level = 0;
      const parts: string[] = [];
      for (let k = t + 1; k < tokens.length; k++) {
        const inner = tokens[k] as Token;
        if (inner.value === "{") level++;
        else if (inner.value === "}") {
          level--;
          if (level === 0) break;
        } else parts.push(inner.type === "string" ? `'${inner.value}'` : inner.value);
      }
      stage.condition = parts.join(" ").slice(0, 200);
    }
    if (SHELL_STEPS.has(token.value)) {
      let k = t + 1;
      if (tokens[k]?.value === "(") k++;
      if (tokens[k]?.value === "script" && tokens[k + 1]?.value === ":") k += 2;
      const literal = tokens[k];
      if (literal?.type === "string") {
        // A triple-quoted script usually starts on the line after the quotes.
        const startsOnNextLine = /^\s*\n/.test(literal.value);
        const body = startsOnNextLine ? literal.value.replace(/^\s*\n/, "") : literal.value;
        const actions: CiAction[] = classifyShell(body, literal.line + (startsOnNextLine ? 1 : 0), readScript);
        stage.steps.push({ name: token.value, line: token.line, uses: null, actions });
      }
    }
  }
  // A stage nested in another (declarative `stages { stage { stages { … } } }`) is listed after it closes; order by line.
  const ordered = stages.sort((a, b) => a.line - b.line);
  const jobs: CiJob[] = ordered.map((stage, index) => ({
    id: stage.name,
    name: stage.name,
    line: stage.line,
    needs: ordered
      .slice(0, index)
      .filter((other) => stage.parallel === null || other.parallel !== stage.parallel)
      .map((other) => other.name),
    stage: stage.name,
    manual: stage.manual,
    condition: stage.condition,
    environment: null,
    calls: null,
    steps: withoutLocalClusterDeploys(stage.steps),
  }));
  return { path, provider: "jenkins", name: null, triggers: [{ kind: "push", branches: null, line: 1 }], jobs, problems: [] };
}
