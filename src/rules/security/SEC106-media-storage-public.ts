import { asString, dictGet, known, storageBackend } from "../../model/production.js";
import type { Setting, SettingsView } from "../../model/settings-view.js";
import { defineRule } from "../define.js";

/** django-storages backends and the settings prefix of their options (AWS_DEFAULT_ACL, GS_DEFAULT_ACL). */
const BUCKET_BACKENDS: readonly { pattern: RegExp; prefix: string; publicAcls: ReadonlySet<string> }[] = [
  {
    pattern: /^storages\.backends\.s3(boto3)?\.S3(Boto3)?Storage$/,
    prefix: "AWS",
    // S3 canned ACLs that grant AllUsers read (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl).
    publicAcls: new Set(["public-read", "public-read-write"]),
  },
  {
    pattern: /^storages\.backends\.gcloud\.GoogleCloudStorage$/,
    prefix: "GS",
    // GCS predefined ACLs that grant allUsers read (https://cloud.google.com/storage/docs/access-control/lists#predefined-acl).
    publicAcls: new Set(["publicRead", "publicReadWrite"]),
  },
];

interface Exposure {
  readonly messageId: "publicAcl" | "unsigned";
  readonly data: Record<string, string>;
  readonly setting: Setting;
}

/**
 * How the media storage (the "default" alias) exposes uploads, as django-storages reads its options:
 * STORAGES OPTIONS first, then the prefixed global setting, then the library's default (no ACL,
 * signed URLs). Undefined when a value that decides it is unknown; null when uploads stay private.
 */
function exposure(view: SettingsView | undefined, series: string): Exposure | null | undefined {
  const media = storageBackend(view, "default", series);
  if (!view || !media) return undefined;
  const backend = BUCKET_BACKENDS.find((b) => b.pattern.test(media.backend));
  if (!backend) return null;
  const options = media.setting.name === "STORAGES" ? dictGet(dictGet(media.setting.value, "default"), "OPTIONS") : undefined;
  const option = (key: string, global: string): { value: ReturnType<typeof known>; setting: Setting; where: string } | undefined => {
    const local = dictGet(options, key);
    if (local) return { value: known(local), setting: media.setting, where: `STORAGES["default"]["OPTIONS"]["${key}"]` };
    const setting = view.get(global);
    return setting ? { value: known(setting.value), setting, where: global } : undefined;
  };
  const acl = option("default_acl", `${backend.prefix}_DEFAULT_ACL`);
  if (acl && !acl.value) return undefined;
  const aclName = asString(acl?.value);
  if (acl && aclName && backend.publicAcls.has(aclName))
    return { messageId: "publicAcl", data: { acl: aclName, where: acl.where }, setting: acl.setting };
  const signed = option("querystring_auth", `${backend.prefix}_QUERYSTRING_AUTH`);
  if (!signed) return null;
  if (!signed.value) return undefined;
  return signed.value.kind === "bool" && !signed.value.value
    ? { messageId: "unsigned", data: { where: signed.where }, setting: signed.setting }
    : null;
}

export default defineRule({
  code: "SEC106",
  slug: "media-storage-public",
  area: "security",
  severity: "warning",
  since: "0.2.0",
  reads: ["settings"],
  doc: {
    what: "User uploads go to an S3 or Google Cloud Storage bucket with a public-read ACL (AWS_DEFAULT_ACL = 'public-read', GS_DEFAULT_ACL = 'publicRead', or default_acl in STORAGES OPTIONS), or with unsigned URLs (AWS_QUERYSTRING_AUTH = False), also when that is the default the code falls back to.",
    why: "Everything users upload (invoices, ID scans, private attachments) is then readable by anyone who has or guesses its URL, for ever, whatever the views' permission checks say; unsigned URLs work only on a public bucket, so they mean the same. Static files may be public; media usually must not.",
    fix: "Keep the media bucket private: leave default_acl unset (or 'private'), keep querystring_auth on so that Django hands out expiring signed URLs, and put public static files in a storage of their own.",
    bad: {
      "mysite/settings.py":
        'STORAGES = {"default": {"BACKEND": "storages.backends.s3.S3Storage"}, "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage"}}\nAWS_DEFAULT_ACL = "public-read"\n',
    },
    good: {
      "mysite/settings.py":
        'STORAGES = {\n    "default": {"BACKEND": "storages.backends.s3.S3Storage"},\n    "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"default_acl": "public-read", "querystring_auth": False}},\n}\n',
    },
    references: [
      "https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html#settings",
      "https://django-storages.readthedocs.io/en/latest/backends/gcloud.html#settings",
    ],
  },
  messages: {
    publicAcl: "user uploads are stored with the {acl} ACL ({where}): anyone with a file's URL can read it",
    unsigned: "media URLs are unsigned ({where} is False): uploads are served only from a public bucket, to anyone with the URL",
  },
  check({ project, report }) {
    const settings = project.settings.actual;
    const settingsIfUnset = project.settings.ifUnset;
    const series = project.django.series;
    const actual = exposure(settings, series);
    if (actual) {
      report(actual.messageId, actual.setting, actual.data, { env: actual.setting.env });
      return;
    }
    if (actual === null) return;
    // Unknown in the audited environment: what the code falls back to while its variables are unset.
    const fallback = exposure(settingsIfUnset, series);
    if (!fallback || fallback.setting.unsetEnv.length === 0) return;
    report(
      fallback.messageId,
      fallback.setting,
      { ...fallback.data, where: `${fallback.data.where}, while ${fallback.setting.unsetEnv.join(", ")} is unset` },
      { env: fallback.setting.unsetEnv },
    );
  },
});
