import { diff3Merge } from "node-diff3";

export interface MergeOutcome {
  /** The merged text; where the two sides overlap, both are kept between git-style markers. */
  readonly text: string;
  /** How many places both sides changed differently. */
  readonly conflicts: number;
}

/** Lines with their line ends, so a merge changes no line ending and keeps a missing final newline. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The three-way merge of a re-run, as copier's update does it: `base` is what init wrote last
 * time, `ours` the file now (the team's edits), `theirs` what init would write now. Changes only
 * one side made are taken; where both changed the same lines differently, both versions stay,
 * marked, so nothing is lost. The merge itself is node-diff3's (Khanna, Kunal and Pierce's diff3).
 */
export function mergeThreeWay(ours: string, base: string, theirs: string): MergeOutcome {
  const regions = diff3Merge(lines(ours), lines(base), lines(theirs), { excludeFalseConflicts: true });
  let text = "";
  let conflicts = 0;
  const block = (part: string[]) => {
    const joined = part.join("");
    return joined === "" || joined.endsWith("\n") ? joined : `${joined}\n`;
  };
  for (const region of regions) {
    if (region.ok) text += region.ok.join("");
    else if (region.conflict) {
      conflicts++;
      text += `<<<<<<< the file now\n${block(region.conflict.a)}||||||| what djship init wrote last time\n${block(region.conflict.o)}=======\n${block(region.conflict.b)}>>>>>>> what djship init writes now\n`;
    }
  }
  return { text, conflicts };
}
