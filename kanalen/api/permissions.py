from rest_framework import permissions


class CanDeliverEmail(permissions.BasePermission):
    """An account (a person or the mail gateway) with kanalen.add_inkomendeemail."""

    message = "U heeft geen recht om e-mail af te leveren (kanalen.add_inkomendeemail)."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_active
            and user.has_perm("kanalen.add_inkomendeemail")
        )
