from django.test import TestCase
from django.urls import reverse

from .models import Announcement


class HealthzTests(TestCase):
    def test_healthz(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"ok")


class HomeTests(TestCase):
    def test_lists_only_published(self):
        Announcement.objects.create(title="Launch", body="We are live.", published=True)
        Announcement.objects.create(title="Draft", body="Not yet.")
        response = self.client.get(reverse("core:home"))
        self.assertContains(response, "Launch")
        self.assertNotContains(response, "Draft")
