from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150,
        error_messages={"required": _("Enter your username")},
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput,
        error_messages={"required": _("Enter your password")},
    )


class CoverForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you covering this case?"), max_length=300,
        error_messages={"required": _("Enter why you are covering this case"),
                        "max_length": _("Reason must be 300 characters or fewer")},
    )
