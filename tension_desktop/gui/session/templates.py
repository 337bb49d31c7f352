"""The coach's own agenda templates, kept in QSettings (they belong to the coach, not a workshop)."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from tension_desktop.model.agenda import AgendaPhase, phases_from_json, phases_to_json
from tension_desktop.model.agenda_templates import template, template_names
from tension_desktop.model.validation import ValidationError, require_text

from ..qt import app_settings

KEY = "agenda/ownTemplates"
OWN_PREFIX = "My: "


class TemplateShelf:
    """Built-in templates plus the coach's own, by display name."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or app_settings()

    def _own(self) -> dict[str, str]:
        raw = self.settings.value(KEY, "{}")
        try:
            data = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            data = {}
        return data if isinstance(data, dict) else {}

    def names(self) -> list[str]:
        """Built-in names first, then the coach's own prefixed with 'My: '."""
        return template_names() + [OWN_PREFIX + n for n in sorted(self._own(), key=str.casefold)]

    def phases(self, name: str) -> list[AgendaPhase]:
        if name.startswith(OWN_PREFIX):
            own = self._own()
            key = name[len(OWN_PREFIX):]
            if key not in own:
                raise KeyError(f"There is no template called {key!r}.")
            return phases_from_json(own[key])
        return template(name)

    def save(self, name: str, phases: list[AgendaPhase]) -> str:
        """Save (or overwrite) an own template; returns its display name."""
        name = require_text("template name", name, max_length=80)
        if not phases:
            raise ValidationError("template", "an empty agenda cannot be saved")
        own = self._own()
        own[name] = phases_to_json(phases)
        self.settings.setValue(KEY, json.dumps(own, ensure_ascii=False))
        self.settings.sync()
        return OWN_PREFIX + name

    def remove(self, display_name: str) -> None:
        own = self._own()
        own.pop(display_name[len(OWN_PREFIX):], None)
        self.settings.setValue(KEY, json.dumps(own, ensure_ascii=False))
