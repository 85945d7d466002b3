from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Order, Restock
from .tasks import fulfil


def home(request):
    return render(request, 'orders/home.html', {'orders': Order.objects.order_by('-created')[:10]})


def place_order(request):
    """Saves an order, remembers it in the session and queues its fulfilment."""
    order = Order.objects.create(item=request.GET.get('item', 'cake')[:100], gift_wrap=request.GET.get('wrap') == '1')
    request.session['orders'] = [*request.session.get('orders', []), order.pk]
    fulfil.delay(order.pk)
    return JsonResponse({'id': order.pk, 'item': order.item, 'gift_wrap': order.gift_wrap, 'version': 2})


def my_orders(request):
    return JsonResponse({'orders': request.session.get('orders', [])})


def order_status(request, pk):
    order = get_object_or_404(Order, pk=pk)
    return JsonResponse({
        'id': order.pk,
        'fulfilled_by': order.fulfilled_by,
        'cached': cache.get(f'order:{pk}:fulfilled'),
    })


def restocks(request):
    rows = Restock.objects.order_by('ran_at')
    return JsonResponse({'restocks': [{'task_id': r.task_id, 'worker': r.worker, 'ran_at': r.ran_at.isoformat()} for r in rows]})
