import { ruleTester } from "../tester.js";
import rule from "./CI100-ci-missing.js";

const SETTINGS = { "mysite/settings.py": "DEBUG = False\n" };
const t = ruleTester(rule);

t.fires("no pipeline", { files: SETTINGS }, { file: undefined, messageId: "none" });
t.quiet("GitLab CI", { files: { ...SETTINGS, ".gitlab-ci.yml": "test:\n  script: pytest\n" } });
t.quiet("a Jenkinsfile", {
  files: { ...SETTINGS, Jenkinsfile: "pipeline { agent any\n stages { stage('Test') { steps { sh 'pytest' } } } }\n" },
});
t.quiet("CircleCI", { files: { ...SETTINGS, ".circleci/config.yml": "version: 2.1\n" } });
