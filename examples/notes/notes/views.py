from django.http import JsonResponse
from django.shortcuts import render

from .models import Note


async def home(request):
    notes = [note async for note in Note.objects.order_by('-created')[:10]]
    return render(request, 'notes/home.html', {'notes': notes})


async def add_note(request):
    """Saves a note with the async ORM and remembers it in the session."""
    note = await Note.objects.acreate(text=request.GET.get('text', '')[:500])
    mine = await request.session.aget('notes', [])
    await request.session.aset('notes', [*mine, note.pk])
    return JsonResponse({'id': note.pk, 'text': note.text})


async def my_notes(request):
    return JsonResponse({'notes': await request.session.aget('notes', [])})
