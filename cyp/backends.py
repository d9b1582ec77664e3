"""Signing in with a username and password, without Django's model permissions.

cyp's permissions are rules (``rules.permissions.ObjectPermissionBackend``, the predicates in each app's
``rules.py``). Django's ``ModelBackend`` also answers every permission a rule refuses, by reading the
person's and their groups' model permissions: two queries on every page whose menu asks what the person
may do (about 3 ms of the dashboard's processor time). cyp grants nothing that way: administrators are
superusers (``User.has_perm`` answers for them before any backend), and the one permission given to a
person in the admin, the director's sign-off of the self-assessment, is read by the rule that needs it
(``selfassessment.rules.is_director``). So this backend signs people in exactly as ``ModelBackend`` does
(password check, inactive accounts refused) and grants no permission.
"""

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_all_permissions(self, user_obj, obj=None) -> set:
        return set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False
