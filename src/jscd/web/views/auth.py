"""Signing in and out with Django's own views, in jscd's templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

__all__ = ["LoginView", "LogoutView"]


class LoginView(auth_views.LoginView):
    """Django's login (already exempt from the login-required middleware)."""

    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (the header's button), as Django 5 requires."""

    next_page = "web:login"
