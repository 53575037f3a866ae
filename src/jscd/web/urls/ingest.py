"""Routes of review: the queue and its actions (editors), and the conflicts page (everyone)."""

from django.urls import path

from jscd.web.views import ingest

urlpatterns = [
    path("review/", ingest.review_queue, name="review_queue"),
    path("review/<int:pk>/accept/", ingest.proposal_accept, name="proposal_accept"),
    path("review/<int:pk>/reject/", ingest.proposal_reject, name="proposal_reject"),
    path("review/<int:pk>/merge/", ingest.proposal_merge, name="proposal_merge"),
    path("review/<int:pk>/edit/", ingest.proposal_edit, name="proposal_edit"),
    path("conflicts/", ingest.conflict_list, name="conflict_list"),
]
