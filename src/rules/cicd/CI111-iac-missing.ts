import { posix } from "node:path";
import { defineRule } from "../define.js";

/** Files that describe infrastructure or a platform's deployment by their name alone. */
const IAC_FILE =
  /^(Pulumi(\.[\w-]+)?\.ya?ml|Chart\.ya?ml|kustomization\.ya?ml|fly\.toml|render\.ya?ml|app\.json|app\.ya?ml|heroku\.yml|serverless\.ya?ml|zappa_settings\.(json|ya?ml|toml)|cdk\.json|Dockerrun\.aws\.json|ansible\.cfg|skaffold\.ya?ml|railway\.(json|toml)|\.platform\.app\.yaml|[\w.-]+\.nomad(\.hcl)?|docker-stack[\w.-]*\.ya?ml)$/;
/** Folders that hold deployment descriptions: Elastic Beanstalk, Copilot, Ansible, DigitalOcean App Platform. */
const IAC_FOLDER = /(^|\/)(\.ebextensions|\.platform|copilot|playbooks|ansible|\.do)\//;

export default defineRule({
  code: "CI111",
  slug: "iac-missing",
  area: "cicd",
  severity: "info",
  since: "0.1.0",
  reads: ["files", "artifacts"],
  doc: {
    what: "Nothing in the repository describes the infrastructure: no Terraform, Pulumi, Ansible, Kubernetes manifests, Helm chart, production compose file, or platform file (fly.toml, render.yaml, app.json...).",
    why: "Servers, databases, DNS and secrets configured by hand cannot be reviewed, reproduced for staging or rebuilt after an incident; what production looks like lives only in someone's memory.",
    fix: "Describe the deployment in code next to the app (a compose file for a single host, Kubernetes manifests or a Helm chart, Terraform for the cloud resources, or your platform's file) and apply it from CI.",
    bad: { "mysite/settings.py": "DEBUG = False\n" },
    good: { "mysite/settings.py": "DEBUG = False\n", "fly.toml": 'app = "mysite"\nprimary_region = "ams"\n' },
    references: ["https://12factor.net/dev-prod-parity"],
  },
  messages: {
    none: "No infrastructure as code: how production is set up is not in the repository",
  },
  check({ project, report }) {
    const { artifacts } = project;
    const workspace = artifacts.workspace;
    if (workspace.filesOfKind("terraform", "helm-values").length > 0) return;
    if (workspace.allFiles.some((path) => IAC_FILE.test(posix.basename(path)) || IAC_FOLDER.test(path))) return;
    // Kubernetes manifests, and compose files written for a server (restart policies, deploy: sections, a prod name).
    if (artifacts.texts("yaml").some(({ text }) => /^apiVersion:/m.test(text) && /^kind:/m.test(text))) return;
    const compose = artifacts.texts("compose");
    if (compose.some(({ path, text }) => /prod/i.test(posix.basename(path)) || /^\s+(restart|deploy):/m.test(text))) return;
    report("none", { file: null });
  },
});
