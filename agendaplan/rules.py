"""Who may read and change a body's agenda plan, as named predicates (the object is the body).

- The governance team (and administrators) change the plan: add, edit, defer and withdraw
  items, and move them onto a meeting's agenda.
- Service leads and the body's members read it.
- People of other bodies see nothing: the plan of a body a person does not see
  (``cyp.rules.can_view_body``) is a 404 to them.
"""

import rules

from cyp.rules import can_view_body, is_governance_or_admin, is_member, is_staff_role

rules.add_perm("agendaplan.view_plan", (is_staff_role | is_member) & can_view_body)
rules.add_perm("agendaplan.change_plan", is_governance_or_admin & can_view_body)
