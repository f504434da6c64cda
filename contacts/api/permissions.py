from rest_framework import permissions

from kcc.api.permissions import IsStaffMember


class ModelPermissionsWithView(permissions.DjangoModelPermissions):
    """Personal data: reading needs the model's view permission, writing add/change."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view) -> bool:
        return IsStaffMember().has_permission(request, view) and super().has_permission(
            request, view
        )


class CanChangeContactverzoek(permissions.BasePermission):
    """Claiming and completing a contactverzoek is a change (backoffice)."""

    message = "U mag contactverzoeken niet behandelen."

    def has_permission(self, request, view) -> bool:
        return IsStaffMember().has_permission(request, view) and request.user.has_perm(
            "contacts.change_contactverzoek"
        )
