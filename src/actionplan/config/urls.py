from django.contrib import admin
from django.urls import include, path

from actionplan.core import views as core_views
from actionplan.monitoring import urls as monitoring_urls
from actionplan.plans import urls as plan_urls
from actionplan.plans import views as plan_views

# The plan's own pages and monitoring's share the "plans" namespace, as they did before
# monitoring had its own web layer: every URL name (plans:dashboard, plans:people) stands.
plan_pages = (monitoring_urls.urlpatterns + plan_urls.urlpatterns, "plans")

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("", include(plan_pages)),
    path("", include("actionplan.governance.urls")),
    path("", include("actionplan.reports.urls")),
    path("", include("actionplan.indicators.urls")),
    path("", include("actionplan.audits.urls")),
    path("", include("actionplan.voice.urls")),
    path("accounts/notifications/", include("actionplan.notifications.urls")),
    path("accounts/", include("actionplan.accounts.urls")),
    # Linked from every page's footer, and open to anyone: the Accessibility Regulations want
    # the statement reachable without signing in.
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("help/", core_views.help_page, name="help"),
    path("admin/", admin.site.urls),
]
