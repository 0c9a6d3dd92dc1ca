from django.urls import path

from actionplan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("password/", views.ChangePasswordView.as_view(), name="password_change"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
