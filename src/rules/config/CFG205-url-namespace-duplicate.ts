import type { Verdict } from "../define.js";
import { defineSettingsRule } from "../define.js";
import { duplicateNamespaces } from "./url-checks.js";

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
    // urls.py check_url_namespaces_unique: namespaces joined with their parents, counted.
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
