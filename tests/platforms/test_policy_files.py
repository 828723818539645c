"""A policy file with errors is refused with a message that names the file, the place and the
problem; the shipped file itself is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcast.errors import InvalidInputError
from shopcast.platforms import MODES, PolicyGuard, load_policies
from shopcast.platforms.policy import parse_policy_file

GOOD_TIKTOK = """\
version: 1
destinations:
  tiktok:
    name: TikTok Shop LIVE
    modes: [copilot, human]
"""


def test_shipped_policies_cover_every_destination_kind() -> None:
    policies, sources = load_policies(None)
    assert sources == ["policies.yaml (shipped)"]
    assert set(policies.destinations) == {"tiktok", "youtube", "douyin", "own_page", "rtmp"}
    for policy in policies.destinations.values():
        assert set(policy.modes) <= set(MODES) and policy.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD_TIKTOK + "    markets:\n      en-US:\n        modes: [human, auto]\n",
            "policies.yaml: destinations.tiktok.markets.en-US.modes[1]: "
            "'auto' is not one of autonomous, copilot, human",
        ),
        (GOOD_TIKTOK + "    simulcats: false\n", "destinations.tiktok.simulcats: unknown field"),
        (
            GOOD_TIKTOK + "    markets:\n      xx-YY:\n        modes: [human]\n",
            "destinations.tiktok.markets: unknown market 'xx-YY'",
        ),
        (
            GOOD_TIKTOK + "    label_required: sometimes\n",
            "destinations.tiktok.label_required: Input should be a valid boolean",
        ),
        (
            "version: 1\ndestinations:\n  youtube:\n    modes: [human]\n",
            "destinations.youtube.name: required field is missing",
        ),
        (
            "version: 1\ndestinations:\n  youtube:\n    name: YouTube\n    modes: []\n",
            "destinations.youtube.modes: List should have at least 1 item",
        ),
        ("version: 2\ndestinations: {}\n", "version: 2 is not one of 1"),
        (
            "version: 1\ndestinations:\n  TikTok!:\n    name: x\n    modes: [human]\n",
            "destination name 'TikTok!'",
        ),
        ("version: 1\ndestinations:\n  tiktok: [\n", "not valid YAML (line 4, column 1)"),
        ("- just\n- a list\n", "a mapping with 'version: 1'"),
    ],
)
def test_bad_files_name_the_place(text: str, expected: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_policy_file(text, "policies.yaml")
    assert caught.value.message.startswith("policies.yaml: ")
    assert expected in caught.value.message


def test_a_bad_override_is_refused_before_going_live(_isolated_home: Path) -> None:
    override = _isolated_home / "platforms" / "policies.yaml"
    override.parent.mkdir(parents=True)
    override.write_text(
        GOOD_TIKTOK.replace("[copilot, human]", "[copilot, humans]"), encoding="utf-8"
    )
    with pytest.raises(InvalidInputError) as caught:
        PolicyGuard.load(_isolated_home)
    assert str(override) in caught.value.message
    assert "destinations.tiktok.modes[1]: 'humans' is not one of" in caught.value.message
