"""What a video made for an experiment carries: its experiment and variant ids, in the MP4's
metadata and in a side file next to it (``<stem>.experiment.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

EVENTS_NOTE = (
    "Send viewer events to POST /analytics/events with this experiment_id and variant_id: "
    "kind 'join' (or 'exposure') when playback starts, then product_click / add_to_cart as "
    "usual; show_id names where it plays. Links to the watch page carry link_query."
)


@dataclass(frozen=True)
class VariantTag:
    experiment_id: str
    variant_id: str
    label: str
    experiment_name: str
    product_sku: str
    market: str

    @property
    def link_query(self) -> str:
        """Appended to a watch-page link: the page tags the viewer's events with the variant."""
        return "?" + urlencode({"experiment": self.experiment_id, "variant": self.variant_id})

    def metadata(self) -> dict[str, str]:
        """MP4 metadata tags (readable with ffprobe or PyAV; kept by C2PA signing)."""
        return {
            "shopcast_experiment": self.experiment_id,
            "shopcast_variant": self.variant_id,
            "comment": (
                f"shopcast experiment {self.experiment_id} variant {self.label} ({self.variant_id})"
            ),
        }

    def side_file(self) -> str:
        return json.dumps(
            {
                "experiment_id": self.experiment_id,
                "variant_id": self.variant_id,
                "label": self.label,
                "experiment": self.experiment_name,
                "product": self.product_sku,
                "market": self.market,
                "link_query": self.link_query,
                "events": EVENTS_NOTE,
            },
            ensure_ascii=False,
            indent=2,
        )
