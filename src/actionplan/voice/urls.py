from django.urls import path

from actionplan.voice import views

app_name = "voice"

P = "plans/<int:plan_id>/voice/"
urlpatterns = [
    path(P, views.overview, name="overview"),
    path(f"{P}sources/add/", views.add_source, name="add_source"),
    path(f"{P}sources/<int:source_id>/", views.source, name="source"),
    path(f"{P}sources/<int:source_id>/ask/", views.ask_about_source, name="ask"),
    path(f"{P}questions/<int:question_id>/answer/", views.answer_question, name="answer"),
    path(f"{P}results/import/", views.import_results, name="import_results"),
    path(f"{P}themes/add/", views.add_theme, name="add_theme"),
    path(f"{P}themes/<int:theme_id>/quotes/add/", views.add_quote, name="add_quote"),
    path(f"{P}safeguarding/", views.safeguarding, name="safeguarding"),
    path(f"{P}you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path(f"{P}you-said-we-did/add/", views.add_you_said, name="add_you_said"),
    path(f"{P}you-said-we-did/<int:entry_id>/edit/", views.edit_you_said, name="edit_you_said"),
]
