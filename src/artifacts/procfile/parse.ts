/** One process type of a Procfile: `web: gunicorn mysite.wsgi`. */
export interface ProcfileProcess {
  readonly name: string;
  readonly command: string;
  readonly line: number;
}

/** Parses a Procfile (Heroku, Dokku, Foreman, honcho): `name: command` per line, `#` comments. */
export function parseProcfile(text: string): { processes: ProcfileProcess[]; problems: { line: number; message: string }[] } {
  const processes: ProcfileProcess[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const match = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) {
      problems.push({ line: index + 1, message: "not a `name: command` line" });
      return;
    }
    processes.push({ name: match[1] as string, command: (match[2] as string).trim(), line: index + 1 });
  });
  return { processes, problems };
}
