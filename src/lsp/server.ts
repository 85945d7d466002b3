import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { audit } from "../audit.js";
import type { Finding } from "../findings/finding.js";
import { renderRuleMarkdown } from "../report/rule-docs.js";
import { type Catalog, catalogOf } from "../rules/catalog.js";
import { RULES } from "../rules/registry.generated.js";

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const RULE_CODE = /\b[A-Z]{2,3}\d{3}\b/g;

/** Where the suppression comment goes: `#` comments, the files djship reads that have them. */
function suppressionEdit(text: string, line: number, code: string): { line: number; character: number; newText: string } | null {
  const source = text.split(/\r?\n/)[line];
  if (source === undefined) return null;
  const existing = /#\s*djship:\s*ignore\[([^\]]*)\]/.exec(source);
  if (existing) {
    // Add the code to the comment already there: ignore[SEC004] → ignore[SEC004,CFG018].
    const at = (existing.index ?? 0) + existing[0].length - 1;
    return { line, character: at, newText: `,${code}` };
  }
  return { line, character: source.length, newText: `  # djship: ignore[${code}]` };
}

/**
 * `djship lsp`: a Language Server over stdio. It audits the workspace when a document is opened or
 * saved and publishes each open file's findings as diagnostics (the fix in the message), offers a
 * code action that inserts the suppression comment, and shows a rule's doc on hover over its code.
 */
export function startLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  let workspaceRoot: string | null = null;
  let catalog: Catalog = catalogOf(RULES);
  let running: Promise<void> = Promise.resolve();

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    workspaceRoot = folder ? fileURLToPath(folder) : null;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
      },
      serverInfo: { name: "djship" },
    };
  });

  const diagnosticsFor = (findings: readonly Finding[], root: string, uri: string): Diagnostic[] => {
    const file = relative(root, fileURLToPath(uri)).split(sep).join("/");
    return findings
      .filter((f) => !f.suppressed && f.file === file)
      .map((f) => {
        const line = Math.max(0, (f.line ?? 1) - 1);
        const character = Math.max(0, (f.column ?? 1) - 1);
        const related = f.related.map((r) => ({
          location: {
            uri: pathToFileURL(resolve(root, r.file)).href,
            range: { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.line - 1, character: r.column - 1 } },
          },
          message: r.message ?? "related location",
        }));
        return {
          range: { start: { line, character }, end: { line, character: Number.MAX_SAFE_INTEGER } },
          severity: SEVERITY[f.severity],
          code: f.rule,
          codeDescription: { href: f.docUrl },
          source: "djship",
          message: `${f.message}\nFix: ${f.fix}`,
          ...(related.length ? { relatedInformation: related } : {}),
          data: { rule: f.rule },
        };
      });
  };

  const refresh = (uri: string) => {
    // One audit at a time, in order: a save during an audit re-audits after it.
    running = running.then(async () => {
      const root = workspaceRoot ?? dirname(fileURLToPath(uri));
      try {
        const result = await audit(root);
        catalog = result.catalog;
        for (const document of documents.all()) {
          if (!document.uri.startsWith("file:")) continue;
          await connection.sendDiagnostics({ uri: document.uri, diagnostics: diagnosticsFor(result.findings, root, document.uri) });
        }
      } catch (error) {
        connection.console.error(`djship: the audit of ${root} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };

  documents.onDidOpen((event) => refresh(event.document.uri));
  documents.onDidSave((event) => refresh(event.document.uri));
  documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    return params.context.diagnostics
      .filter((d) => d.source === "djship" && typeof d.code === "string")
      .flatMap((diagnostic) => {
        const code = diagnostic.code as string;
        const edit = suppressionEdit(document.getText(), diagnostic.range.start.line, code);
        if (!edit) return [];
        const at = { line: edit.line, character: edit.character };
        return [
          {
            title: `Suppress ${code} on this line (# djship: ignore[${code}])`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [params.textDocument.uri]: [{ range: { start: at, end: at }, newText: edit.newText }] } },
          },
        ];
      });
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const line = document.getText().split(/\r?\n/)[params.position.line] ?? "";
    for (const match of line.matchAll(RULE_CODE)) {
      const start = match.index ?? 0;
      if (params.position.character < start || params.position.character > start + match[0].length) continue;
      const rule = catalog.get(match[0]);
      if (!rule) return null;
      return {
        contents: { kind: "markdown" as const, value: renderRuleMarkdown(rule, 3) },
        range: {
          start: { line: params.position.line, character: start },
          end: { line: params.position.line, character: start + match[0].length },
        },
      };
    }
    return null;
  });

  documents.listen(connection);
  connection.listen();
}

/** The `djship lsp` command: serves until the editor says exit (the library exits the process then). */
export async function lspCommand(argv: string[], context: { stdout: NodeJS.WriteStream }): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    context.stdout.write(lspHelp);
    return 0;
  }
  startLanguageServer();
  return new Promise<number>(() => {});
}

export const lspHelp = `Usage: djship lsp [--stdio]

Runs djship as a Language Server over stdio, for editors: diagnostics for the files of the
workspace as they are opened and saved, a quick fix that inserts the suppression comment, and the
rule's documentation on hover over its code.
`;
