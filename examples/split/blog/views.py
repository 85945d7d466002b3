from django.views.generic import DetailView, ListView

from .models import Post


class PostListView(ListView):
    queryset = Post.objects.filter(published_at__isnull=False).select_related("author")
    paginate_by = 10


class PostDetailView(DetailView):
    queryset = Post.objects.filter(published_at__isnull=False)
