from rest_framework import viewsets


class CaseViewSet(viewsets.ViewSet):
    pass
