import { allLocations, isTls, type NginxLocation, type NginxServer } from "../artifacts/nginx/parse.js";
import type { Deployment } from "./deployment.js";
import { asString, asStrings, known } from "./production.js";
import type { SettingsView } from "./settings-view.js";

/** A place where TLS ends in front of the app: an nginx server, an Ingress with tls, or a proxy service. */
export interface TlsTerminator {
  readonly kind: "nginx" | "caddy" | "ingress" | "service";
  readonly file: string;
  readonly line: number;
  /** For nginx: the locations that pass requests to the app (their effective proxy_set_header). */
  readonly locations: readonly NginxLocation[];
  readonly server?: NginxServer;
  readonly name: string;
}

/** Where TLS is terminated before requests reach Django, as far as the repository says. */
export function tlsTerminators(deployment: Deployment): TlsTerminator[] {
  const out: TlsTerminator[] = [];
  for (const { server, locations } of deployment.proxyServers) {
    if (isTls(server))
      out.push({
        kind: "nginx",
        file: server.file,
        line: server.line,
        locations,
        server,
        name: `nginx server ${server.serverNames.join(" ") || "_"}`,
      });
  }
  for (const ingress of deployment.ingresses) {
    if (ingress.tls.length > 0)
      out.push({ kind: "ingress", file: ingress.file, line: ingress.line, locations: [], name: `Ingress ${ingress.name}` });
  }
  for (const helm of deployment.helm) {
    if (helm.ingressTls)
      out.push({
        kind: "ingress",
        file: helm.path,
        line: helm.ingressHosts[0]?.line ?? 1,
        locations: [],
        name: `Helm ingress (${helm.path})`,
      });
  }
  for (const { site } of deployment.caddySites) {
    // Caddy's reverse_proxy sets X-Forwarded-Proto (and -For, -Host) by itself.
    if (site.isTls && site.reverseProxies.length > 0)
      out.push({
        kind: "caddy",
        file: site.file,
        line: site.line,
        locations: [],
        name: `Caddy site ${site.addresses.map((a) => a.text).join(", ")}`,
      });
  }
  // A caddy service runs the Caddyfile read above: one proxy, one terminator.
  const caddyRead = out.some((t) => t.kind === "caddy");
  for (const service of deployment.servicesOf("caddy", "traefik"))
    if (!(caddyRead && service.kind === "caddy"))
      out.push({ kind: "service", file: service.file, line: service.line, locations: [], name: `${service.kind} service ${service.name}` });
  return out;
}

/** SECURE_PROXY_SSL_HEADER as (header name as the proxy sends it, value); null when unset; undefined when unknown. */
export function proxySslHeader(settings: SettingsView | undefined): { header: string; meta: string; value: string } | null | undefined {
  const setting = settings?.get("SECURE_PROXY_SSL_HEADER");
  const value = known(setting?.value);
  if (!setting || !value) return undefined;
  if (value.kind === "none") return null;
  const pair = asStrings(value);
  if (pair?.length !== 2) return undefined;
  const meta = pair[0] as string;
  // Django reads request.META: HTTP_X_FORWARDED_PROTO is the X-Forwarded-Proto header.
  const header = meta
    .replace(/^HTTP_/, "")
    .toLowerCase()
    .replace(/_/g, "-");
  return { header, meta, value: pair[1] as string };
}

/** Whether SECURE_SSL_REDIRECT is True (undefined when unknown). */
export function sslRedirect(settings: SettingsView | undefined): boolean | undefined {
  const value = known(settings?.get("SECURE_SSL_REDIRECT")?.value);
  if (!value) return undefined;
  return value.kind === "bool" && value.value;
}

/** Headers ingress controllers and proxies set by themselves, lower case. */
export const AUTOMATIC_FORWARDED = new Set([
  "x-forwarded-proto",
  "x-forwarded-scheme",
  "x-scheme",
  "x-forwarded-ssl",
  "x-forwarded-port",
  "x-forwarded-for",
  "x-forwarded-host",
]);

/** ALLOWED_HOSTS when known. */
export function allowedHosts(settings: SettingsView | undefined): string[] | undefined {
  return asStrings(settings?.get("ALLOWED_HOSTS")?.value);
}

export { allLocations, asString };
