/**
 * Runs the MDN HTTP Observatory 1.4.8 (installed by scripts/provision-e2e.sh into .cache/observatory)
 * on one local target and prints its result as JSON. Its own scan() only knows ports 80 and 443, so
 * this does what scan() does with its own retrieve(host, {httpPort, httpsPort}), tests and grader.
 * Run in a child process with NODE_EXTRA_CA_CERTS set to the test CA (read once, at start-up).
 *
 * Usage: node observatory-runner.js '{"host", "httpPort", "httpsPort", "pins": {"name": "127.0.0.1"}}'
 */
import dns from "node:dns";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { OBSERVATORY } from "./servers.js";

interface Args {
  host: string;
  httpPort: number;
  httpsPort: number;
  pins: Record<string, string>;
}

const args = JSON.parse(process.argv[2] ?? "{}") as Args;

// Names resolve only to the pinned loopback addresses: nothing the Observatory does may reach DNS.
type LookupCallback = (error: NodeJS.ErrnoException | null, address?: string | dns.LookupAddress[], family?: number) => void;
(dns as { lookup: unknown }).lookup = (hostname: string, options: unknown, callback?: LookupCallback) => {
  const done = (typeof options === "function" ? options : callback) as LookupCallback;
  const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
  const address = args.pins[hostname] ?? (/^[\d.]+$/.test(hostname) ? hostname : undefined);
  if (!address) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (not pinned in the test)`), { code: "ENOTFOUND" });
    process.nextTick(() => done(error));
    return;
  }
  process.nextTick(() => (all ? done(null, [{ address, family: 4 }]) : done(null, address, 4)));
};

const load = async (path: string) => import(pathToFileURL(join(OBSERVATORY, path)).href);
const { retrieve } = await load("src/retriever/retriever.js");
const { ALL_TESTS } = await load("src/constants.js");
const { getGradeForScore, getScoreModifier } = await load("src/grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("src/grader/charts.js");

interface TestOutput {
  result: string;
  pass: boolean;
  constructor: { name: string };
}

const requests = await retrieve(args.host, { httpPort: args.httpPort, httpsPort: args.httpsPort });
if (!requests.responses.auto) {
  console.log(JSON.stringify({ error: "The site seems to be down." }));
  process.exit(0);
}
// As src/scanner/index.js: every test, then the score with extra credit only from an A up.
const results = (ALL_TESTS as ((r: unknown) => TestOutput)[]).map((test) => test(requests));
let withExtraCredit = 100;
let uncurved = 100;
const tests: Record<string, { result: string; pass: boolean; scoreModifier: number }> = {};
for (const result of results) {
  const modifier = getScoreModifier(result.result) as number;
  withExtraCredit += modifier;
  if (modifier < 0) uncurved += modifier;
  tests[result.constructor.name] = { result: result.result, pass: result.pass, scoreModifier: modifier };
}
const final = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved) as { score: number; grade: string };
console.log(JSON.stringify({ grade: final.grade, score: final.score, status: requests.responses.auto.status, tests }));
