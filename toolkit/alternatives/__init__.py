"""Open alternatives: match platforms to what participants use and need (recommend), the view."""

from .recommend import NEEDS, RecommendError, invitation, recommend

__all__ = ["NEEDS", "RecommendError", "invitation", "recommend"]
