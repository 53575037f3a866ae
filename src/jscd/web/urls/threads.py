"""Routes of the threads area: timeline, program portfolio, thread suggestions."""

from django.urls import path

from jscd.web.views import threads

urlpatterns = [
    path("timeline/", threads.timeline, name="timeline"),
    path("programs/", threads.program_list, name="program_list"),
    path("programs/<int:pk>/", threads.program_detail, name="program_detail"),
    path("threads/suggestions/", threads.thread_suggestions, name="thread_suggestions"),
]
