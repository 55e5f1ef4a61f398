"""The legal procedures built on the petition core, registered by their rooms.

Feedback and recommendations are the core's own workflow. Complaints and denunciations live in
``thanthien.complaints`` and ``thanthien.denunciations``; each registers a ``Procedure`` in its
``AppConfig.ready()``, and the core's staff page, tracking page and documents ask the registry for what
is particular to the kind — so the core never imports the rooms above it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from thanthien.core.documents import OfficialDocument

from .models import Petition


@dataclass(frozen=True)
class Procedure:
    kind: str
    # (request, petition, forms) -> the kind's part of the staff page's context
    staff_context: Callable[..., dict]
    # (request, petition, action, forms) -> False when a form has errors; None when not its action
    staff_act: Callable[..., bool | None]
    # (petition) -> [(name, label)] of the documents the case has reached
    documents: Callable[[Petition], list[tuple[str, str]]]
    # (petition, name, base fields, day received) -> the document
    build_document: Callable[[Petition, str, dict, str], OfficialDocument]


_registry: dict[str, Procedure] = {}


def register(procedure: Procedure) -> None:
    _registry[procedure.kind] = procedure


def register_room(kind: str, *, views: ModuleType, documents: ModuleType) -> None:
    """Register the procedure of a room laid out as complaints and denunciations are: its
    ``views`` module has ``staff_context`` and ``staff_act``, its ``documents`` module
    ``available`` and ``build``."""
    register(
        Procedure(
            kind=kind,
            staff_context=views.staff_context,
            staff_act=views.staff_act,
            documents=documents.available,
            build_document=documents.build,
        )
    )


def procedure_for(kind: str) -> Procedure | None:
    return _registry.get(kind)
