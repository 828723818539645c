"""Export benchmark: a 30 s 1080x1920 video from a ready script, and brief → MP4 with the LLM.

Prints wall and CPU time (all threads) and the ratio to real time for each job, the stages, and
render+encode fps beside encode-only fps measured in the same run (the same frames re-encoded
without rendering). Speech streams into the render, so the stages overlap: "speech" ends when the
last beat is spoken, "waiting for speech" is how long the renderer had nothing to render.

    .venv/bin/python bench/export.py [--market ko-KR] [--aspect 9:16] [--skip-llm] [--repeat 3]

``--persona-file bench/persona_piper_en.yaml`` stores that persona in the bench's home and
exports with it instead of ``--persona``: the way to time another voice engine (Piper) on the
same script without adding a built-in persona.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from shopcast.api import Shopcast
from shopcast.config import Settings
from shopcast.media.mp4 import Mp4Writer
from shopcast.writing.script import Beat, Script

console = Console()

READY_SCRIPTS = {
    "en-US": [
        ("hook", "Okay, this is the serum everyone keeps asking me about, so let's look closer."),
        (
            "demo",
            "It's a lightweight gel serum with hyaluronic acid and niacinamide, and it sinks "
            "in fast without any sticky feel.",
        ),
        (
            "proof",
            "The bottle holds thirty millilitres, and the dropper makes it easy to use just "
            "two or three drops each evening.",
        ),
        ("offer", "Right now it's on the card beside me, so you can check the price there."),
        ("cta", "Tap the card below to add it to your cart before today's stock runs out."),
    ],
}


def ready_script(sku: str, persona: str, market: str) -> Script:
    beats = [Beat.make(kind, text, "en") for kind, text in READY_SCRIPTS["en-US"]]
    return Script(
        product_sku=sku,
        persona=persona,
        market=market,
        language="en",
        length_target_s=30,
        beats=beats,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--product", default="glow-serum")
    ap.add_argument("--persona", default="mina")
    ap.add_argument("--persona-file", type=Path, help="persona YAML to store and use instead")
    ap.add_argument("--market", default="en-US")
    ap.add_argument("--aspect", default="9:16")
    ap.add_argument("--skip-llm", action="store_true")
    ap.add_argument("--preset", default="veryfast", help="x264 preset for the export")
    ap.add_argument("--repeat", type=int, default=1, help="ready-script exports to run")
    args = ap.parse_args()

    home = Path(tempfile.mkdtemp(prefix="shopcast-bench-"))
    settings = Settings(
        home=home,
        models=Path(os.environ.get("SHOPCAST_MODELS", Path.home() / ".shopcast" / "models")),
    )
    sc = Shopcast(settings)
    sc.import_sample_catalog()
    persona = args.persona
    if args.persona_file is not None:
        persona = sc.personas.create_from_yaml(args.persona_file).name
    voice = sc.persona(persona).markets[args.market].voice
    console.print(
        f"machine: {os.cpu_count()} cores, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; home {home}; persona {persona}, "
        f"voice {voice.engine} {voice.voice}"
    )

    rows = []
    script = ready_script(args.product, persona, args.market)
    for n in range(args.repeat):
        out = home / f"ready-{n}.mp4"
        t0, c0 = time.perf_counter(), _cpu()
        result = sc.render_video(
            args.product,
            persona,
            args.market,
            out,
            aspect=args.aspect,
            script=script,
            preset=args.preset,
        )
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        rows.append(("ready script → MP4", result.duration, wall, cpu, result.seconds))
    render_fps = result.frames / result.seconds["render+encode"]

    # Encode-only: the same number of frames, pre-rendered (first decoded frames reused).
    encode_fps = _encode_only_fps(out, result.frames)

    if not args.skip_llm:
        t0, c0 = time.perf_counter(), _cpu()
        res2 = sc.render_video(
            args.product,
            persona,
            args.market,
            home / "brief.mp4",
            aspect=args.aspect,
            length_s=30,
            brief="Evening routine for dry winter skin",
            on_progress=_stage_timer(stages := {}),
        )
        wall2, cpu2 = time.perf_counter() - t0, _cpu() - c0
        rows.append(("brief → MP4 (LLM)", res2.duration, wall2, cpu2, {**stages, **res2.seconds}))

    table = Table(
        title=f"Export benchmark ({args.aspect}, market {args.market}, x264 {args.preset})"
    )
    for col in ("job", "video s", "wall s", "× real time", "CPU s", "stages (s)"):
        table.add_column(col)
    for name, dur, w, cpu, stages in rows:
        table.add_row(
            name,
            f"{dur:.1f}",
            f"{w:.1f}",
            f"{w / dur:.2f}",
            f"{cpu:.1f}",
            ", ".join(f"{k} {v:.1f}" for k, v in stages.items()),
        )
    console.print(table)
    console.print(
        f"render+encode: {render_fps:.1f} fps; encode-only (same frames, same run): "
        f"{encode_fps:.1f} fps; real time needs 30 fps"
    )


def _cpu() -> float:
    """CPU seconds of this process so far, all threads (TTS, renderer, encoder, LLM)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _stage_timer(stages: dict[str, float]):
    started: dict[str, float] = {}

    def update(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        started.setdefault(stage, now)
        if done >= total:
            stages[stage] = now - started[stage]

    return update


def _encode_only_fps(video: Path, frames: int) -> float:
    import av

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        decoded = []
        for frame in container.decode(stream):
            decoded.append(frame.to_ndarray(format="rgba"))
            if len(decoded) >= 60:
                break
    h, w = decoded[0].shape[:2]
    tmp = video.with_name("encode-only.mp4")
    t0 = time.perf_counter()
    silence = np.zeros(800, dtype=np.float32)
    with Mp4Writer(tmp, width=w, height=h, fps=30) as writer:
        for i in range(frames):
            writer.write_frame(decoded[i % len(decoded)])
            writer.write_audio(silence)
    return frames / (time.perf_counter() - t0)


if __name__ == "__main__":
    main()
