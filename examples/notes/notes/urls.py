from django.urls import path

from . import views

urlpatterns = [
    path('', views.home, name='home'),
    path('notes/add/', views.add_note, name='add-note'),
    path('notes/mine/', views.my_notes, name='my-notes'),
]
