import { ruleTester } from "../tester.js";
import rule from "./CI111-iac-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires("only a Dockerfile", { files: { ...SETTINGS, Dockerfile: "FROM python:3.12.12-slim\n" } }, { messageId: "none", severity: "info" });
t.fires(
  "a development compose file",
  { files: { ...SETTINGS, "docker-compose.yml": "services:\n  web:\n    build: .\n" } },
  { messageId: "none" },
);
t.quiet("Terraform", { files: { ...SETTINGS, "infra/main.tf": 'resource "aws_db_instance" "db" {}\n' } });
t.quiet("Kubernetes manifests", { files: { ...SETTINGS, "k8s/web.yaml": "apiVersion: apps/v1\nkind: Deployment\n" } });
t.quiet("a production compose file", { files: { ...SETTINGS, "compose.prod.yaml": "services:\n  web:\n    image: app:1.0\n" } });
t.quiet("compose with restart policies", {
  files: { ...SETTINGS, "compose.yaml": "services:\n  web:\n    image: app:1.0\n    restart: unless-stopped\n" },
});
t.quiet("an Ansible playbook folder", { files: { ...SETTINGS, "ansible/site.yml": "- hosts: web\n  tasks: []\n" } });
t.quiet("render.yaml", { files: { ...SETTINGS, "render.yaml": "services: []\n" } });
