"""Where the case sits: risk of serious harm to whom, the team and officer holding it, and
referrals to partners."""

from __future__ import annotations

from desist.rules import routing
from desist.rules.errors import RuleInputError

from ..organisation import TeamPool
from .tables import (
    IOM_OFFICER_FACTOR,
    MEN_TO_FEMALE_OFFICER_FACTOR,
    REFERRAL_STATUS,
    D,
    _pick,
)


class _Casework:
    """Risk, assignment and referrals, drawn for :class:`PersonPlanner`."""

    def _rosh_to(self, r, rosh, da, reg_types) -> list[str]:
        """Who the person poses a risk of serious harm to."""
        rosh_to: list[str] = []
        if rosh != "low":
            if da or "restraining_order" in reg_types:
                rosh_to.append("known_adult")
            if reg_types & {"child_protection_plan", "child_in_need", "child_concern"}:
                rosh_to.append("children")
            if not rosh_to or r() < 0.4:
                rosh_to.insert(0, "public")
            if r() < 0.05:
                rosh_to.append("staff")
        else:
            rosh_to.append("public")
        return rosh_to

    def _assign(self, r, la_code, stype, req_types, custodial, release, female, da, reg_types,
                rosh, complex_case, new_case, closed, restricted, show_index):
        ctx = self.ctx
        named = ctx.named
        if show_index >= 0:
            username = {0: "officer", 1: "officer", 2: "pso", 3: "officer", 4: "pso",
                        5: "granted"}[show_index]
            officer = named.get(username)
            if officer is not None:
                team = next((t for t in ctx.teams.values() if officer in t.officers), ctx.hub)
                return team, officer
        if restricted and "granted" in named:
            officer = named["granted"]
            team = next((t for t in ctx.teams.values() if officer in t.officers), ctx.hub)
            return team, officer
        if new_case:
            return ctx.hub, None  # awaiting allocation in the hub
        try:
            result = routing.route(
                routing.RoutingInput(
                    local_authority=la_code, sentence_type=stype, as_of=self.ref,
                    requirements=tuple(sorted(req_types)), custodial_months=custodial,
                    release_date=release,
                ),
                ctx.lmc_by_la,
            )
            destination, lmc = result.destination, result.lmc
        except RuleInputError:
            destination, lmc = "hub", None
        if destination == "hub" or lmc not in ctx.teams:
            hub = ctx.hub
            standalone = stype in ("community_order", "sso") and req_types <= {"upw", "exclusion"}
            if standalone or (lmc is None and not (stype == "custody")):
                return hub, _pick(self.rng, hub.psos) if r() < 0.85 else None
            return hub, None  # long custody held in the hub until 12 weeks before release
        team = ctx.teams[lmc]
        return team, self._match(r, team, female, da, reg_types, rosh, complex_case, closed)

    def _match(self, r, team: TeamPool, female, da, reg_types, rosh, complex_case, closed):
        """§3.3 matching, with the small rate of poor matches the inspectors found."""
        rng = self.rng
        if r() < 0.015 and not closed:
            return None  # allocation pending with the LMC manager
        needs_skill = (rosh != "low" or da or complex_case
                       or reg_types & {"child_protection_plan", "child_in_need", "child_concern"})
        if female:
            if needs_skill:
                return _pick(rng, team.women_complex, iom_factor=IOM_OFFICER_FACTOR)
            return _pick(rng, team.women_simple if r() < 0.85 else team.women)
        men = MEN_TO_FEMALE_OFFICER_FACTOR
        if "iom" in reg_types:
            return _pick(rng, team.iom, men)
        if needs_skill:
            if r() < 0.04:  # the reports' failure: a complex case with an untrained PSO
                return _pick(rng, team.untrained, men)
            return _pick(rng, team.complex, men, IOM_OFFICER_FACTOR)
        return _pick(rng, team.untrained if r() < 0.85 else team.pos, men, IOM_OFFICER_FACTOR)

    def _referrals(self, r, female, req_types, no_address, stype, employment, age, da,
                   reg_types, start, ref, officer, requirements, force_women):
        partners = self.ctx.partners
        if not partners:
            return []
        wanted: list[tuple[str, str]] = []
        if female and (r() < 0.6 or force_women):
            wanted.append(("women", "Women's hub support"))
        if req_types & {"drr", "atr"} and r() < 0.9:
            wanted.append(("substance", "Drug treatment (DRR)" if "drr" in req_types
                           else "Alcohol treatment (ATR)"))
        elif r() < 0.05:
            wanted.append(("substance", "Substance misuse assessment"))
        if (no_address and r() < 0.8) or (stype in ("licence", "pss") and r() < 0.2) or (
                r() < 0.04):
            wanted.append(("accommodation", "Housing advice"))
        if employment == "unemployed" and age < 50 and r() < 0.12:
            wanted.append(("ete", "Employment support"))
        bbr = any(q["programme"] == "BBR" for q in requirements)
        if bbr and r() < 0.8:
            wanted.append(("domestic_abuse", "BBR partner link work"))
        elif "domestic_abuse_victim" in reg_types and r() < 0.4:
            wanted.append(("domestic_abuse", "Support for victims of domestic abuse"))
        if (age <= 24 and r() < 0.15) or r() < 0.03:
            wanted.append(("mentoring", "Peer mentoring"))
        out = []
        days = max((ref - start).days, 0)
        for kind, service in wanted:
            partner_id = partners.get(kind)
            if partner_id is None:
                continue
            status = REFERRAL_STATUS.pick(r)
            if force_women and kind == "women":
                status = "started"
            referred_on = start + D(days=int(r() * (days + 1))) if start <= ref else (
                ref - D(days=int(r() * 60)))
            out.append({"partner_id": partner_id, "service": service, "status": status,
                        "referred_on": referred_on,
                        "referred_by_id": officer.staff_id if officer else None})
        return out
