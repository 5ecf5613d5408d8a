"""The words on the person's own page (Welsh Language Scheme), through gettext like every other
page: the Welsh is in ``locale/cy/LC_MESSAGES/django.po`` (``scripts/messages.sh`` refreshes and
compiles it). Every string the person sees is here or in the support-need catalogue; the page
shows no codes or staff words. Call :func:`words` with the person's language active
(``translation.override``).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from desist.errors import Refused

LANGUAGES = ("en", "cy")
# The link to the other language is written in that language (not translated).
OTHER = {"en": ("cy", "Cymraeg"), "cy": ("en", "English")}


def words(lang: str) -> dict[str, str]:
    """The page's words in ``lang`` (``hello``, ``release`` and ``by`` take ``%(name)s`` /
    ``%(date)s``)."""
    with translation.override(lang):
        other_lang, other_language = OTHER[lang]
        return {
            "title": _("Your plan for leaving prison"),
            "start_title": _("See your plan for leaving prison"),
            "start_intro": _("Enter the code your officer gave you and your date of birth. The "
                             "code works once and lasts 7 days."),
            "code": _("Code"),
            "code_hint": _("6 letters and numbers, for example K7M2QX"),
            "date_of_birth": _("Date of birth"),
            "date_hint": _("For example, 27 3 1990"),
            "continue": _("Continue"),
            "other_language": other_language,
            "other_lang": other_lang,
            "hello": _("Hello %(name)s"),
            "release": _("You are due to be released on %(date)s."),
            "next_appointment": _("Your next appointment"),
            "no_appointment": _("No appointment is booked yet. Your officer will tell you when "
                                "it is."),
            "when": _("When"),
            "where": _("Where"),
            "help": _("Help being arranged for you"),
            "no_help": _("Nothing has been arranged yet."),
            "by": _("by %(date)s"),
            "done": _("Done"),
            "to_do": _("Being arranged"),
            "contacts": _("Who to contact"),
            "officer": _("Your probation officer"),
            "office": _("Office"),
            "phone": _("Phone"),
            "not_assigned": _("Your probation officer has not been chosen yet. Call the office."),
            "areas": _("What your plan covers"),
            "signed_out": _("This page closes after an hour. Ask your officer for a new code to "
                            "come back."),
            "wrong": _("That code and date of birth do not match. Check them and try again."),
            "locked": _("This code is locked after 5 wrong tries. Ask your officer for a new "
                        "code."),
            "used": _("This code has already been used. Ask your officer for a new code."),
            "expired": _("This code has expired. Ask your officer for a new code."),
            "rate_limited": _("Too many tries. Wait 15 minutes and try again."),
            "enter_code": _("Enter your code"),
            "enter_date_of_birth": _("Enter your date of birth"),
        }


def pathways(lang: str) -> dict[str, str]:
    """Pathway names as the person reads them (plainer than the staff names)."""
    with translation.override(lang):
        return {
            "accommodation": _("Somewhere to live"),
            "attitudes": _("Thinking and behaviour"),
            "children_families": _("Family and children"),
            "drugs_alcohol": _("Drugs and alcohol"),
            "ete": _("Work, education and training"),
            "finance_id": _("Money and ID"),
            "health": _("Health"),
        }


_OUTCOMES = {
    "person_code_locked": "locked", "person_code_locked_now": "locked",
    "person_code_used": "used", "person_code_expired": "expired",
    "person_code_rate_limited": "rate_limited",
}


def translated(error: Refused, lang: str) -> Refused:
    """The refusal in the person's language (the code says which message)."""
    key = _OUTCOMES.get(error.code, "wrong")
    return Refused(words(lang)[key], code=error.code, field="code")
