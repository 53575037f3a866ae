"""Routes of the record's pages: sign-in, dashboard, lists, details and search.

Each list and detail page also answers ``?format=json`` (its JSON twin).
"""

from django.urls import path

from jscd.web.views import actors, auth, dashboard, rounds, search, sources, thread_pages

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("", dashboard.dashboard, name="dashboard"),
    path("rounds/", rounds.RoundListView.as_view(), name="round_list"),
    path("rounds/<int:pk>/", rounds.RoundDetailView.as_view(), name="round_detail"),
    path("events/", rounds.EventListView.as_view(), name="event_list"),
    path("events/<int:pk>/", rounds.EventDetailView.as_view(), name="event_detail"),
    path("statements/", rounds.StatementListView.as_view(), name="statement_list"),
    path("threads/", thread_pages.ThreadListView.as_view(), name="thread_list"),
    path("threads/<int:pk>/", thread_pages.ThreadDetailView.as_view(), name="thread_detail"),
    path("people/", actors.PersonListView.as_view(), name="person_list"),
    path("people/<int:pk>/", actors.PersonDetailView.as_view(), name="person_detail"),
    path("organizations/", actors.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<int:pk>/", actors.OrganizationDetailView.as_view(),
         name="organization_detail"),
    path("sources/", sources.SourceListView.as_view(), name="source_list"),
    path("sources/<int:pk>/", sources.SourceDetailView.as_view(), name="source_detail"),
    path("search/", search.search, name="search"),
]
