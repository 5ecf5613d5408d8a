"""API shapes for cases. Serializers validate shape; services save."""

from __future__ import annotations

from rest_framework import serializers

from desist.api_params import LocalTimeField
from desist.sentences.models import Offence, Requirement, Sentence

from .models import Person, Registration


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = ["type", "level", "start_date", "review_date", "end_date"]


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Requirement
        fields = ["type", "rar_days", "upw_hours", "programme", "start_date", "end_date"]


class OffenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Offence
        fields = ["description", "category", "offence_date", "main"]


class SentenceSerializer(serializers.ModelSerializer):
    requirements = RequirementSerializer(many=True, read_only=True)
    offences = OffenceSerializer(many=True, read_only=True)

    class Meta:
        model = Sentence
        fields = ["type", "court", "sentence_date", "start_date", "expected_end_date",
                  "custodial_months", "release_date", "terminated_on", "requirements", "offences"]


class CaseListSerializer(serializers.ModelSerializer):
    responsible_officer = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Person
        fields = ["crn", "first_name", "last_name", "date_of_birth", "gender", "rosh", "band",
                  "ogrs3_two_year", "responsible_officer", "restricted", "last_contact_on"]


class CaseDetailSerializer(CaseListSerializer):
    work_starts_at = LocalTimeField(read_only=True, allow_null=True)
    work_ends_at = LocalTimeField(read_only=True, allow_null=True)
    sentences = SentenceSerializer(many=True, read_only=True)
    registrations = RegistrationSerializer(many=True, read_only=True)
    local_authority = serializers.StringRelatedField(allow_null=True)

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "address", "postcode", "local_authority",
                  "phone", "employment_status", "work_starts_at", "work_ends_at", "dependants",
                  "childcare_responsibilities", "rosh_to", "rosh_assessed_on", "version",
                  "sentences", "registrations"]


class PersonalDetailsInput(serializers.Serializer):
    """A change to personal details; ``version`` is the one the client last read."""

    version = serializers.IntegerField(min_value=1)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    employment_status = serializers.ChoiceField(
        choices=Person._meta.get_field("employment_status").choices, required=False
    )
    work_starts_at = LocalTimeField(required=False, allow_null=True)
    work_ends_at = LocalTimeField(required=False, allow_null=True)
    dependants = serializers.IntegerField(min_value=0, max_value=30, required=False)
    childcare_responsibilities = serializers.BooleanField(required=False)

    def validate(self, attrs):
        starts, ends = attrs.get("work_starts_at"), attrs.get("work_ends_at")
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"work_ends_at": "Work must end after it starts."})
        return attrs
