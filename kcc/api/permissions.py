from rest_framework import permissions


class IsStaffMember(permissions.BasePermission):
    """Signed in as an employee of the municipality (a medewerker) or superuser."""

    message = "U moet ingelogd zijn als medewerker."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        return user.is_superuser or hasattr(user, "medewerker")


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


class CanRequeueBericht(permissions.BasePermission):
    message = "U mag berichten niet opnieuw versturen."

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("kcc.requeue_bericht")
