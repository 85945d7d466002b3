import { ruleTester } from "../tester.js";
import rule from "./SEC106-media-storage-public.js";

const S3 =
  'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}\n';
const GCS =
  'STORAGES = {"default": {"BACKEND": "storages.backends.gcloud.GoogleCloudStorage"}, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}\n';
const t = ruleTester(rule);
t.fires(
  "AWS_DEFAULT_ACL public-read",
  { files: { "app/settings.py": `${S3}AWS_DEFAULT_ACL = "public-read"\n` } },
  { line: 2, messageId: "publicAcl", message: "AWS_DEFAULT_ACL" },
);
t.fires(
  "default_acl in the STORAGES options",
  {
    files: {
      "app/settings.py":
        'STORAGES = {"default": {"BACKEND": "storages.backends.s3boto3.S3Boto3Storage", "OPTIONS": {"default_acl": "public-read"}}}\n',
    },
  },
  { line: 1, messageId: "publicAcl", message: "OPTIONS" },
);
t.fires(
  "legacy DEFAULT_FILE_STORAGE on 4.2 with GS_DEFAULT_ACL publicRead",
  {
    files: { "app/settings.py": 'DEFAULT_FILE_STORAGE = "storages.backends.gcloud.GoogleCloudStorage"\nGS_DEFAULT_ACL = "publicRead"\n' },
    djangoVersion: "4.2",
  },
  { line: 2, messageId: "publicAcl" },
);
t.fires("unsigned URLs", { files: { "app/settings.py": `${S3}AWS_QUERYSTRING_AUTH = False\n` } }, { line: 2, messageId: "unsigned" });
t.fires(
  "a public default from the environment",
  { files: { "app/settings.py": `import os\n${S3}AWS_DEFAULT_ACL = os.environ.get("AWS_DEFAULT_ACL", "public-read")\n` } },
  { line: 3, messageId: "publicAcl", env: ["AWS_DEFAULT_ACL"] },
);
t.quiet("private by default", { files: { "app/settings.py": S3 } });
t.quiet("an explicit private ACL", { files: { "app/settings.py": `${S3}AWS_DEFAULT_ACL = "private"\n` } });
t.quiet("a public static bucket, private media", {
  files: {
    "app/settings.py":
      'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"default_acl": "private"}}, "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage"}}\nAWS_DEFAULT_ACL = "public-read"\n',
  },
});
t.quiet("GCS private", { files: { "app/settings.py": `${GCS}GS_DEFAULT_ACL = "projectPrivate"\n` } });
t.quiet("media on the local disk", { files: { "app/settings.py": 'AWS_DEFAULT_ACL = "public-read"\n' } });
