"""Show files: valid ones load, bad ones are refused with the file and the place named."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.live.show.showfile import ProductSegment, QaBreak, load_show_file, parse_show

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shows"
BASE = {
    "show": "s1",
    "persona": "mina",
    "market": "en-US",
    "rundown": [{"product": "glow-serum"}, {"qa": {"seconds": 30}}],
}


def test_examples_load() -> None:
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert files
    for path in files:
        show = load_show_file(path)
        assert show.products


def test_rundown_items_are_products_or_qa_breaks() -> None:
    show = parse_show(BASE, "t")
    assert isinstance(show.rundown[0], ProductSegment)
    assert isinstance(show.rundown[1], QaBreak)
    assert show.rundown[0].segments == ["hook", "demo", "proof", "offer", "cta"]
    assert show.frame_size == (720, 1280) and show.aspect == "9:16"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"rundown": [{"product": "glow-serum", "deal": {"price": -1}}]},
            "field 'rundown.0.deal.price'",
        ),
        ({"rundown": [{"qa": {"seconds": 1}}, {"product": "x"}]}, "field 'rundown.0.qa.seconds'"),
        ({"rundown": [{"product": "x", "segments": ["intro"]}]}, "field 'rundown.0.segments.0'"),
        ({"rundown": [{"qa": {"seconds": 30}}]}, "needs at least one product segment"),
        ({"size": "700x1280"}, "9:16"),
        ({"outputs": {"rtmp": ["http://example.com/live"]}}, "not an RTMP URL"),
        ({"colour": "red"}, "field 'colour'"),
        ({"show": "Bad Name!"}, "field 'show'"),
        (
            {
                "schedule": {
                    "timezone": "Mars/Olympus",
                    "windows": [{"from": "09:00", "to": "17:00"}],
                }
            },
            "unknown time zone",
        ),
    ],
)
def test_bad_show_names_the_place(change: dict, expected: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        parse_show({**BASE, **change}, "shows/bad.yaml")
    assert "shows/bad.yaml" in err.value.message
    assert expected in err.value.message


def test_bad_yaml_names_line(tmp_path: Path) -> None:
    path = tmp_path / "show.yaml"
    path.write_text("show: s1\nrundown: [\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"show.yaml: not valid YAML \(line"):
        load_show_file(path)
    with pytest.raises(NotFoundError):
        load_show_file(tmp_path / "missing.yaml")


def test_schedule_windows_cross_midnight() -> None:
    from datetime import UTC, datetime

    show = parse_show(
        {
            **BASE,
            "schedule": {
                "timezone": "Asia/Seoul",
                "windows": [{"days": ["fri"], "from": "20:00", "to": "02:00"}],
            },
        },
        "t",
    )
    assert show.schedule is not None
    # Friday 2026-11-27 22:00 KST = 13:00 UTC: on air; 03:00 KST Saturday: off air.
    assert show.schedule.on_air(datetime(2026, 11, 27, 13, 0, tzinfo=UTC))
    assert not show.schedule.on_air(datetime(2026, 11, 27, 18, 0, tzinfo=UTC))
    assert not show.schedule.on_air(datetime(2026, 11, 26, 13, 0, tzinfo=UTC))  # Thursday
