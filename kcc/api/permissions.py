from rest_framework import permissions

from kcc import authz


class IsStaffMember(permissions.BasePermission):
    """Signed in as an employee of the municipality (a medewerker) or superuser."""

    message = "U moet ingelogd zijn als medewerker."

    def has_permission(self, request, view) -> bool:
        return authz.is_medewerker(request.user)


class ReadForStaffWriteWithModelPermission(permissions.DjangoModelPermissions):
    """Reading for every medewerker; writing with the model's add/change/delete permission."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": [],
        "OPTIONS": [],
        "HEAD": [],
    }

    def has_permission(self, request, view) -> bool:
        return IsStaffMember().has_permission(request, view) and super().has_permission(
            request, view
        )
