"""Live shows: the show file, the rundown, the runner that streams the host, and the registry
of shows running in this process."""

from shopcast.live.show.showfile import ShowFile, load_show_file, parse_show

__all__ = ["ShowFile", "load_show_file", "parse_show"]
