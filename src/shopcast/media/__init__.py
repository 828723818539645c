"""Encoding and files: ``mp4.Mp4Writer`` (H.264 + AAC on an encoder thread), subtitles
(SRT/VTT), thumbnails, ``probe``; ``media.live`` holds the live encoder and sinks."""
