"""The admin: indicators, their values and local measures, until the web pages come."""

from django.contrib import admin

from actionplan.indicators import models as m


class IndicatorValueInline(admin.TabularInline):
    model = m.IndicatorValue
    extra = 0
    fields = ["period_start", "period_end", "value", "numerator", "denominator", "source", "note"]


@admin.register(m.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "unit", "polarity", "frequency", "target", "measure_id"]
    list_filter = ["unit", "frequency"]
    search_fields = ["name", "definition", "measure_id"]
    autocomplete_fields = ["owner", "recommendations", "actions"]
    list_select_related = ["plan"]
    inlines = [IndicatorValueInline]


@admin.register(m.LocalMeasure)
class LocalMeasureAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "organisation"]
    search_fields = ["key", "name", "definition"]
    list_select_related = ["organisation"]
