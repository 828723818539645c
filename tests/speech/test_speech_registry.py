"""The speech front door: errors that say what to do, defaults per language, model checks."""

from __future__ import annotations

import shutil

import pytest

from shopcast.errors import InvalidInputError, ModelMissingError
from shopcast.modelfiles.kokoro import MODEL_RELPATH, VOICES_DIR, VOICES_MANIFEST
from shopcast.speech.registry import default_voice, get_engine, supported_languages, synthesize

REQUIRED = {"en", "en-GB", "es", "fr", "it", "pt-BR", "hi", "ja", "zh", "ko", "id"}


def test_supported_languages_and_defaults():
    assert set(supported_languages()) == REQUIRED
    assert default_voice("en") == ("kokoro", "af_heart")
    assert default_voice("en-US", "male") == ("kokoro", "am_michael")
    assert default_voice("zh", "male") == ("kokoro", "zm_yunjian")
    assert default_voice("id") == ("kokoro", "ef_dora")
    with pytest.raises(InvalidInputError, match="supported languages: en, en-GB"):
        default_voice("tlh")
    with pytest.raises(InvalidInputError, match="gender"):
        default_voice("en", "robot")


def test_unsupported_language_lists_the_supported_ones(tmp_path):
    with pytest.raises(InvalidInputError) as err:
        synthesize("Sawasdee", engine="kokoro", voice="af_heart", language="th",
                   models_dir=tmp_path)  # fmt: skip
    for lang in REQUIRED:
        assert lang in str(err.value)


def test_empty_text_and_unknown_engine(tmp_path):
    with pytest.raises(InvalidInputError, match="empty"):
        synthesize("  ", engine="kokoro", voice="af_heart", language="en", models_dir=tmp_path)
    with pytest.raises(InvalidInputError, match="engines: kokoro, piper, espeak"):
        get_engine("festival", tmp_path)


@pytest.mark.slow
def test_unknown_voice_lists_the_languages_voices(speech_models):
    with pytest.raises(InvalidInputError) as err:
        synthesize("Hola", engine="kokoro", voice="af_heart", language="es",
                   models_dir=speech_models)  # fmt: skip
    assert "ef_dora" in str(err.value) and "em_alex" in str(err.value)
    assert "af_heart" in str(err.value)  # it names the voice it did not know
    with pytest.raises(InvalidInputError, match="speed"):
        synthesize("Hola", engine="kokoro", voice="ef_dora", language="es", speed=5,
                   models_dir=speech_models)  # fmt: skip


def test_missing_model_says_how_to_set_up(tmp_path):
    with pytest.raises(ModelMissingError, match="missing") as err:
        get_engine("kokoro", tmp_path)
    assert "models install" in str(err.value)


@pytest.mark.slow
def test_corrupt_model_or_voice_is_refused(speech_models, tmp_path):
    models = tmp_path / "models"
    (models / VOICES_DIR).mkdir(parents=True)
    model = models / MODEL_RELPATH
    model.write_bytes(b"not an onnx model")
    shutil.copy(speech_models / VOICES_MANIFEST, models / VOICES_MANIFEST)
    with pytest.raises(ModelMissingError, match="corrupt") as err:
        get_engine("kokoro", models)
    assert "models install" in str(err.value)
    # a good model with a damaged voice table: refused when that voice is first used
    model.unlink()
    model.symlink_to(speech_models / MODEL_RELPATH)
    (models / VOICES_DIR / "af_heart.bin").write_bytes(b"\0" * 1024)
    engine = get_engine("kokoro", models)
    with pytest.raises(ModelMissingError, match="af_heart.bin"):
        engine.synthesize("Hello.", voice="af_heart", language="en")
