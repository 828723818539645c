"""shopcast: AI virtual hosts for live commerce."""

import os

__version__ = "0.1.0"

# The bundled LLM (llama.cpp built with OpenMP) shares two cores with speech, rendering and
# encoding. With OpenMP's default wait policy its threads spin at every barrier, and a 30 s
# script took 95-223 s beside other work; passive waiting took 24-64 s in the same conditions
# (bench/script_speed.py, docs/benchmarks.md). Set before OpenMP starts; a user's own setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
