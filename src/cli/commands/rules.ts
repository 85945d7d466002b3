import type { CommandContext } from "../shared.js";
export async function rulesCommand(_argv: string[], context: CommandContext): Promise<number> {
  context.stdout.write("rules: not yet\n");
  return 0;
}
export const explainCommand = rulesCommand;
