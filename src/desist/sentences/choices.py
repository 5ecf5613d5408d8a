from django.db import models
from django.utils.translation import gettext_lazy as _


class SentenceType(models.TextChoices):
    COMMUNITY_ORDER = "community_order", _("Community order")
    SSO = "sso", _("Suspended sentence order")
    LICENCE = "licence", _("Licence")
    PSS = "pss", _("Post-sentence supervision")
    CUSTODY = "custody", _("Custody (pre-release)")


COMMUNITY_SENTENCES = {SentenceType.COMMUNITY_ORDER, SentenceType.SSO}
CUSTODY_RELATED = {SentenceType.LICENCE, SentenceType.PSS, SentenceType.CUSTODY}


class RequirementType(models.TextChoices):
    """Requirements of an order. Codes match the rules core's requirement codes."""

    RAR = "rar", _("Rehabilitation activity requirement")
    UPW = "upw", _("Unpaid work")
    PROGRAMME = "programme", _("Accredited programme")
    DRR = "drr", _("Drug rehabilitation requirement")
    ATR = "atr", _("Alcohol treatment requirement")
    MHTR = "mhtr", _("Mental health treatment requirement")
    EXCLUSION = "exclusion", _("Exclusion")
    CURFEW = "curfew", _("Curfew")
    PROHIBITED_ACTIVITY = "prohibited_activity", _("Prohibited activity")
    RESIDENCE = "residence", _("Residence")
    ALCOHOL_ABSTINENCE = "alcohol_abstinence", _("Alcohol abstinence and monitoring")


class OffenceCategory(models.TextChoices):
    """OGRS3 offence categories (risk-predictors.md)."""

    VIOLENCE = "violence", _("Violence against the person")
    ROBBERY = "robbery", _("Robbery")
    PUBLIC_ORDER = "public_order", _("Public order and harassment")
    SEXUAL_NOT_CHILD = "sexual_not_child", _("Sexual (not against a child)")
    SEXUAL_CHILD = "sexual_child", _("Sexual (against a child)")
    SOLICITING = "soliciting", _("Soliciting or prostitution")
    BURGLARY_DOMESTIC = "burglary_domestic", _("Burglary (domestic)")
    BURGLARY_OTHER = "burglary_other", _("Burglary (other)")
    THEFT_NON_MOTOR = "theft_non_motor", _("Theft (non-motor)")
    HANDLING = "handling", _("Handling stolen goods")
    FRAUD_FORGERY = "fraud_forgery", _("Fraud and forgery")
    ABSCONDING_BAIL = "absconding_bail", _("Absconding or bail offences")
    TAKING_DRIVING_AWAY = "taking_driving_away", _("Taking and driving away and related")
    THEFT_FROM_VEHICLES = "theft_from_vehicles", _("Theft from vehicles")
    DRINK_DRIVING = "drink_driving", _("Drink driving")
    OTHER_MOTORING = "other_motoring", _("Other motoring")
    CRIMINAL_DAMAGE = "criminal_damage", _("Criminal damage")
    DRUG_IMPORT_EXPORT_PRODUCTION = "drug_import_export_production", _(
        "Drug import, export or production"
    )
    DRUG_POSSESSION_SUPPLY = "drug_possession_supply", _("Drug possession or supply")
    OTHER = "other", _("Other offence")
