/** A glob (`**`, `*`, `?`) as a regular expression over POSIX paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "*" && glob[i + 1] === "*") {
      pattern += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (ch === "*") pattern += "[^/]*";
    else if (ch === "?") pattern += "[^/]";
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  // A pattern without a slash matches the file name anywhere, as in ruff and .gitignore.
  return new RegExp(glob.includes("/") ? `^${pattern}$` : `(^|/)${pattern}$`);
}
