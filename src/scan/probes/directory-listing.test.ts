import { probeTester, response } from "../tester.js";
import probe from "./directory-listing.js";

const t = probeTester(probe);
t.fires(
  "nginx autoindex on /media/",
  {
    media: response("https://app.example.com/media/", {
      body: '<html><head><title>Index of /media/</title></head><body><h1>Index of /media/</h1><a href="invoices/">invoices/</a>',
    }),
  },
  { outcome: "listing", includes: "/media/ shows a directory listing" },
);
t.fires(
  "django.views.static.serve with show_indexes=True",
  {
    static: response("http://127.0.0.1:8000/static/", { body: '<title>Index of static/</title><ul><li><a href="css/">css/</a></li></ul>' }),
  },
  { outcome: "listing" },
);
t.quiet("403 from autoindex off", { static: response("https://app.example.com/static/", { status: 403 }) });
t.quiet("a catch-all page", { media: response("https://app.example.com/media/", { body: "<title>Index of products</title>" }) });
