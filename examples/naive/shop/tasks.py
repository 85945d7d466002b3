from celery import shared_task
from django.core.mail import send_mail

from .models import Order


@shared_task
def send_order_confirmation(order_id):
    order = Order.objects.select_related('product').get(pk=order_id)
    send_mail(
        f'Your order #{order.pk}',
        f'Thanks for buying {order.product.name}!',
        'shop@example.com',
        [order.email],
    )
