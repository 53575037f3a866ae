"""Staff products on the web: choose product, round and format; preview or download.

The product is built from ``request.user``'s view of the record, so what a user downloads is
what they may see, and its banner is the highest marking inside it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe

from jscd.core import DomainError
from jscd.record.models import DialogueSeries, Round
from jscd.reports.products import PRODUCTS, build, generate
from jscd.reports.render import FORMATS, to_html
from jscd.web.views.htmx import is_htmx, render_page

__all__ = ["ReportForm", "report_download", "report_index", "report_preview"]

FORMAT_LABELS = {"md": "Markdown", "html": "HTML", "docx": "Word (DOCX)", "pdf": "PDF"}


class ReportForm(forms.Form):
    product = forms.ChoiceField(choices=[(k, v[0]) for k, v in PRODUCTS.items()])
    series = forms.ChoiceField(required=False)
    round = forms.ChoiceField()
    format = forms.ChoiceField(choices=[(f, FORMAT_LABELS[f]) for f in FORMATS], initial="docx")

    def __init__(self, data: Any = None, *, user: Any) -> None:
        super().__init__(data)
        series = list(DialogueSeries.objects.visible_to(user).filter(rounds__isnull=False)
                      .distinct())
        self.fields["series"].choices = [(s.acronym or s.name, s.name) for s in series]
        rounds = Round.objects.visible_to(user).order_by("series__name", "ordinal")
        choices = [("next", "The next round (upcoming)")]
        choices += [(str(r.ordinal), f"{r} — {r.start:%d %b %Y}") for r in rounds]
        self.fields["round"].choices = list(dict(choices).items())


def _product_args(request: HttpRequest) -> tuple[ReportForm, dict[str, str] | None]:
    form = ReportForm(request.GET, user=request.user)
    return form, (form.cleaned_data if form.is_valid() else None)


def report_index(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.GET or None, user=request.user)
    return render_page(request, "web/reports/index.html", {
        "title": "Reports", "form": form, "products": PRODUCTS,
    })


def report_preview(request: HttpRequest) -> HttpResponse:
    """The product as HTML inside the page (an HTMX fragment, or the page around it)."""
    form, args = _product_args(request)
    error = html = None
    if args is None:
        error = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
    else:
        try:
            doc = build(request.user, args["product"], args["round"],
                        series=args["series"] or None)
            # The product template escapes every value it places; the fragment is safe as is.
            html = mark_safe(to_html(doc, standalone=False))
        except DomainError as exc:
            error = str(exc)
    context = {"title": "Reports", "form": form, "products": PRODUCTS, "preview": html,
               "error": error}
    if is_htmx(request):
        return render_page(request, "web/reports/preview.html", context,
                           status=400 if error else 200)
    return render_page(request, "web/reports/index.html", context, status=400 if error else 200)


def report_download(request: HttpRequest) -> HttpResponse:
    form, args = _product_args(request)
    if args is None:
        message = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    try:
        product = generate(request.user, args["product"], args["round"], args["format"],
                           series=args["series"] or None)
    except DomainError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(product.content, content_type=product.content_type)
    response["Content-Disposition"] = f'attachment; filename="{product.filename}"'
    response["X-Jscd-Banner"] = product.document.banner
    return response
