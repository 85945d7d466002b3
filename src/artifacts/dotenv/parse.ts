/** One assignment in a .env file. */
export interface DotenvEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/**
 * Parses .env syntax as docker compose, python-dotenv and django-environ agree on it: KEY=value,
 * optional `export`, quotes, `#` comments; lines that are not assignments are skipped.
 */
export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) continue;
    const key = match[1] as string;
    let value = (match[2] as string).trimEnd();
    const line = i + 1;
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      let body = value.slice(1);
      let end = findClosingQuote(body, quote);
      // A double-quoted value may span lines.
      while (end < 0 && quote === '"' && i + 1 < lines.length) {
        i++;
        body += `\n${lines[i]}`;
        end = findClosingQuote(body, quote);
      }
      value = end < 0 ? body : body.slice(0, end);
      if (quote === '"') value = value.replace(/\\([nrt"\\])/g, (_m, ch: string) => ({ n: "\n", r: "\r", t: "\t" })[ch] ?? ch);
    } else {
      value = value.replace(/\s+#.*$/, "").trim();
    }
    entries.push({ key, value, line });
  }
  return entries;
}

function findClosingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\" && quote === '"') {
      i++;
      continue;
    }
    if (text[i] === quote) return i;
  }
  return -1;
}
