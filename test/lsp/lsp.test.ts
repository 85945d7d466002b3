/**
 * `djship lsp` driven over stdio by a real LSP client (vscode-languageserver-protocol), as an
 * editor would: diagnostics on open and save with the fix, the suppression quick fix, hover docs.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  type CodeAction,
  CodeActionRequest,
  createProtocolConnection,
  type Diagnostic,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { EXAMPLES, REPO_ROOT } from "../helpers/paths.js";

const root = mkdtempSync(join(tmpdir(), "djship-lsp-"));
const project = join(root, "naive");
const settings = join(project, "mysite", "settings.py");
const uri = pathToFileURL(settings).href;
let server: ChildProcess;
let client: ProtocolConnection;
const published: PublishDiagnosticsParams[] = [];
const waiters: (() => void)[] = [];

before(async () => {
  cpSync(join(EXAMPLES, "naive"), project, { recursive: true });
  server = spawn(process.execPath, [join(REPO_ROOT, "bin", "djship.js"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  client = createProtocolConnection(
    new StreamMessageReader(server.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(server.stdin as NodeJS.WritableStream),
  );
  client.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const wake of waiters.splice(0)) wake();
  });
  client.listen();
  const init = await client.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(project).href, name: "naive" }],
  });
  assert.ok(init.capabilities.hoverProvider && init.capabilities.codeActionProvider);
  await client.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  try {
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
  } catch {
    // already gone
  }
  client?.dispose();
  server?.kill();
  rmSync(root, { recursive: true, force: true });
});

/** The next diagnostics published for the settings module (60 s at most: a whole audit runs). */
async function nextDiagnostics(after: number): Promise<Diagnostic[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = published.slice(after).find((p) => p.uri === uri);
    if (found) return found.diagnostics;
    if (Date.now() > deadline) throw new Error("no diagnostics published for settings.py");
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 1000);
    });
  }
}

test("diagnostics on open with the fix, a quick fix that suppresses, re-audit on save, hover docs", async () => {
  const text = readFileSync(settings, "utf8");
  const debugLine = text.split("\n").findIndex((l) => l.startsWith("DEBUG = True"));
  let seen = published.length;
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "python", version: 1, text } });
  const diagnostics = await nextDiagnostics(seen);
  const debug = diagnostics.find((d) => d.code === "CFG018");
  assert.ok(debug, `CFG018 among ${diagnostics.map((d) => d.code).join(", ")}`);
  assert.equal(debug.range.start.line, debugLine);
  assert.equal(debug.source, "djship");
  assert.match(debug.message as string, /DEBUG is True in production\nFix: Set DEBUG = False/);
  assert.match(debug.codeDescription?.href ?? "", /rules\.md#cfg018/);

  const actions = (await client.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: debug.range,
    context: { diagnostics: [debug] },
  })) as CodeAction[];
  const suppress = actions.find((a) => a.title.includes("CFG018"));
  const edit = suppress?.edit?.changes?.[uri]?.[0] as TextEdit | undefined;
  assert.ok(edit, "a quick fix with an edit");
  const lines = text.split("\n");
  const line = lines[debugLine] as string;
  lines[debugLine] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  assert.equal(lines[debugLine], "DEBUG = True  # djship: ignore[CFG018]");

  // The editor applies the edit and saves: the audit runs again and the finding is gone.
  writeFileSync(settings, lines.join("\n"));
  seen = published.length;
  await client.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  const after = await nextDiagnostics(seen);
  assert.ok(!after.some((d) => d.code === "CFG018"), "suppressed after save");
  assert.ok(after.length > 0, "the other findings stay");

  // Hover over the code in the comment the server does not yet know changed: it reads the open text.
  await client.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: lines.join("\n") }],
  });
  const hover = await client.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: { line: debugLine, character: (lines[debugLine] as string).indexOf("CFG018") + 2 },
  });
  const contents = hover?.contents as { kind: string; value: string } | undefined;
  assert.equal(contents?.kind, "markdown");
  assert.match(contents?.value ?? "", /CFG018/);
  assert.match(contents?.value ?? "", /DEBUG/);
});
