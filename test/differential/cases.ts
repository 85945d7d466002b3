import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDotenv } from "../../src/artifacts/dotenv/parse.js";
import { EXAMPLES, FIXTURES } from "../helpers/paths.js";

/** A project run through both Django and djship, in several environments. */
export interface DifferentialCase {
  name: string;
  root: string;
  description: string;
  /** The module production loads: djship must find it on its own. */
  settingsModule: string;
  environments: Record<string, Record<string, string>>;
  django: string[];
}

function envFile(path: string): Record<string, string> {
  return Object.fromEntries(parseDotenv(readFileSync(path, "utf8")).map((entry) => [entry.key, entry.value]));
}

/** The example projects, with the environments their READMEs document. */
export function exampleCases(): DifferentialCase[] {
  const splitProd = {
    SECRET_KEY: "qv7Rk2-Lm9xW4tZ8pB1nC6yH3jD5sF0gA_eU-oI2kP7wQ4rT9vX",
    ALLOWED_HOSTS: "blog.example.com",
    DATABASE_URL: "postgres://blog:Xk29fLmq7Rt@db:5432/blog",
  };
  return [
    {
      name: "example-naive",
      root: join(EXAMPLES, "naive"),
      description: "the naive example",
      settingsModule: "mysite.settings",
      environments: { empty: {} },
      django: ["4.2", "5.2"],
    },
    {
      name: "example-split",
      root: join(EXAMPLES, "split"),
      description: "the split example",
      settingsModule: "mysite.settings.prod",
      environments: {
        empty: {},
        prod: splitProd,
        "prod-hardened": {
          ...splitProd,
          DJANGO_SSL_REDIRECT: "True",
          DJANGO_HSTS_SECONDS: "31536000",
          DJANGO_HSTS_INCLUDE_SUBDOMAINS: "True",
        },
      },
      django: ["4.2", "5.2"],
    },
    {
      name: "example-hardened",
      root: join(EXAMPLES, "hardened"),
      description: "the hardened example",
      settingsModule: "config.settings.prod",
      environments: { empty: {}, production: envFile(join(EXAMPLES, "hardened", "production.env")) },
      django: ["4.2", "5.2"],
    },
  ];
}

/** Every settings fixture under test/fixtures/settings, from its case.json. */
export function fixtureCases(): DifferentialCase[] {
  const base = join(FIXTURES, "settings");
  const cases: DifferentialCase[] = [];
  for (const name of readdirSync(base).sort()) {
    let raw: string;
    try {
      raw = readFileSync(join(base, name, "case.json"), "utf8");
    } catch {
      continue;
    }
    const data = JSON.parse(raw) as Partial<DifferentialCase>;
    cases.push({
      name,
      root: join(base, name),
      description: data.description ?? name,
      settingsModule: data.settingsModule ?? "",
      environments: data.environments ?? { empty: {} },
      django: data.django ?? ["4.2", "5.2"],
    });
  }
  return cases;
}
