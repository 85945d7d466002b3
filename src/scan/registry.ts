import type { AnyProbe } from "./define.js";
import adminDefaultPath from "./probes/admin-default-path.js";
import allowedHosts from "./probes/allowed-hosts.js";
import cookies from "./probes/cookies.js";
import coop from "./probes/coop.js";
import cors from "./probes/cors.js";
import csp from "./probes/csp.js";
import debugPage from "./probes/debug-page.js";
import directoryListing from "./probes/directory-listing.js";
import exposedFiles from "./probes/exposed-files.js";
import frameOptions from "./probes/frame-options.js";
import hsts from "./probes/hsts.js";
import http2 from "./probes/http2.js";
import httpsRedirect from "./probes/https-redirect.js";
import nosniff from "./probes/nosniff.js";
import referrerPolicy from "./probes/referrer-policy.js";
import runserver from "./probes/runserver.js";
import staticCaching from "./probes/static-caching.js";
import staticCompression from "./probes/static-compression.js";
import staticServedByDjango from "./probes/static-served-by-django.js";
import tlsCertificate from "./probes/tls-certificate.js";
import tlsExpiry from "./probes/tls-expiry.js";
import tlsProtocols from "./probes/tls-protocols.js";
import versionDisclosure from "./probes/version-disclosure.js";

/** Every probe, by code. registry.test.ts checks that every file in probes/ is here. */
export const PROBES: readonly AnyProbe[] = [
  debugPage,
  runserver,
  allowedHosts,
  adminDefaultPath,
  exposedFiles,
  directoryListing,
  staticServedByDjango,
  staticCompression,
  staticCaching,
  httpsRedirect,
  tlsCertificate,
  tlsExpiry,
  tlsProtocols,
  http2,
  hsts,
  frameOptions,
  nosniff,
  referrerPolicy,
  coop,
  csp,
  cors,
  versionDisclosure,
  cookies,
];
