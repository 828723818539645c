"""The studio's services over one database, as the web app holds them (``app.state.studio``)."""

from __future__ import annotations

from dataclasses import dataclass

from shopcast.catalog.service import CatalogService
from shopcast.config import Settings
from shopcast.persona.service import PersonaService
from shopcast.store import Database
from shopcast.studio.previews import PersonaPreviews
from shopcast.studio.renders import RenderQueue
from shopcast.studio.scripts import StudioScripts
from shopcast.studio.writers import ScriptWriter
from shopcast.writing.llm.base import LLM


@dataclass
class Studio:
    catalog: CatalogService
    personas: PersonaService
    previews: PersonaPreviews
    scripts: StudioScripts
    renders: RenderQueue

    @classmethod
    def open(cls, db: Database, settings: Settings, *, llm: LLM | None = None) -> Studio:
        """``llm``: the app's shared model, if it has one (else loaded on the first llm script)."""
        catalog = CatalogService(db, settings)
        personas = PersonaService(db)
        scripts = StudioScripts(db, catalog, personas, ScriptWriter(settings, llm))
        return cls(
            catalog=catalog,
            personas=personas,
            previews=PersonaPreviews(settings.home / "studio" / "previews", settings.models_dir),
            scripts=scripts,
            renders=RenderQueue(db, settings, scripts),
        )

    def close(self) -> None:
        self.renders.close()
