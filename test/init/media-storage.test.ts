/**
 * Media on object storage: the production settings init writes put STORAGES["default"] on
 * django-storages' S3 backend when the bucket is set (required when the project uses
 * django-storages), with every value from the environment and the key and secret also from *_FILE,
 * and on the media volume otherwise. Checked by loading the settings in real Django 4.2 and 5.2 with
 * Debian's django-storages 1.13 and boto3 (provision-e2e.sh) and asking Django's default_storage;
 * signing a URL happens locally, so nothing reaches the network.
 */
import assert from "node:assert/strict";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { initDocument } from "../../src/init/report.js";
import { provisionE2e } from "../e2e/servers.js";
import { STORAGES_LIBRARIES } from "../helpers/python.js";
import { assertMatchesSchema } from "../helpers/schemas.js";
import { CHECK_DEPLOY_ARGS, cleanup, lazyInit, manage, productionEnvironment } from "./harness.js";

provisionE2e();
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) cleanup(dir);
});

const MEDIA_VARIABLES = [
  "DJANGO_MEDIA_BUCKET",
  "DJANGO_MEDIA_ENDPOINT_URL",
  "DJANGO_MEDIA_REGION",
  "DJANGO_MEDIA_ACCESS_KEY_ID",
  "DJANGO_MEDIA_SECRET_ACCESS_KEY",
];

/** What Django's default_storage is under the production settings, as JSON. */
const PROBE = [
  "import json",
  "from django.conf import settings",
  "from django.core.files.storage import default_storage as s",
  "s._setup()",
  "w = s._wrapped",
  "d = {'class': type(w).__module__ + '.' + type(w).__name__}",
  "d.update(bucket=w.bucket_name, endpoint=w.endpoint_url, region=w.region_name, key=w.access_key, secret_set=bool(w.secret_key), acl=w.default_acl, url=w.url('photos/cat.jpg') if w.access_key else None) if hasattr(w, 'bucket_name') else d.update(location=w.location)",
  "print(json.dumps(d))",
].join("\n");

async function storageUnder(dir: string, series: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const result = await manage(dir, series, ["shell", "-c", PROBE], env, [STORAGES_LIBRARIES]);
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  return JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
}

// One fixture per way of reading the environment: django-environ, os.environ, python-decouple.
for (const fixture of ["init-startproject", "init-split", "init-decouple-poetry"])
  describe(`${fixture}: media on the volume, or on object storage when the bucket is set`, () => {
    const { dir, initialised } = lazyInit(fixture, dirs);

    test("the variables are in environment[] and .env.example, the bucket optional, the credentials secret", async () => {
      const plan = await initialised();
      assert.equal(plan.detected.objectStorage, false);
      const media = plan.environment.filter((v) => v.name.startsWith("DJANGO_MEDIA_"));
      assert.deepEqual(
        media.map((v) => [v.name, v.required, v.secret]),
        [
          ["DJANGO_MEDIA_BUCKET", false, false],
          ["DJANGO_MEDIA_ENDPOINT_URL", false, false],
          ["DJANGO_MEDIA_REGION", false, false],
          ["DJANGO_MEDIA_ACCESS_KEY_ID", false, true],
          ["DJANGO_MEDIA_SECRET_ACCESS_KEY", false, true],
        ],
      );
      assertMatchesSchema("init", initDocument(plan));
      const example = readFileSync(join(dir, plan.detected.projectRoot, ".env.example"), "utf8");
      for (const name of MEDIA_VARIABLES) assert.match(example, new RegExp(`^${name}=$`, "m"));
    });

    for (const series of ["4.2", "5.2"]) {
      test(`Django ${series}: without a bucket, media stay on the file system at MEDIA_ROOT`, async () => {
        const plan = await initialised();
        const env = {
          ...productionEnvironment(dir, plan),
          DJANGO_SETTINGS_MODULE: plan.settings.production,
          DJANGO_MEDIA_ROOT: "/srv/media",
        };
        assert.deepEqual(await storageUnder(dir, series, env), {
          class: "django.core.files.storage.filesystem.FileSystemStorage",
          location: "/srv/media",
        });
      });

      test(`Django ${series}: with a bucket, STORAGES["default"] is django-storages' S3 backend, credentials from *_FILE`, async () => {
        const plan = await initialised();
        const keyFile = join(dir, "media-key");
        const secretFile = join(dir, "media-secret");
        writeFileSync(keyFile, "AKIAFROMFILE\n");
        writeFileSync(secretFile, "secret-from-file\n");
        const env = {
          ...productionEnvironment(dir, plan),
          DJANGO_SETTINGS_MODULE: plan.settings.production,
          DJANGO_MEDIA_BUCKET: "shop-media",
          DJANGO_MEDIA_ENDPOINT_URL: "http://127.0.0.1:9",
          DJANGO_MEDIA_REGION: "eu-west-1",
          DJANGO_MEDIA_ACCESS_KEY_ID_FILE: keyFile,
          DJANGO_MEDIA_SECRET_ACCESS_KEY_FILE: secretFile,
        };
        delete (env as Record<string, string>).DJANGO_MEDIA_ACCESS_KEY_ID;
        delete (env as Record<string, string>).DJANGO_MEDIA_SECRET_ACCESS_KEY;
        const storage = await storageUnder(dir, series, env);
        const { url, ...rest } = storage;
        assert.deepEqual(rest, {
          class: "storages.backends.s3boto3.S3Boto3Storage",
          bucket: "shop-media",
          endpoint: "http://127.0.0.1:9",
          region: "eu-west-1",
          key: "AKIAFROMFILE",
          secret_set: true,
          acl: null,
        });
        // A private object: a signed URL that expires, on the endpoint given.
        assert.match(String(url), /^http:\/\/127\.0\.0\.1:9\/shop-media\/photos\/cat\.jpg\?.*(Signature|X-Amz-Signature)=/);
      });
    }
  });

describe("a project that uses django-storages: the bucket is required", () => {
  const { dir, initialised } = lazyInit("init-startproject", dirs, {}, (d) =>
    appendFileSync(join(d, "requirements.txt"), "django-storages[s3]>=1.13\n"),
  );

  test("detected; DJANGO_MEDIA_BUCKET required with a working example", async () => {
    const plan = await initialised();
    assert.equal(plan.detected.objectStorage, true);
    const bucket = plan.environment.find((v) => v.name === "DJANGO_MEDIA_BUCKET");
    assert.deepEqual([bucket?.required, bucket?.example], [true, "media"]);
  });

  for (const series of ["4.2", "5.2"])
    test(`Django ${series}: check --deploy --fail-level WARNING passes with .env.example, and media go to the bucket`, async () => {
      const plan = await initialised();
      const env = { ...productionEnvironment(dir, plan), DJANGO_SETTINGS_MODULE: plan.settings.production };
      const check = await manage(dir, series, CHECK_DEPLOY_ARGS, env, [STORAGES_LIBRARIES]);
      assert.equal(check.code, 0, `${check.stdout}\n${check.stderr.slice(-3000)}`);
      const storage = await storageUnder(dir, series, env);
      assert.equal(storage.class, "storages.backends.s3boto3.S3Boto3Storage");
      assert.equal(storage.bucket, "media");
    });

  test("without DJANGO_MEDIA_BUCKET the production settings fail naming it", async () => {
    const plan = await initialised();
    const { DJANGO_MEDIA_BUCKET: _omitted, ...env } = productionEnvironment(dir, plan);
    const result = await manage(dir, "5.2", ["check"], { ...env, DJANGO_SETTINGS_MODULE: plan.settings.production }, [STORAGES_LIBRARIES]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr.trimEnd().split("\n").at(-1) ?? "", /DJANGO_MEDIA_BUCKET/, result.stderr.slice(-2000));
  });
});
