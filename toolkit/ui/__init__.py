"""Widgets of the workshop app. Notebooks call one of these: ``WorkshopApp.from_request()``."""

from .app import AlternativesApp, CompareApp, ObjectionApp, PlanApp, WorkshopApp

__all__ = ["AlternativesApp", "CompareApp", "ObjectionApp", "PlanApp", "WorkshopApp"]
