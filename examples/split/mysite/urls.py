from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("blog.urls")),
]

if "django.contrib.admindocs" in settings.INSTALLED_APPS:
    urlpatterns.insert(0, path("admin/doc/", include("django.contrib.admindocs.urls")))
