from django.urls import path

from . import views

urlpatterns = [
    path('', views.home, name='home'),
    path('order/', views.place_order, name='place-order'),
    path('orders/mine/', views.my_orders, name='my-orders'),
    path('orders/<int:pk>/', views.order_status, name='order-status'),
    path('restocks/', views.restocks, name='restocks'),
]
