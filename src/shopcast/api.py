"""The Python API: the same operations as the CLI, for scripts and services.

from shopcast.api import Shopcast
sc = Shopcast()                      # settings from SHOPCAST_* environment variables
sc.import_sample_catalog()
[script] = sc.write_scripts("glow-serum", "mina", "ko-KR", length_s=30)
result = sc.render_video("glow-serum", "mina", "ko-KR", Path("ad.mp4"), script=script)
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from shopcast.catalog.models import Product
from shopcast.catalog.readiness import check_market
from shopcast.catalog.service import CatalogService, ImportReport
from shopcast.config import Settings, load_settings
from shopcast.consent.registry import ConsentRegistry
from shopcast.experiments.tags import VariantTag
from shopcast.markets.registry import get_market
from shopcast.markets.types import Market
from shopcast.persona.service import PersonaService
from shopcast.persona.types import Persona
from shopcast.provenance.signer import VideoSigner
from shopcast.store.db import Database, open_database
from shopcast.studio.writers import brief_embedder
from shopcast.video.job import ProgressFn, VideoResult, render_video
from shopcast.writing.generator import write_scripts
from shopcast.writing.llm import get_llm
from shopcast.writing.script import Script


class Shopcast:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.settings.ensure_dirs()

    @cached_property
    def db(self) -> Database:
        return open_database(self.settings)

    @cached_property
    def catalog(self) -> CatalogService:
        return CatalogService(self.db, self.settings)

    @cached_property
    def personas(self) -> PersonaService:
        return PersonaService(self.db)

    @cached_property
    def consents(self) -> ConsentRegistry:
        return ConsentRegistry(self.db, self.settings)

    @cached_property
    def video_signer(self) -> VideoSigner:
        return VideoSigner.from_settings(self.settings)

    # Catalog
    def import_catalog(self, path: Path) -> ImportReport:
        return self.catalog.import_file(path)

    def import_sample_catalog(self) -> ImportReport:
        return self.catalog.import_sample()

    def product(self, sku: str) -> Product:
        return self.catalog.get(sku)

    # Personas and markets
    def persona(self, name: str) -> Persona:
        return self.personas.get(name)

    def market(self, code: str) -> Market:
        return get_market(code)

    # Writing
    def write_scripts(
        self,
        product: str,
        persona: str,
        market: str,
        *,
        length_s: float = 30.0,
        brief: str | None = None,
        variants: int = 1,
        seed: int = 0,
    ) -> list[Script]:
        prod, mkt = self.product(product), self.market(market)
        check_market([prod], mkt).raise_if_blocked(f"no script for {prod.sku} can be written")
        return write_scripts(
            prod,
            self.persona(persona),
            mkt,
            length_s=length_s,
            brief=brief,
            variants=variants,
            llm=get_llm(self.settings),
            seed=seed,
            embedder=brief_embedder(),
        )

    # Video
    def render_video(
        self,
        product: str,
        persona: str,
        market: str,
        out: Path,
        *,
        aspect: str = "9:16",
        length_s: float = 30.0,
        brief: str | None = None,
        script: Script | None = None,
        seed: int = 0,
        preset: str = "veryfast",
        on_progress: ProgressFn | None = None,
        tag: VariantTag | None = None,
    ) -> VideoResult:
        """Render an MP4 (and its side files); ``tag``: the experiment variant it shows."""
        prod, pers, mkt = self.product(product), self.persona(persona), self.market(market)
        # on sale, priced in the market's currency, words in its language: else refuse now
        check_market([prod], mkt).raise_if_blocked(f"no video of {prod.sku} can be made")
        self.consents.require(pers, mkt.code, "video")  # a real likeness/voice needs consent
        signer = self.video_signer  # the C2PA identity is ready before any work starts
        if script is None:
            if on_progress:
                on_progress("script", 0, 1)
            script = write_scripts(
                prod,
                pers,
                mkt,
                length_s=length_s,
                brief=brief,
                llm=get_llm(self.settings),
                seed=seed,
                embedder=brief_embedder(),
            )[0]
            if on_progress:
                on_progress("script", 1, 1)
        return render_video(
            script,
            product=prod,
            persona=pers,
            market=mkt,
            out=out,
            aspect=aspect,
            models_dir=self.settings.models_dir,
            media_dir=self.settings.media_dir,
            provenance=signer,
            seed=seed,
            preset=preset,
            on_progress=on_progress,
            tag=tag,
        )
