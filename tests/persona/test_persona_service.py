"""Personas: built-ins, YAML validation with file and field in errors, consent, replace."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shopcast.errors import InvalidInputError, NotFoundError
from shopcast.markets import list_markets
from shopcast.persona.service import PersonaService

REQUIRED_MARKETS = {
    "en-US",
    "en-GB",
    "ko-KR",
    "ja-JP",
    "zh-CN",
    "es-ES",
    "fr-FR",
    "it-IT",
    "pt-BR",
    "hi-IN",
    "id-ID",
}
EXPECTED_VOICES = {
    "mina": {
        "en-US": "af_heart",
        "ko-KR": "jf_alpha",
        "ja-JP": "jf_alpha",
        "zh-CN": "zf_xiaobei",
        "es-ES": "ef_dora",
        "id-ID": "ef_dora",
        "hi-IN": "hf_alpha",
        "en-GB": "bf_emma",
    },
    "jay": {
        "en-US": "am_michael",
        "ja-JP": "jm_kumo",
        "zh-CN": "zm_yunjian",
        "es-ES": "em_alex",
        "id-ID": "em_alex",
        "it-IT": "im_nicola",
        "pt-BR": "pm_alex",
        "hi-IN": "hm_omega",
    },
    "rosa": {
        "en-US": "af_bella",
        "fr-FR": "ff_siwis",
        "it-IT": "if_sara",
        "pt-BR": "pf_dora",
        "id-ID": "ef_dora",
    },
}
PACKS = {"mina": "seoul-glow", "jay": "street-studio", "rosa": "cosy-kitchen"}


def minimal(**overrides) -> dict:
    document = {
        "name": "nova",
        "display_name": "Nova",
        "personality": "calm and precise",
        "speaking_style": "short sentences",
        "markets": {
            "en-US": {
                "voice": {"engine": "kokoro", "voice": "af_sky"},
                "look": {"pack": "seoul-glow"},
            }
        },
    }
    document.update(overrides)
    return document


def write(tmp_path: Path, document, name: str = "nova.yaml") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else yaml.safe_dump(document))
    return path


def test_builtins_are_seeded_with_voices_and_packs(personas: PersonaService) -> None:
    listed = personas.list()
    assert [p.name for p in listed] == ["mina", "jay", "rosa"]
    for persona in listed:
        assert set(persona.markets) >= REQUIRED_MARKETS
        for market in persona.markets.values():
            assert market.voice.engine == "kokoro"
            assert market.look.pack == PACKS[persona.name]
            assert market.look.options == {}
        for code, voice in EXPECTED_VOICES[persona.name].items():
            assert persona.markets[code].voice.voice == voice, (persona.name, code)
    texts = {p.personality for p in listed} | {p.speaking_style for p in listed}
    assert len(texts) == 6  # each persona sounds like itself


def test_builtin_market_codes_are_known_markets(personas: PersonaService) -> None:
    known = {m.code for m in list_markets()}
    for persona in personas.list():
        assert set(persona.markets) <= known


def test_create_get_and_replace(personas: PersonaService, tmp_path: Path) -> None:
    created = personas.create_from_yaml(write(tmp_path, minimal()))
    assert personas.get("nova") == created
    with pytest.raises(InvalidInputError, match="already exists") as caught:
        personas.create_from_yaml(write(tmp_path, minimal()))
    assert "--replace" in (caught.value.hint or "")
    personas.create_from_yaml(write(tmp_path, minimal(display_name="Nova 2")), replace=True)
    assert personas.get("nova").display_name == "Nova 2"
    assert personas.names() == ["mina", "jay", "rosa", "nova"]


def test_unknown_persona_lists_names(personas: PersonaService) -> None:
    with pytest.raises(NotFoundError, match="Available personas: mina, jay, rosa"):
        personas.get("zed")


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (minimal(display_name=None), "field 'display_name'"),
        ({k: v for k, v in minimal().items() if k != "personality"}, "field 'personality'"),
        (minimal(name="Bad Name"), "field 'name'"),
        (
            minimal(
                markets={"en-US": {"voice": {"voice": "af_sky", "speed": 5}, "look": {"pack": "x"}}}
            ),
            "field 'markets.en-US.voice.speed'",
        ),
        (
            minimal(markets={"xx-YY": {"voice": {"voice": "af_sky"}, "look": {"pack": "x"}}}),
            "field 'markets.xx-YY': unknown market",
        ),
        (
            minimal(
                markets={
                    "en-US": {"voice": {"engine": "siri", "voice": "a"}, "look": {"pack": "x"}}
                }
            ),
            "field 'markets.en-US.voice.engine'",
        ),
        (minimal(markets={}), "field 'markets'"),
        ("name: [unclosed", "not valid YAML (line 1"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_yaml_errors_name_file_and_field(
    personas: PersonaService, tmp_path: Path, document, expected: str
) -> None:
    path = write(tmp_path, document)
    with pytest.raises(InvalidInputError) as caught:
        personas.create_from_yaml(path)
    assert str(path) in caught.value.message
    assert expected in caught.value.message


def test_real_likeness_requires_consent(personas: PersonaService, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="consent"):
        personas.create_from_yaml(write(tmp_path, minimal(real_likeness=True)))
    consent = {
        "subject": "Jane Doe",
        "scope": "video and live, voice and face",
        "markets": ["en-US"],
        "expires": "2027-12-31",
        "document": "contracts/jane.pdf",
    }
    persona = personas.create_from_yaml(
        write(tmp_path, minimal(real_likeness=True, consent=consent))
    )
    assert persona.consent is not None and persona.consent.subject == "Jane Doe"


def test_missing_file(personas: PersonaService, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="not found"):
        personas.create_from_yaml(tmp_path / "nope.yaml")
