"""The gateway over the JSON API: import bundles, read a case back, export contacts (§3)."""

from __future__ import annotations

from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from desist.access.api import DeclaredRulePermission
from desist.access.rules import AccessRule, not_a_case
from desist.api_params import Filters
from desist.audit import events
from desist.organisation.roles import PROVIDER_STAFF, Role
from desist.scopes.cases import case_for, visible_cases

from . import selectors, services

IMPORTERS = frozenset({Role.HUB_ADMIN, Role.SYSADMIN})
MAX_BUNDLES = 1000


class ImportFilters(Filters):
    dry_run = serializers.BooleanField(required=False, default=False,
                                       help_text="Say what would change; change nothing.")


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    source = serializers.CharField()
    checksum = serializers.CharField()
    dry_run = serializers.BooleanField()
    status = serializers.CharField()
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    read = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField())


class NationalImports(APIView):
    """POST one bundle or a list of bundles (nDelius Community API shape, docs/gateway.md); GET
    the import ledger. A bad bundle is rejected whole with its field-specific problems. Only
    the importer's provider's cases may be created or changed; the ledger shows the provider's
    own part of each batch."""

    access_rule = AccessRule(read=IMPORTERS, write=IMPORTERS)
    case_of = staticmethod(not_a_case)  # an import decides nothing on one existing case
    permission_classes = [DeclaredRulePermission]

    @extend_schema(responses=BatchSerializer(many=True))
    def get(self, request):
        return Response(BatchSerializer(selectors.recent_batches(request.user), many=True).data)

    @extend_schema(parameters=[ImportFilters], request=OpenApiTypes.OBJECT,
                   responses={200: BatchSerializer})
    def post(self, request):
        filters = ImportFilters.read(request)
        data = request.data
        items = data if isinstance(data, list) else [data]
        if len(items) > MAX_BUNDLES:
            raise services.ImportRefused(f"At most {MAX_BUNDLES} bundles a request",
                                         code="too_many", field="bundles")
        not_bundles = [i for i, b in enumerate(items) if not isinstance(b, dict)]
        if not items or not_bundles:  # the shape of the request, not of a record: 400 for all
            raise services.ImportRefused(
                "Send a bundle (a JSON object) or a list of bundles"
                + (f": item {not_bundles[0]} is not an object" if not_bundles else ""),
                code="not_a_bundle", field="bundles")
        result = services.import_bundles(
            acting_user=request.user, items=[(f"request[{i}]", b) for i, b in enumerate(items)],
            source=f"api:{request.user.username}", digest=services.digest_of_items(items),
            dry_run=filters["dry_run"], request=request,
            provider_id=getattr(getattr(request.user, "staff", None), "provider_id", None))
        return Response(BatchSerializer(selectors.batch_for(request.user, result.batch.pk)).data,
                        status=status.HTTP_200_OK)


class NationalView(APIView):
    """A case read back as imported: the same contract as ``desist cases show CRN --json``."""

    access_rule = AccessRule(read=PROVIDER_STAFF)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, crn):
        person = case_for(request.user, crn, request=request, page="api-national")
        view = selectors.national_view(person.crn)
        if view is None:
            return Response({"error": {"status": 404, "code": "not_imported",
                                       "message": "This case has not come from the national "
                                                  "record", "fields": {}}},
                            status=status.HTTP_404_NOT_FOUND)
        events.national_record_read(actor=request.user, crn=person.crn, request=request)
        return Response(view)


class ExportFilters(Filters):
    since = serializers.DateField(required=False, help_text="Contacts on or after this date.")


class NationalExport(APIView):
    """Contacts, outcomes and enforcement actions in ContactSummary shape (docs/gateway.md)."""

    access_rule = AccessRule(read=IMPORTERS)
    permission_classes = [DeclaredRulePermission]

    @extend_schema(parameters=[ExportFilters], responses={200: OpenApiResponse(
        response=build_array_type(build_basic_type(OpenApiTypes.OBJECT)),
        description="A list of ContactSummary records")})
    def get(self, request):
        filters = ExportFilters.read(request)
        rows = selectors.export_contacts(people=visible_cases(request.user),
                                         since=filters.get("since"))
        events.national_export(actor=request.user, crns=sorted({r["crn"] for r in rows}),
                               count=len(rows), request=request)
        return Response(rows)
