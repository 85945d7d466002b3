import type { UrlEntry } from "../../model/urlconf.js";
import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import type { World } from "../world.js";
import { rootUrls } from "./url-checks.js";

const SETTINGS = { "mysite/settings.py": 'ROOT_URLCONF = "mysite.urls"\n' };
const BLOG = { "blog/urls.py": 'app_name = "blog"\nurlpatterns = []\n' };
const messages = {
  duplicate: "The URL namespace '{namespace}' is included more than once, so reverse() cannot reach all of its URLs",
} as const;

export default defineSettingsRule({
  code: "CFG205",
  slug: "url-namespace-duplicate",
  area: "config",
  severity: "warning",
  djangoCheck: "urls.W005",
  since: "0.1.0",
  reads: ["settings", "python"],
  doc: {
    what: "The same URL namespace is included twice.",
    why: "reverse('blog:index') can return only one of the two prefixes: links to the other copy are never generated.",
    fix: "Give each include its own namespace: include('blog.urls', namespace='blog-archive'), or include the URLconf once.",
    bad: {
      ...SETTINGS,
      ...BLOG,
      "mysite/urls.py":
        'from django.urls import include, path\n\nurlpatterns = [path("blog/", include("blog.urls")), path("news/", include("blog.urls"))]\n',
    },
    good: {
      ...SETTINGS,
      ...BLOG,
      "mysite/urls.py": 'from django.urls import include, path\n\nurlpatterns = [path("blog/", include("blog.urls"))]\n',
    },
    references: ["https://docs.djangoproject.com/en/stable/topics/http/urls/#url-namespaces"],
  },
  messages,
  test(world) {
    const duplicates = duplicateNamespaces(world);
    if (!duplicates) return duplicates;
    return duplicates.map(
      (d): Verdict<typeof messages> => ({
        at: "ROOT_URLCONF",
        messageId: "duplicate",
        data: { namespace: d.name },
        place: { file: d.file, line: d.line },
      }),
    );
  },
});

/**
 * check_url_namespaces_unique (django/core/checks/urls.py): the namespaces _load_all_namespaces()
 * collects, joined with their parents ("parent:child"), counted; each duplicate with the second
 * place that includes it.
 */
function duplicateNamespaces(world: World): { name: string; file: string; line: number }[] | false | undefined {
  const root = rootUrls(world);
  if (!root) return root;
  const found: { name: string; certain: boolean; file: string; line: number }[] = [];
  let complete = true;
  const walk = (entries: readonly UrlEntry[], parents: readonly string[], certain: boolean): void => {
    for (const entry of entries) {
      if (entry.kind === "opaque") complete = false;
      if (entry.kind !== "include") continue;
      const { included, namespace } = entry;
      if (!included || namespace === undefined) {
        complete = false;
        continue;
      }
      const sure = certain && entry.present === true;
      const current = namespace === null ? parents : [...parents, namespace];
      if (namespace !== null) found.push({ name: current.join(":"), certain: sure, file: entry.file, line: entry.line });
      walk(included.entries, current, sure);
    }
  };
  walk(root.entries, [], true);
  const counts = new Map<string, { certain: number; all: number; file: string; line: number }>();
  for (const namespace of found) {
    const entry = counts.get(namespace.name) ?? { certain: 0, all: 0, file: namespace.file, line: namespace.line };
    entry.all++;
    if (namespace.certain) entry.certain++;
    if (entry.all === 2) Object.assign(entry, { file: namespace.file, line: namespace.line });
    counts.set(namespace.name, entry);
  }
  const duplicates = [...counts].filter(([, c]) => c.certain > 1).map(([name, c]) => ({ name, file: c.file, line: c.line }));
  if (duplicates.length > 0) return duplicates;
  const maybe = [...counts.values()].some((c) => c.all > 1);
  return complete && !maybe ? false : undefined;
}
