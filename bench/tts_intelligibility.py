"""TTS intelligibility and speed: synthesize live-commerce lines, transcribe them with Whisper base,
print the character error rate (CER) per language and the real-time factor (RTF) per engine.

    SHOPCAST_MODELS=/root/.shopcast-models .venv/bin/python bench/tts_intelligibility.py

CER normalisation: NFKC, lower case, punctuation and whitespace removed. For Japanese the
"reading" column compares katakana readings (pyopenjtalk) of reference and transcript, so kana vs
kanji spelling choices of Whisper do not count as errors; for Chinese it compares toneless pinyin
syllables (pypinyin), so traditional vs simplified characters and homophones do not count. For
Hindi it compares consonant skeletons, because Whisper base writes Hindi speech in Urdu script
(and Urdu omits short vowels): Devanagari and Urdu letters map to shared consonant classes,
vowels, aspiration, nukta and the ambiguous v/y letters drop out. The raw character CER is
always printed beside it.
"""

from __future__ import annotations

import argparse
import os
import time
import unicodedata
from pathlib import Path

from rich.console import Console
from rich.table import Table

from shopcast.config import load_settings
from shopcast.speech.registry import default_voice, get_engine
from shopcast.speech.transcribe import transcribe

SENTENCES: dict[str, list[str]] = {
    "en": [
        "Welcome back, everyone! Today this waterproof jacket is 30% off.",
        "It comes in navy, olive and black, and every size is still in stock.",
        "Tap the yellow basket below before the deal ends at midnight.",
    ],
    "en-GB": [
        "Good evening, lovely people, and welcome to tonight's live sale.",
        "This wool scarf is soft, warm and made in Scotland.",
        "Only a few are left, so pop one in your basket now.",
    ],
    "ja": [
        "皆さん、こんばんは！今日のライブへようこそ。",
        "このバッグはとても軽くて、毎日の通勤にぴったりです。",
        "数量限定なので、お早めにカートに入れてくださいね。",
    ],
    "zh": [
        "大家好，欢迎来到今天的直播间！",
        "这款保温杯可以保温十二个小时，非常适合冬天使用。",
        "库存不多了，喜欢的朋友赶快下单吧！",
    ],
    "es": [
        "¡Hola a todos y bienvenidos a nuestra transmisión en vivo!",
        "Esta chaqueta es impermeable y muy ligera, perfecta para viajar.",
        "Hoy tiene un descuento especial, así que no lo dejes pasar.",
    ],
    "fr": [
        "Bonsoir à tous et bienvenue dans notre vente en direct !",
        "Ce sac en cuir est élégant, solide et très pratique au quotidien.",
        "Il en reste très peu, alors ajoutez-le vite à votre panier.",
    ],
    "it": [
        "Ciao a tutti e benvenuti alla nostra diretta di stasera!",
        "Questa borsa è leggera, elegante e perfetta per ogni giorno.",
        "Oggi c'è uno sconto speciale, quindi non perdete l'occasione.",
    ],
    "pt-BR": [
        "Olá, pessoal, sejam bem-vindos à nossa live de hoje!",
        "Este tênis é leve, confortável e perfeito para correr.",
        "O estoque está acabando, então garanta o seu agora mesmo.",
    ],
    "hi": [
        "नमस्ते दोस्तों, आज के लाइव शो में आपका स्वागत है।",
        "यह बैग बहुत हल्का है और रोज़ के इस्तेमाल के लिए बढ़िया है।",
        "स्टॉक कम है, इसलिए जल्दी से ऑर्डर कर लीजिए।",
    ],
    "ko": [
        "여러분 안녕하세요, 오늘 라이브 방송에 오신 것을 환영합니다!",
        "이 가방은 아주 가볍고 매일 들고 다니기 좋아요.",
        "재고가 얼마 남지 않았으니 서둘러 주문하세요.",
    ],
    "id": [
        "Halo semuanya, selamat datang di siaran langsung kami hari ini!",
        "Tas ini sangat ringan dan cocok untuk dipakai setiap hari.",
        "Stoknya tinggal sedikit, jadi segera pesan sekarang juga.",
    ],
}
TARGET = {"en": 0.10, "ja": 0.10, "zh": 0.10, "es": 0.10, "fr": 0.10, "it": 0.10,
          "pt-BR": 0.10, "hi": 0.10}  # fmt: skip


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    kept = [c for c in text if not unicodedata.category(c).startswith(("P", "S"))]
    return " ".join("".join(kept).split())


def _chars(text: str, language: str) -> list[str]:
    text = normalize(text)
    if language in ("ja", "zh"):
        return [c for c in text if not c.isspace()]
    return list(text)


_SKELETON: dict[str, str] = {}
for _cls, _letters in {
    "k": "कखक़ख़کخقcqx", "g": "गघग़گغ", "n": "ङञणनंँںن", "c": "चछچ", "j": "जझज़جزذضظژz",
    "t": "टठतथٹتطث", "d": "डढदधड़ढ़ڈدڑ", "p": "पफफ़پفf", "b": "बभب", "m": "मمm", "r": "रرr",
    "l": "लلl", "s": "शषसسشص", "h": "हہۂحh",
}.items():  # fmt: skip
    for _ch in _letters:
        _SKELETON[_ch] = _cls
for _ch in "bdgjklmnprst":
    _SKELETON.setdefault(_ch, _ch)


def _hindi_skeleton(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", normalize(text)).replace("\u093c", "")
    return [_SKELETON[c] for c in text if c in _SKELETON]


def _reading(text: str, language: str) -> list[str]:
    if language == "hi":
        return _hindi_skeleton(text)
    if language == "ja":
        import pyopenjtalk

        # setup installs no Sudachi dictionary (the speech front-end does not need one)
        kana = pyopenjtalk.g2p(normalize(text), kana=True, use_sudachi_kanji_yomi=False)
        return [c for c in kana if not c.isspace()]
    if language == "zh":
        from pypinyin import lazy_pinyin

        return [s for s in lazy_pinyin(normalize(text)) if s.strip()]
    return _chars(text, language)


def edit_distance(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def _rate(pairs: list[tuple[list[str], list[str]]]) -> float:
    return sum(edit_distance(r, h) for r, h in pairs) / max(1, sum(len(r) for r, _ in pairs))


def run(models_dir: Path, languages: list[str], show: bool, console: Console) -> None:
    rows, speed = [], {}
    for lang in languages:
        engine_name, voice = default_voice(lang)
        engine = get_engine(engine_name, models_dir)
        engine.synthesize("Hi.", voice=voice, language=lang)  # load the front-end once
        raw, read = [], []
        for sentence in SENTENCES[lang]:
            speech = _timed(engine, sentence, voice, lang, speed.setdefault(engine_name, [0, 0, 0]))
            heard = transcribe(speech.samples, speech.sample_rate, lang, models_dir).text
            if show:
                console.print(f"[dim]{lang}[/dim] {sentence}\n    → {heard}")
            raw.append((_chars(sentence, lang), _chars(heard, lang)))
            read.append((_reading(sentence, lang), _reading(heard, lang)))
        cer_raw, cer_read = _rate(raw), _rate(read)
        target = TARGET.get(lang)
        verdict = "report" if target is None else ("ok" if cer_read <= target else "MISSED")
        rows.append((lang, f"{engine_name}/{voice}", cer_raw, cer_read, verdict))
    table = Table(title="TTS → Whisper base round trip (CER, lower is better)")
    for col in ("language", "engine/voice", "CER raw", "CER normalised", "target ≤10%"):
        table.add_column(col)
    for lang, ev, cer_raw, cer_read, verdict in rows:
        table.add_row(lang, ev, f"{cer_raw:.1%}", f"{cer_read:.1%}", verdict)
    console.print(table)
    _speed_table(models_dir, speed, console)


def _speed_table(models_dir: Path, speed: dict[str, list[float]], console: Console) -> None:
    extra = {"piper": ("en", "en_US-joe-medium"), "espeak": ("en", "f3")}
    for name, (lang, voice) in extra.items():
        engine = get_engine(name, models_dir)
        engine.synthesize("Hi.", voice=voice, language=lang)
        for sentence in SENTENCES["en"]:
            _timed(engine, sentence, voice, lang, speed.setdefault(name, [0, 0, 0]))
    table = Table(title="TTS speed (RTF = synthesis time / audio time; CPU = process CPU time)")
    for col in ("engine", "audio s", "wall s", "RTF (wall)", "CPU s / audio s"):
        table.add_column(col)
    for name, (wall, cpu, audio) in speed.items():
        table.add_row(
            name, f"{audio:.1f}", f"{wall:.2f}", f"{wall / audio:.3f}", f"{cpu / audio:.3f}"
        )
    console.print(table)
    console.print(
        f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine "
        "inflates wall-clock RTF; the CPU column is less sensitive to it)"
    )


def _timed(engine, text: str, voice: str, language: str, total: list[float]):
    """Synthesize once, adding wall time, CPU time and audio seconds to ``total``."""
    wall, cpu = time.perf_counter(), time.process_time()
    speech = engine.synthesize(text, voice=voice, language=language)
    total[0] += time.perf_counter() - wall
    total[1] += time.process_time() - cpu
    total[2] += speech.duration
    return speech


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", nargs="*", default=list(SENTENCES))
    parser.add_argument("--show", action="store_true", help="print each transcript")
    args = parser.parse_args()
    console = Console()
    models_dir = load_settings().models_dir
    console.print(
        f"machine: {os.cpu_count()} CPU cores; Kokoro/Piper ONNX sessions use 2 threads; "
        f"models: {models_dir}"
    )
    run(models_dir, args.languages, args.show, console)


if __name__ == "__main__":
    main()
