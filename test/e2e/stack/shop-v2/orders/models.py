from django.db import models


class Order(models.Model):
    item = models.CharField(max_length=100)
    fulfilled_by = models.CharField(max_length=200, blank=True)
    gift_wrap = models.BooleanField(null=True)
    created = models.DateTimeField(auto_now_add=True)


class Restock(models.Model):
    """One row per run of the periodic restock task: beat must send it once per interval."""

    task_id = models.CharField(max_length=64, unique=True)
    worker = models.CharField(max_length=200)
    ran_at = models.DateTimeField(auto_now_add=True)
