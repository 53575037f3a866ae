"""Routes of the assessment pages (issue 5)."""

from django.urls import path

from jscd.web.views import assessment

urlpatterns = [
    path("assessment/", assessment.assessment_map, name="assessment_map"),
    path("assessment/plotly.min.js", assessment.plotly_js, name="assessment_plotly"),
    path("assessment/topojson/<str:name>", assessment.topojson, name="assessment_topojson"),
    path("assessment/runs/new/", assessment.run_create, name="assessment_run_create"),
    path("assessment/runs/<int:pk>/", assessment.run_detail, name="assessment_run"),
    path("assessment/runs/<int:pk>/<str:iso>/", assessment.governorate_detail, name="assessment_governorate"),
    path("assessment/runs/<int:pk>/<str:iso>/override/", assessment.override_create, name="assessment_override"),
    path("assessment/runs/<int:pk>/<str:iso>/decision/", assessment.decision_create, name="assessment_decision"),
    path("assessment/compare/", assessment.compare, name="assessment_compare"),
]
