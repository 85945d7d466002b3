from django.shortcuts import get_object_or_404, redirect, render

from .forms import OrderForm, ProductForm
from .models import Product


def product_list(request):
    products = Product.objects.order_by('-created_at')
    return render(request, 'shop/product_list.html', {'products': products})


def product_detail(request, slug):
    product = get_object_or_404(Product, slug=slug)
    form = OrderForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        from .tasks import send_order_confirmation

        order = form.save(commit=False)
        order.product = product
        order.save()
        send_order_confirmation.delay(order.pk)
        return redirect('shop:product_list')
    return render(request, 'shop/product_detail.html', {'product': product, 'form': form})


def product_upload(request):
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == 'POST' and form.is_valid():
        form.save()
        return redirect('shop:product_list')
    return render(request, 'shop/product_upload.html', {'form': form})
