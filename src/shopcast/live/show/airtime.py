"""On air or off air by the show's schedule, and when the next window opens (for the "back at
HH:MM" card). The clock is a parameter, so tests move time instead of waiting for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from shopcast.live.show.showfile import DAYS, Schedule


@dataclass(frozen=True)
class AirTime:
    on_air: bool
    back_at: datetime | None = None  # off air: the next window's start, in the show's zone

    @property
    def back_at_text(self) -> str | None:
        return f"{self.back_at:%H:%M}" if self.back_at is not None else None


def air_time(schedule: Schedule | None, when: datetime) -> AirTime:
    """Whether ``when`` (timezone-aware) is inside a window; off air, when the next one opens."""
    if schedule is None or schedule.on_air(when):
        return AirTime(on_air=True)
    return AirTime(on_air=False, back_at=next_window_start(schedule, when))


def next_window_start(schedule: Schedule, when: datetime) -> datetime | None:
    """The first window start after ``when`` within a week (None: no window ever opens)."""
    zone = ZoneInfo(schedule.timezone)
    local = when.astimezone(zone)
    best: datetime | None = None
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        weekday = DAYS[day.weekday()]
        for window in schedule.windows:
            if weekday not in window.days:
                continue
            start = datetime.combine(day, window.start, tzinfo=zone)
            if start > local and (best is None or start < best):
                best = start
        if best is not None:
            return best
    return best
