from django.test import TestCase
from django.urls import reverse

from .models import Product


class ProductListTests(TestCase):
    def test_lists_products(self):
        Product.objects.create(name='Mug', slug='mug', price='9.99')
        response = self.client.get(reverse('shop:product_list'))
        self.assertContains(response, 'Mug')
