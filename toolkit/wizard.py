"""A multi-step flow as a model with explicit step states (no widgets).

Modelled on AiiDAlab's `WizardAppWidget`: every step is in one state, and Back/Next follow
from the states. A step is INIT while an earlier step is not configured, READY when it can be
filled in, CONFIGURED when its fields pass validation, and the last step (the result) is
SUCCESS or FAIL once it was made. Next is refused while the shown step has errors; the errors
are then all of the shown step's, never of a hidden one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from traitlets import Dict, HasTraits, Int, List, observe


class State(enum.Enum):
    """The state of one step."""

    INIT = "init"
    READY = "ready"
    CONFIGURED = "configured"
    SUCCESS = "success"
    FAIL = "fail"


class Wizard(HasTraits):
    """Which step is shown, the errors of that step, and each step's state.

    `validate(step)` returns ``{field: error}`` for the fields of `step` (empty when it is fine).
    `finish()` makes the result when the last step is entered; it may raise `StepError` to send
    the participant back to the step that owns the failing field.
    """

    current = Int(0)
    errors = Dict()  # field -> error, of the shown step only
    states = List()  # one State per step, recomputed after every move

    def __init__(
        self,
        steps: tuple[str, ...],
        validate: Callable[[str], dict[str, Any]],
        finish: Callable[[], Any],
    ) -> None:
        super().__init__()
        self.steps = steps
        self._validate = validate
        self._finish = finish
        self._result_state = State.INIT
        self.refresh()

    @property
    def step(self) -> str:
        """The name of the shown step."""
        return self.steps[self.current]

    @property
    def can_back(self) -> bool:
        """True unless the first step is shown."""
        return self.current > 0

    @property
    def can_next(self) -> bool:
        """True unless the last step is shown."""
        return self.current < len(self.steps) - 1

    def next(self) -> bool:
        """Go on if the shown step is complete; otherwise mark all of its errors and stay."""
        if not self.can_next:
            return False
        errors = self._validate(self.step)
        if errors:
            self.errors = errors
            self.refresh()
            return False
        return self.go(self.current + 1)

    def back(self) -> None:
        """Go back one step (always allowed; nothing is lost)."""
        if self.can_back:
            self.errors = {}
            self.current -= 1

    def go(self, index: int) -> bool:
        """Show step `index` if every step before it is configured; True if it is shown."""
        index = max(0, min(index, len(self.steps) - 1))
        for earlier in range(index):
            errors = self._validate(self.steps[earlier])
            if errors:
                self.errors = errors
                self.current = earlier
                return False
        self.errors = {}
        if index == len(self.steps) - 1:
            try:
                self._finish()
            except StepError as error:
                self._result_state = State.FAIL
                self.errors = error.errors
                self.current = self.steps.index(error.step) if error.step in self.steps else 0
                return False
            self._result_state = State.SUCCESS
        self.current = index
        self.refresh()
        return True

    def restart(self) -> None:
        """Back to the first step, with no errors."""
        self.errors = {}
        self._result_state = State.INIT
        self.current = 0
        self.refresh()

    @observe("current")
    def _moved(self, _change: dict) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute every step's state from the validation (after a move or an edit)."""
        states: list[State] = []
        reachable = True
        for index, name in enumerate(self.steps):
            if index == len(self.steps) - 1:
                states.append(self._result_state if reachable else State.INIT)
                continue
            if not reachable:
                states.append(State.INIT)
                continue
            configured = not self._validate(name)
            states.append(State.CONFIGURED if configured else State.READY)
            reachable = configured
        self.states = states


class StepError(Exception):
    """The result could not be made: `errors` belong to the fields of `step`."""

    def __init__(self, step: str, errors: dict[str, Any]) -> None:
        super().__init__(f"{step}: {', '.join(errors)}")
        self.step, self.errors = step, errors
