"""What happened in a plan that someone may want to hear of: signals the apps that do
things send, and apps above them (notifications) listen to, so no lower app imports the
listener (docs/adr/0028-notifications.md).

Each is sent inside the transaction that made the change, so a listener's writes commit or
roll back with it. `backdated` is True when the change was loaded with its own past time
(the demo, a council's earlier records): nobody is to be told of it now.
"""

from __future__ import annotations

from django.dispatch import Signal

# challenge: monitoring.Challenge
question_asked = Signal()
# answer: monitoring.Answer
question_answered = Signal()
# record: plans.ProgressRecord of source PROPOSAL
completion_proposed = Signal()
# record: plans.ProgressRecord of source SIGN_OFF or RETURN
completion_decided = Signal()
# action_party: a new plans.ActionParty (a lead or a partner added to an action)
party_assigned = Signal()
# paper: reports.Paper, just issued
paper_issued = Signal()
