/**
 * Which stages of a multi-stage Dockerfile make the image it ships: one reading for the model's
 * rules (CI106, CI108, CI110) and for discovery's settings and image layout.
 */
import type { DockerfileModel, DockerStage } from "./parse.js";

/** The stage an image is built from when FROM names an earlier stage (`FROM build AS runtime`). */
export function parentStage(model: Pick<DockerfileModel, "stages">, stage: DockerStage): DockerStage | undefined {
  const index = model.stages.indexOf(stage);
  if (!stage.image || stage.tag || stage.digest) return undefined;
  return model.stages.slice(0, index).find((s) => s.name !== null && s.name.toLowerCase() === stage.image?.toLowerCase());
}

/** The final stage and the stages it is built FROM, final first: what the shipped image is made of. */
export function finalChain(model: Pick<DockerfileModel, "stages">): DockerStage[] {
  const chain: DockerStage[] = [];
  let stage = model.stages[model.stages.length - 1];
  while (stage && !chain.includes(stage)) {
    chain.push(stage);
    stage = parentStage(model, stage);
  }
  return chain;
}
