import { posix } from "node:path";
import { splitImageReference } from "../../model/image-reference.js";
import { defineRule } from "../define.js";

/**
 * An image as compose interpolation resolves it with the variables unset: `${TAG:-latest}` and
 * `${TAG-latest}` give their default; `${TAG}`, `${TAG:?message}` and `$TAG` decide the tag at
 * deploy time, so nothing can be said (https://docs.docker.com/reference/compose-file/interpolation/).
 */
function resolve(text: string): { reference: string; variables: string[] } | undefined {
  const variables: string[] = [];
  let open = false;
  const reference = text.replace(
    /\$\{(\w+)(:?[-?+])?([^}]*)\}|\$(\w+)/g,
    (_m, braced?: string, operator?: string, operand?: string, bare?: string) => {
      variables.push(braced ?? bare ?? "");
      if (operator === ":-" || operator === "-") return operand ?? "";
      open = true;
      return "";
    },
  );
  return open ? undefined : { reference, variables };
}

/**
 * Why a deployed image floats: no tag or :latest, or a tag with no version in it (:stable, :alpine).
 * A major version (postgres:17, redis:7) is how services are pinned on purpose and passes: unlike a
 * base image (CI109), it changes only within a release line that keeps its data format.
 */
function floating(tag: string | null, digest: string | null): string | undefined {
  if (digest) return undefined;
  if (tag === null) return "has no tag, so it is :latest";
  if (tag === "latest") return "is :latest";
  if (!/\d/.test(tag)) return `:${tag} names no version`;
  return undefined;
}

export default defineRule({
  code: "CI112",
  slug: "deploy-image-unpinned",
  area: "cicd",
  severity: "warning",
  since: "0.2.0",
  reads: ["artifacts", "files"],
  doc: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    what: "A production compose service, a Kubernetes container or a Helm chart's values (image.tag, or the chart's appVersion when the tag is empty) runs an image without a tag, with :latest, or with a tag that names no version (:stable, :alpine), also when that is the default of `${TAG:-latest}`.",
    why: "What runs is then whatever the registry holds at pull time: two replicas or two nodes can run different versions, a restart silently upgrades (postgres:latest jumping a major version will not start on the old data directory), and a rollback has no version to go back to.",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, not a template
    fix: "Deploy an immutable tag, such as the release or commit (registry.example.com/app:1.4.2, app:${GIT_SHA}), or a digest; pin backing services to at least their major version (postgres:17, redis:7).",
    bad: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  web:\n    image: registry.example.com/app:latest\n  db:\n    image: postgres:17\n",
    },
    good: {
      "mysite/settings.py": "DEBUG = False\n",
      "compose.yaml": "services:\n  web:\n    image: registry.example.com/app:1.4.2\n  db:\n    image: postgres:17\n",
    },
    references: [
      "https://kubernetes.io/docs/concepts/containers/images/#image-names",
      "https://docs.docker.com/reference/compose-file/services/#image",
    ],
  },
  messages: {
    floating: "{where} runs {image}, which {why}: each pull may run a different version",
    floatingDefault: "{where} runs {image} whenever {env} is unset, which {why}: each pull may run a different version",
  },
  check({ project, report }) {
    const { artifacts, deployment } = project;
    const judge = (where: string, text: string, place: { file: string; line: number }) => {
      const resolved = resolve(text);
      if (!resolved?.reference) return;
      const ref = splitImageReference(resolved.reference);
      const why = floating(ref.tag, ref.digest);
      if (!why) return;
      const image = `${ref.image}${ref.tag ? `:${ref.tag}` : ""}`;
      if (resolved.variables.length === 0) report("floating", place, { where, image, why });
      else report("floatingDefault", place, { where, image, why, env: resolved.variables.join(", ") }, { env: resolved.variables });
    };
    for (const file of deployment.productionCompose)
      for (const service of file.services) {
        // An image beside build: is the name compose tags its own build with, not something pulled.
        if (!service.image || service.build) continue;
        judge(`compose service ${service.name}`, service.image.value, { file: service.image.file, line: service.image.line });
      }
    // Helm values: an empty image.tag means the chart's appVersion in templates made by `helm create`
    // (`{{ .Values.image.tag | default .Chart.AppVersion }}`), so Chart.yaml beside it decides.
    const charts = new Map(
      artifacts
        .namedTexts(/^Chart\.ya?ml$/)
        .map(({ path, text }) => [posix.dirname(path), /^appVersion:\s*["']?([^"'\s#]*)/m.exec(text)?.[1] ?? ""] as const),
    );
    for (const values of artifacts.helmValues()) {
      if (!values.image || project.files.roleOf(values.path).role !== "production") continue;
      const ref = splitImageReference(values.image);
      const written = values.imageTag?.value.trim() ?? "";
      const appVersion = charts.get(posix.dirname(values.path));
      const tag = written !== "" ? written : appVersion || ref.tag;
      if (tag?.includes("{{")) continue;
      const where = written === "" && appVersion ? "Helm values (image.tag empty, the chart's appVersion)" : "Helm values";
      judge(where, `${ref.image}${tag ? `:${tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`, {
        file: values.path,
        line: values.imageTag?.line ?? values.imageLine ?? 1,
      });
    }
    const kubernetes = artifacts.kubernetes();
    // A kustomization's images: entry sets the tag the overlays deploy (`image: app` in the base).
    const overrides = kubernetes.flatMap((file) => file.kustomization?.images ?? []);
    for (const file of kubernetes)
      for (const workload of file.workloads)
        for (const container of [...workload.initContainers, ...workload.containers]) {
          if (!container.image) continue;
          const ref = splitImageReference(container.image);
          const matching = overrides.filter((o) => o.name === ref.image);
          const where = `${workload.kind} ${workload.name} (container ${container.name})`;
          const place = { file: file.path, line: container.line };
          if (matching.length === 0) judge(where, container.image, place);
          for (const o of matching) {
            const tag = o.newTag ?? ref.tag;
            const digest = o.digest ?? ref.digest;
            judge(
              `${where}, as the kustomization sets it,`,
              `${o.newName ?? ref.image}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`,
              place,
            );
          }
        }
  },
});
