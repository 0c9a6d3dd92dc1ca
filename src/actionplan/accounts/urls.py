from django.urls import path

from actionplan.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-in/code/", views.verify, name="verify"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("", views.account, name="account"),
    path("name/", views.name, name="name"),
    path("second-factor/", views.set_up, name="set_up"),
    path("second-factor/qr.svg", views.set_up_qr, name="set_up_qr"),
    path("resubmit/", views.resubmit, name="resubmit"),
    path("password/", views.ChangePasswordView.as_view(), name="password_change"),
    path("password/reset/", views.ResetPasswordView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.ResetPasswordSentView.as_view(), name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.ResetPasswordConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.ResetPasswordDoneView.as_view(), name="password_reset_done"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
