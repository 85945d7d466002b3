from django.urls import path

from . import views

app_name = 'shop'

urlpatterns = [
    path('', views.product_list, name='product_list'),
    path('upload/', views.product_upload, name='product_upload'),
    path('<slug:slug>/', views.product_detail, name='product_detail'),
]
