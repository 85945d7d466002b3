/** One key of an INI-style file (systemd units, supervisor programs), with its line. */
export interface IniEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export interface IniSection {
  readonly name: string;
  readonly line: number;
  readonly entries: IniEntry[];
}

/**
 * Parses INI syntax shared by systemd and supervisor: `[section]`, `key=value`, `#`/`;` comments,
 * backslash continuations (systemd) and indented continuations (supervisor, ConfigParser).
 */
export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i] as string;
    const lineNumber = i + 1;
    if (/^\s*[#;]/.test(raw) || raw.trim() === "") continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      current = { name: (header[1] as string).trim(), line: lineNumber, entries: [] };
      sections.push(current);
      continue;
    }
    if (/^\s+\S/.test(raw) && current && current.entries.length > 0) {
      const last = current.entries[current.entries.length - 1] as IniEntry;
      current.entries[current.entries.length - 1] = { ...last, value: `${last.value}\n${raw.trim()}` };
      continue;
    }
    while (raw.endsWith("\\") && i + 1 < lines.length) {
      i++;
      raw = `${raw.slice(0, -1)} ${(lines[i] as string).trim()}`;
    }
    const entry = /^\s*([^=]+?)\s*=\s*(.*)$/.exec(raw);
    if (entry && current) current.entries.push({ key: entry[1] as string, value: (entry[2] as string).trim(), line: lineNumber });
  }
  return sections;
}
