import type { CommandContext } from "../shared.js";
export async function auditCommand(_argv: string[], context: CommandContext): Promise<number> {
  context.stdout.write("audit: not yet\n");
  return 0;
}
