"""Signing in and out with Django's own views, in jscd's templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

__all__ = ["LoginView", "LogoutView", "PasswordChangeView"]


class LoginView(auth_views.LoginView):
    """Django's login (already exempt from the login-required middleware)."""

    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (the header's button), as Django 5 requires."""

    next_page = "web:login"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password; Django's form applies ``AUTH_PASSWORD_VALIDATORS``."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:dashboard")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        from django.contrib import messages

        response = super().form_valid(form)
        messages.success(self.request, "Your password was changed.")
        return response
