"""A fixed six-phase agenda, so the run-mode tests do not depend on the demo's template."""

from tension_desktop.model import AgendaPhase
from tension_desktop.store import session

FIXED_AGENDA = [
    AgendaPhase(title="Opening: frame and round", minutes=15, exercise="opening",
                prompts=("We are not here to decide whether to innovate or protect reliability, "
                         "but how to do both responsibly.",)),
    AgendaPhase(title="Tension map", minutes=20, exercise="tension_map", prompts=("Place each initiative.",)),
    AgendaPhase(title="Three-column board", minutes=15, exercise="board", prompts=("Protect, flex, evidence?",)),
    AgendaPhase(title="Pre-mortem", minutes=10, exercise="premortem", prompts=("It failed. Why?",)),
    AgendaPhase(title="Covenant", minutes=10, exercise="covenant", prompts=("One metric, one owner.",)),
    AgendaPhase(title="Close: commitments", minutes=20, exercise="closing", prompts=("Three commitments.",)),
]


def use_fixed_agenda(lib, workshop_id: int) -> None:
    session.replace_phases(lib, workshop_id, FIXED_AGENDA)
