/**
 * django-configurations against hand-checked expectations: Debian does not package it, so these
 * values were worked out from its source (configurations/importer.py, base.py, values.py, 2.5).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Parser as TreeSitterParser } from "web-tree-sitter";
import { evaluateSettingsModule } from "../../model/settings.js";
import { loadPythonParser } from "../parse.js";
import { type Json, toJson } from "../value.js";
import { MemorySource } from "./memory-source.js";

let parser: TreeSitterParser;
before(async () => {
  parser = await loadPythonParser();
});

const SETTINGS = `import os
from configurations import Configuration, values


class Base(Configuration):
    DEBUG = values.BooleanValue(False)
    SECRET_KEY = values.SecretValue()
    ALLOWED_HOSTS = values.ListValue(["localhost"])
    DATABASES = values.DatabaseURLValue("sqlite:////tmp/db.sqlite3")
    TIMEOUT = values.IntegerValue(5, environ_name="TIMEOUT")
    INSTALLED_APPS = ["django.contrib.auth"]
    MIDDLEWARE = Configuration.MIDDLEWARE + ["django.middleware.security.SecurityMiddleware"]

    @property
    def STATIC_URL(self):
        return "/assets/"

    def CSRF_TRUSTED_ORIGINS(self):
        return ["https://" + host for host in self.ALLOWED_HOSTS]


class Dev(Base):
    DEBUG = True
    SECRET_KEY = "dev-only"


class Prod(Base):
    SECURE_HSTS_SECONDS = values.IntegerValue(3600)

    @classmethod
    def setup(cls):
        super().setup()
        cls.ALLOWED_HOSTS = cls.ALLOWED_HOSTS + ["prod.example.com"]
`;

function evaluate(environment: Record<string, string> | "unset", entryDefault?: string) {
  return evaluateSettingsModule({
    source: new MemorySource({ "mysite/__init__.py": "", "mysite/settings.py": SETTINGS }, parser),
    settingsModule: "mysite.settings",
    djangoVersion: "5.2",
    environment: environment === "unset" ? { kind: "unset" } : { kind: "exact", variables: new Map(Object.entries(environment)) },
    entryDefaults: new Map(entryDefault ? [["DJANGO_CONFIGURATION", entryDefault]] : []),
  });
}

function values(evaluation: ReturnType<typeof evaluate>, names: string[]): Record<string, Json> {
  return Object.fromEntries(names.map((name) => [name, toJson(evaluation.settings.get(name)?.value ?? { kind: "unbound" }) ?? null]));
}

describe("django-configurations", () => {
  test("the class DJANGO_CONFIGURATION names becomes the settings, values read DJANGO_<NAME>", () => {
    const evaluation = evaluate({
      DJANGO_CONFIGURATION: "Prod",
      DJANGO_SECRET_KEY: "s3cret",
      DJANGO_DEBUG: "no",
      DJANGO_ALLOWED_HOSTS: "a.example.com, b.example.com,",
      DATABASE_URL: "postgres://app:pw@db:5432/app",
      DJANGO_TIMEOUT: "9",
    });
    assert.equal(evaluation.loadError, null);
    assert.deepEqual(values(evaluation, ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_HSTS_SECONDS", "STATIC_URL", "TIMEOUT"]), {
      DEBUG: false,
      SECRET_KEY: "s3cret",
      ALLOWED_HOSTS: ["a.example.com", "b.example.com", "prod.example.com"],
      SECURE_HSTS_SECONDS: 3600,
      STATIC_URL: "/assets/",
      TIMEOUT: 9,
    });
    // Methods are called, with the set-up class values in scope.
    assert.deepEqual(values(evaluation, ["CSRF_TRUSTED_ORIGINS"]).CSRF_TRUSTED_ORIGINS, [
      "https://a.example.com",
      "https://b.example.com",
      "https://prod.example.com",
    ]);
    const database = values(evaluation, ["DATABASES"]).DATABASES as Record<string, Record<string, Json>>;
    assert.equal(database.default?.ENGINE, "django.db.backends.postgresql");
    assert.equal(database.default?.HOST, "db");
    assert.deepEqual(values(evaluation, ["MIDDLEWARE", "CONFIGURATION"]), {
      MIDDLEWARE: ["django.middleware.security.SecurityMiddleware"],
      CONFIGURATION: "mysite.settings.Prod",
    });
    // Only what the classes set is the project's; the rest stays Django's default.
    assert.equal(evaluation.settings.get("SESSION_COOKIE_SECURE")?.isDefault, true);
    assert.equal(evaluation.settings.get("DEBUG")?.origin?.line, 6);
  });

  test("defaults apply when the variables are unset; a plain class attribute wins over the base's value", () => {
    const dev = evaluate({}, "Dev");
    assert.equal(dev.loadError, null);
    assert.deepEqual(values(dev, ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "TIMEOUT"]), {
      DEBUG: true,
      SECRET_KEY: "dev-only",
      ALLOWED_HOSTS: ["localhost"],
      TIMEOUT: 5,
    });
    const database = values(dev, ["DATABASES"]).DATABASES as Record<string, Record<string, Json>>;
    assert.equal(database.default?.ENGINE, "django.db.backends.sqlite3");
  });

  test("a SecretValue without its variable stops the settings, naming DJANGO_SECRET_KEY", () => {
    const evaluation = evaluate({ DJANGO_CONFIGURATION: "Prod" });
    assert.equal(evaluation.loadError?.variable, "DJANGO_SECRET_KEY");
    assert.match(
      evaluation.loadError?.message ?? "",
      /Couldn't setup configuration 'mysite.settings.Prod': Value 'SECRET_KEY' is required/,
    );
  });

  test("with every variable unset, the entry point's DJANGO_CONFIGURATION is used and secrets are assumed set", () => {
    const evaluation = evaluate("unset", "Prod");
    assert.equal(evaluation.loadError, null);
    assert.deepEqual(values(evaluation, ["DEBUG", "SECURE_HSTS_SECONDS", "CONFIGURATION"]), {
      DEBUG: false,
      SECURE_HSTS_SECONDS: 3600,
      CONFIGURATION: "mysite.settings.Prod",
    });
    assert.equal(evaluation.settings.get("SECRET_KEY")?.value.kind, "unknown");
  });

  test("without DJANGO_CONFIGURATION the importer refuses, as django-configurations does", () => {
    const evaluation = evaluate({ DJANGO_SECRET_KEY: "x" });
    assert.equal(evaluation.loadError?.variable, "DJANGO_CONFIGURATION");
    assert.match(evaluation.loadError?.message ?? "", /environment variable DJANGO_CONFIGURATION is undefined/);
  });

  test("a boolean that is not one cannot be interpreted", () => {
    const evaluation = evaluate({ DJANGO_CONFIGURATION: "Prod", DJANGO_SECRET_KEY: "x", DJANGO_DEBUG: "maybe" });
    assert.match(evaluation.loadError?.message ?? "", /Cannot interpret boolean value 'maybe'/);
  });
});
