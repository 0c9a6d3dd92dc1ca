from django.contrib import admin
from django.urls import include, path

from actionplan.plans import views as plan_views

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("", include("actionplan.plans.urls")),
    path("", include("actionplan.governance.urls")),
    path("", include("actionplan.reports.urls")),
    path("", include("actionplan.indicators.urls")),
    path("", include("actionplan.audits.urls")),
    path("", include("actionplan.voice.urls")),
    path("accounts/", include("actionplan.accounts.urls")),
    path("admin/", admin.site.urls),
]
