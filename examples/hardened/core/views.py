from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Announcement


@never_cache
@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request):
    announcements = Announcement.objects.filter(published=True)[:10]
    return render(request, "core/home.html", {"announcements": announcements})
