from celery import shared_task
from django.core.cache import cache

from .models import Order, Restock


@shared_task(bind=True)
def fulfil(self, order_id):
    Order.objects.filter(pk=order_id).update(fulfilled_by=self.request.hostname)
    cache.set(f"order:{order_id}:fulfilled", self.request.hostname, 3600)


@shared_task(bind=True)
def restock(self):
    Restock.objects.create(task_id=self.request.id, worker=self.request.hostname)
