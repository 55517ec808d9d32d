"""Open alternatives: match platforms to what participants use and need, labels, messages."""

from .messages import GroupMove, MessageError, MoveMessage, invitation, plan_group_move
from .recommend import NEEDS, RecommendError, recommend
from .servers import ServerChoice, server_choice
from .text import comparison, facts, label, natural_list

__all__ = [
    "NEEDS",
    "GroupMove",
    "MessageError",
    "MoveMessage",
    "RecommendError",
    "ServerChoice",
    "comparison",
    "facts",
    "invitation",
    "label",
    "natural_list",
    "plan_group_move",
    "recommend",
    "server_choice",
]
