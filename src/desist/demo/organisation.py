"""The demo providers' estate, teams, staff, partners and logins (operating model §1).

Everything is get-or-create keyed on codes and usernames, so running the generator again finds
what is there instead of duplicating it. Names of staff come from a ``random.Random`` seeded
from the generator's seed, so a seed gives the same organisation every time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from desist.organisation.capacity import current_reductions
from desist.organisation.models import (
    FULL_TIME_HOURS,
    LocalAuthority,
    Owner,
    Partner,
    Provider,
    Staff,
    StaffReduction,
    Team,
    Venue,
)
from desist.organisation.roles import Role
from desist.rules.reductions import in_force

from . import data
from .organisation_specs import (
    DTV_NAMED,
    DTV_TEAMS,
    DTV_VENUES,
    GRADE_TARGETS,
    NCRC_NAMED,
    NCRC_OTHER_STAFF,
    NCRC_PARTNERS,
    NCRC_VENUES,
    ROLE_OF_GRADE,
    ncrc_teams,
)

DEMO_PASSWORD = "desist-demo-2026"  # noqa: S105 - the published demo password, synthetic data only
EMAIL_DOMAIN = "desist.example"

MAIN_PROVIDER = ("NCRC", "Northumbria CRC", "Sodexo Justice Services (demo)")
OTHER_PROVIDER = ("DTV", "Durham Tees Valley CRC", "Tees Rehabilitation Partnership (demo)")

# (username, what it shows) — printed by ``desist demo``.
DEMO_LOGINS = (
    ("officer", "Responsible officer (PO, women's champion, Newcastle, newly qualified: a 20% "
                "workload reduction) with a caseload"),
    ("pso", "Responsible officer (PSO, Newcastle)"),
    ("manager", "Senior probation officer / manager (Newcastle team)"),
    ("hub", "Hub administrator"),
    ("upw", "Unpaid work supervisor (today's sessions; sees people on their projects)"),
    ("partner", "Partner caseworker (women's service; sees referred people only)"),
    ("auditor", "Quality assurance / auditor (read-only)"),
    ("admin", "System administrator"),
    ("granted", "Responsible officer granted every restricted case"),
    ("other", "Officer of a second provider (Durham Tees Valley CRC): sees none of these"),
)

# Workload reductions (§16) as (reason, percent, start and end in days from today, other words).
# A random tenth of officers have one, by the draw the generator always made (10, 20 or 30%):
REDUCTION_BY_DRAW = {
    10: ("union_duties", 10, -400, None, ""),
    20: ("newly_qualified", 20, -120, 150, ""),  # about 9 months in all
    30: ("phased_return", 30, -21, 63, ""),
}
# … and the named logins' showcase: the demo "officer" is newly qualified (issue 21: "a newly
# qualified officer's capacity reflects the 20% reduction"); the other provider's officer has
# union duties.
SHOWCASE_REDUCTIONS = {
    "officer": ("newly_qualified", 20, -90, 180, ""),
    "other": ("union_duties", 10, -200, None, ""),
}


class OrganisationConflict(ValueError):
    """The database holds something the demo organisation cannot be built around."""


# ---------------------------------------------------------------------------------------------
# What the person generator needs to know about a provider, read back from the database.


@dataclass(frozen=True, slots=True)
class Officer:
    staff_id: int
    user_id: int
    grade: str
    female: bool
    specialisms: frozenset[str]
    agency: bool
    username: str
    capacity: float = 1.0  # available hours: FTE × (1 − reduction); matching picks by it


@dataclass
class TeamPool:
    team_id: int
    code: str
    officers: list[Officer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        # The "granted" login holds every restricted case; it takes no others, or its caseload
        # would be its share plus them.
        case_holders = [o for o in self.officers if o.grade in ("PO", "PSO")
                        and o.username != "granted"]
        self.pos = [o for o in case_holders if o.grade == "PO"] or case_holders
        self.psos = [o for o in case_holders if o.grade == "PSO"] or case_holders
        # Women go to female officers (women's champions among them), in proportion to capacity:
        # a few champions alone could not carry a fifth of the caseload.
        self.women = [o for o in case_holders if o.female] or case_holders
        self.iom = [o for o in case_holders if "iom" in o.specialisms] or self.pos
        self.complex = [
            o for o in case_holders
            if (o.grade == "PO" or "trained_complex" in o.specialisms) and not o.agency
        ] or self.pos
        # Simple cases: PSOs without complex-case training, and agency staff of any grade (who
        # should not hold complex cases, F6).
        self.untrained = [
            o for o in case_holders
            if o.agency or (o.grade == "PSO" and "trained_complex" not in o.specialisms)
        ] or self.psos
        self.women_complex = [o for o in self.women if o in self.complex] or self.women
        self.women_simple = [o for o in self.women if o in self.untrained] or self.women
        self.any = case_holders


@dataclass(frozen=True, slots=True)
class Area:
    la_id: int
    code: str
    name: str
    towns: tuple[tuple[str, str], ...]


@dataclass
class ProviderContext:
    provider_id: int
    code: str
    crn_letter: str
    areas: list[Area]
    area_weights: list[float]
    lmc_by_la: dict[str, str]          # LA code → LMC team code
    teams: dict[str, TeamPool]         # team code → pool
    hub: TeamPool
    partners: dict[str, int]           # kind → partner id
    named: dict[str, Officer]          # username → officer
    granted_user_id: int | None
    crown_courts: tuple[str, ...]
    showcase: bool                     # fix the first few cases for the named logins


# ---------------------------------------------------------------------------------------------


class OrganisationBuilder:
    """Get-or-create one provider's organisation."""

    def __init__(self, *, seed: int) -> None:
        self.seed = seed
        self._password_hash = ""
        self.created: dict[str, int] = {}

    @property
    def password_hash(self) -> str:
        """The demo password hashed once (slow by design) and reused for every login."""
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def _count(self, what: str, created: bool) -> None:
        if created:
            self.created[what] = self.created.get(what, 0) + 1

    def local_authorities(self, specs) -> dict[str, LocalAuthority]:
        out = {}
        for code, name, _weight, _towns in specs:
            la, created = LocalAuthority.objects.get_or_create(code=code, defaults={"name": name})
            self._count("local_authorities", created)
            out[code] = la
        return out

    def provider(self, code: str, name: str, owner_name: str) -> Provider:
        owner, created = Owner.objects.get_or_create(name=owner_name)
        self._count("owners", created)
        provider, created = Provider.objects.get_or_create(
            code=code, defaults={"name": name, "owner": owner}
        )
        self._count("providers", created)
        return provider

    def partners(self, provider: Provider, specs) -> dict[str, Partner]:
        out = {}
        for code, name, tier, summary, _kind in specs:
            partner, created = Partner.objects.get_or_create(
                provider=provider, code=code,
                defaults={"name": name, "tier": tier, "services_summary": summary},
            )
            self._count("partners", created)
            out[code] = partner
        return out

    def venues(self, provider, specs, las, partners) -> dict[str, Venue]:
        out = {}
        for i, s in enumerate(specs):
            venue, created = Venue.objects.get_or_create(
                provider=provider, code=s.code,
                defaults={
                    "name": s.name, "kind": s.kind, "address": s.address, "postcode": s.postcode,
                    # Ofcom's drama range for Tyneside: printed on letters, never a real line.
                    "phone": f"0191 498 {i % 1000:04d}",
                    "wheelchair_access": s.wheelchair, "accessible_toilet": s.toilet,
                    "private_rooms": s.rooms, "has_reception": s.reception,
                    "evening_days": list(s.evening_days),
                    "evening_closes_at": dt.time(18, 30) if s.evening_days else None,
                    "women_only": s.women_only,
                    "partner": partners.get(s.partner) if s.partner else None,
                },
            )
            if created:
                venue.local_authorities.set([las[c] for c in s.serves])
            self._count("venues", created)
            out[s.code] = venue
        return out

    def teams(self, provider, specs, venues) -> dict[str, Team]:
        out = {}
        for code, name, venue_code, _grades in specs:
            team, created = Team.objects.get_or_create(
                provider=provider, code=code,
                defaults={"name": name, "venue": venues[venue_code]},
            )
            self._count("teams", created)
            out[code] = team
        return out

    def staff(self, provider, *, teams, team_specs, other_specs, venues, named, partner_specs,
              partners) -> dict[str, Staff]:
        """Create the staff; returns username → Staff for every member."""
        rng = random.Random(f"desist-demo-staff:{provider.code}:{self.seed}")  # noqa: S311
        slots = []  # (team code, grade, nth, base venue code)
        for code, _name, venue_code, grades in team_specs:
            for grade, count in grades:
                for nth in range(count):
                    slots.append((code, grade, nth, venue_code))
        for grade, venue_code, count in other_specs:
            seen = sum(1 for s in slots if s[0] == "" and s[1] == grade)
            for nth in range(count):
                slots.append(("", grade, seen + nth, venue_code))

        used_names: set[tuple[str, str]] = set()
        out: dict[str, Staff] = {}
        number = 0
        for team_code, grade, nth, venue_code in slots:
            number += 1
            # Named by slot, not by position, so growing one team never renumbers another.
            staff_code = f"{provider.code}-{team_code or 'X'}-{grade}{nth + 1:02d}"
            fixed = named.get((team_code, grade, nth))
            gender = fixed[1] if fixed else ("female" if rng.random() < 0.66 else "male")
            first, last = self._name(rng, gender, used_names)
            specialisms = list(fixed[2]) if fixed else self._specialisms(rng, grade, gender, nth)
            agency = False if fixed else (grade == "PSO" and rng.random() < 0.2) or (
                grade == "PO" and rng.random() < 0.06)
            hours = Decimal(FULL_TIME_HOURS)
            if not fixed and rng.random() < 0.3:
                hours = Decimal(rng.choice(("22.5", "30", "30", "33.5", "28")))
            username = fixed[0] if fixed else staff_code.lower()
            reduction = SHOWCASE_REDUCTIONS.get(username)
            if not fixed and grade in ("PO", "PSO") and rng.random() < 0.1:
                reduction = REDUCTION_BY_DRAW[rng.choice((10, 20, 30))]
            out[username] = self._staff(
                provider, username=username, first=first, last=last, staff_code=staff_code,
                role=ROLE_OF_GRADE[grade], grade=grade, hours=hours,
                team=teams.get(team_code), base=venues[venue_code], gender=gender,
                specialisms=specialisms, agency=agency, reduction=reduction,
            )
        for index, (code, _name, _tier, _summary, kind) in enumerate(partner_specs):
            number += 1
            gender = "female" if kind == "women" or rng.random() < 0.7 else "male"
            first, last = self._name(rng, gender, used_names)
            username = "partner" if kind == "women" else f"partner-{code.lower()}"
            base = None
            if kind == "women":
                base = next((v for v in venues.values() if v.kind == "womens_hub"), None)
            out[username] = self._staff(
                provider, username=username, first=first, last=last,
                staff_code=f"{provider.code}P{index + 1:02d}",
                role=Role.PARTNER_CASEWORKER, grade="PTR", hours=Decimal(FULL_TIME_HOURS),
                team=None, base=base, gender=gender, specialisms=[], agency=False, reduction=None,
                partner=partners[code],
            )
        return out

    @staticmethod
    def _name(rng, gender, used) -> tuple[str, str]:
        firsts = data.STAFF_FEMALE_FIRST if gender == "female" else data.STAFF_MALE_FIRST
        for _ in range(50):
            pair = (rng.choice(firsts), rng.choice(data.STAFF_LAST))
            if pair not in used:
                used.add(pair)
                return pair
        return pair

    @staticmethod
    def _specialisms(rng, grade, gender, nth) -> list[str]:
        out: list[str] = []
        if grade == "PO":
            out.append("oasys")
            if nth == 0 or rng.random() < 0.5:
                out.append("domestic_abuse")
            if rng.random() < 0.4:
                out.append("child_safeguarding")
            if nth == 0 or rng.random() < 0.6:
                out.append("trained_complex")
            if nth % 3 == 1:  # an IOM officer in every three POs
                out.append("iom")
            if rng.random() < 0.1:
                out.append("bbr_partner_link")
        elif grade == "PSO":
            out.append("self_assessment")
            if rng.random() < 0.5:
                out.append("oasys")
            if rng.random() < 0.5:
                out.append("trained_complex")
            if rng.random() < 0.3:
                out.append("domestic_abuse")
        elif grade == "SPO":
            out += ["oasys", "domestic_abuse"]
            if rng.random() < 0.5:
                out.append("child_safeguarding")
        elif grade == "RW":
            out.append("self_assessment")
        if grade in ("PO", "PSO"):
            if gender == "female" and (nth == 0 and grade == "PSO" or rng.random() < 0.25):
                out.append("womens_champion")
            if rng.random() < 0.15:
                out.append("mental_health")
            if rng.random() < 0.15:
                out.append("young_adults")
        return out

    def _staff(self, provider, *, username, first, last, staff_code, role, grade, hours, team,
               base, gender, specialisms, agency, reduction, partner=None) -> Staff:
        existing = Staff.objects.filter(provider=provider, staff_code=staff_code).first()
        if existing is not None:
            return existing
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username, first_name=first, last_name=last,
                email=f"{username}@{EMAIL_DOMAIN}", password=self.password_hash,
            )
            self._count("users", True)
        elif Staff.objects.filter(user=user).exists():
            raise OrganisationConflict(
                f"the username {username!r} already belongs to another member of staff; "
                "use an empty database for the demo"
            )
        staff = Staff.objects.create(
            user=user, provider=provider, partner=partner, role=str(role),
            staff_code=staff_code, grade=grade, contracted_hours=hours, team=team, base=base,
            gender=gender, specialisms=specialisms, agency=agency,
        )
        self._count("staff", True)
        if reduction is not None:
            reason, percent, starts, ends, other = reduction
            today = timezone.localdate()
            StaffReduction.objects.create(
                staff=staff, reason=reason, other=other, percent=percent,
                starts_on=today + dt.timedelta(days=starts),
                ends_on=today + dt.timedelta(days=ends) if ends is not None else None,
                note="Demo: recorded with the staff member.")
            self._count("staff reductions", True)
        return staff


def build_main(builder: OrganisationBuilder, people: int = 0) -> Provider:
    """The main provider, staffed for a caseload of ``people``. Growing the caseload later adds
    officers; the people generated before keep theirs."""
    code, name, owner = MAIN_PROVIDER
    las = builder.local_authorities(data.LOCAL_AUTHORITIES)
    provider = builder.provider(code, name, owner)
    partners = builder.partners(provider, NCRC_PARTNERS)
    venues = builder.venues(provider, NCRC_VENUES, las, partners)
    team_specs = ncrc_teams(people)
    teams = builder.teams(provider, team_specs, venues)
    builder.staff(provider, teams=teams, team_specs=team_specs, other_specs=NCRC_OTHER_STAFF,
                  venues=venues, named=NCRC_NAMED, partner_specs=NCRC_PARTNERS,
                  partners=partners)
    return provider


def build_other(builder: OrganisationBuilder) -> Provider:
    code, name, owner = OTHER_PROVIDER
    las = builder.local_authorities(data.OTHER_LOCAL_AUTHORITIES)
    provider = builder.provider(code, name, owner)
    venues = builder.venues(provider, DTV_VENUES, las, {})
    teams = builder.teams(provider, DTV_TEAMS, venues)
    builder.staff(provider, teams=teams, team_specs=DTV_TEAMS, other_specs=(), venues=venues,
                  named=DTV_NAMED, partner_specs=(), partners={})
    return provider


def load_context(provider: Provider, *, la_specs, lmc_teams: dict[str, str], showcase: bool,
                 crn_letter: str) -> ProviderContext:
    """Read a provider's organisation back into plain data for the person generator."""
    by_code = {la.code: la for la in LocalAuthority.objects.filter(
        code__in=[s[0] for s in la_specs])}
    areas = [Area(by_code[c].pk, c, n, towns) for c, n, _w, towns in la_specs]
    weights = [float(w) for _c, _n, w, _t in la_specs]
    pools: dict[str, TeamPool] = {}
    named: dict[str, Officer] = {}
    staff_rows = (
        Staff.objects.filter(provider=provider, active=True)
        .select_related("user", "team").order_by("staff_code")
    )
    members: dict[str, list[Officer]] = {}
    staff_rows = list(staff_rows)
    reductions = current_reductions(s.pk for s in staff_rows)
    today = timezone.localdate()
    for s in staff_rows:
        # Available share of a full-time week: what the workload page divides by (§16).
        taken = in_force(reductions.get(s.pk, ()), today).percent
        available = float(s.contracted_hours) / FULL_TIME_HOURS * (100 - taken) / 100
        officer = Officer(s.pk, s.user_id, s.grade, s.gender == "female",
                          frozenset(s.specialisms or ()), s.agency, s.user.username,
                          GRADE_TARGETS.get(s.grade, 1200.0) * available)
        named[s.user.username] = officer
        if s.team is not None:
            members.setdefault(s.team.code, []).append(officer)
    for team in Team.objects.filter(provider=provider).order_by("code"):
        pools[team.code] = TeamPool(team.pk, team.code, members.get(team.code, []))
    partners = {}
    kinds = {code: kind for code, _n, _t, _s, kind in NCRC_PARTNERS}
    for p in Partner.objects.filter(provider=provider):
        if p.code in kinds:
            partners[kinds[p.code]] = p.pk
    granted = named.get("granted")
    return ProviderContext(
        provider_id=provider.pk,
        code=provider.code,
        crn_letter=crn_letter,
        areas=areas,
        area_weights=weights,
        lmc_by_la=lmc_teams,
        teams=pools,
        hub=pools["HUB"],
        partners=partners,
        named={k: v for k, v in named.items() if not k.startswith(provider.code.lower())},
        granted_user_id=granted.user_id if granted else None,
        crown_courts=data.CROWN_COURTS.get(provider.code, data.CROWN_COURTS["NCRC"]),
        showcase=showcase,
    )
