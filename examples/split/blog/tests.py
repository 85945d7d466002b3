from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from .models import Post


class PostViewTests(TestCase):
    def test_only_published_posts_are_listed(self):
        author = get_user_model().objects.create_user("ada")
        Post.objects.create(title="Live", slug="live", author=author, body="x", published_at=timezone.now())
        Post.objects.create(title="Draft", slug="draft", author=author, body="y")
        response = self.client.get(reverse("blog:post_list"))
        self.assertContains(response, "Live")
        self.assertNotContains(response, "Draft")
