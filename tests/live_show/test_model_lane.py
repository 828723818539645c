"""The model lane with real threads: a slow model answer never holds anything else, every job
is delivered exactly once (the model's answer in time, else its fallback at the deadline)."""

from __future__ import annotations

import threading
import time

from shopcast.live.show.model_lane import ModelLane


def test_an_answer_in_time_is_delivered_and_a_slow_one_gets_its_fallback() -> None:
    release = threading.Event()
    delivered: list[tuple[str, str, bool]] = []
    done = threading.Event()

    def write(job: str, left: float) -> str:
        assert left > 0
        if job == "slow":
            release.wait(5.0)
        return f"model: {job}"

    def deliver(job: str, answer: str, in_time: bool) -> None:
        delivered.append((job, answer, in_time))
        if len(delivered) == 2:
            done.set()

    lane: ModelLane[str, str] = ModelLane(write, deliver, deadline_s=0.3).start()
    try:
        assert lane.submit("fast", "safe: fast")
        deadline = time.monotonic() + 3
        while not delivered and time.monotonic() < deadline:
            time.sleep(0.01)
        assert delivered == [("fast", "model: fast", True)]
        assert lane.submit("slow", "safe: slow")
        time.sleep(0.1)
        assert lane.expire() == 0  # not due yet
        time.sleep(0.3)
        assert lane.expire() == 1  # past its deadline: the fallback, now
        assert done.wait(1.0)
        assert delivered[1] == ("slow", "safe: slow", False)
        release.set()  # the model finishes late: its answer is dropped, nothing twice
        time.sleep(0.2)
        assert len(delivered) == 2
        assert lane.counts["late"] == 1 and lane.counts["in_time"] == 1
    finally:
        release.set()
        lane.stop()


def test_a_full_lane_refuses_and_a_stopped_lane_gives_waiting_jobs_their_fallback() -> None:
    release = threading.Event()
    delivered: list[tuple[str, str, bool]] = []

    def write(job: str, left: float) -> str:
        release.wait(5.0)
        return f"model: {job}"

    lane: ModelLane[str, str] = ModelLane(
        write, lambda j, a, t: delivered.append((j, a, t)), deadline_s=10.0, capacity=2
    ).start()
    try:
        assert lane.submit("one", "safe 1")
        assert lane.submit("two", "safe 2")
        assert not lane.submit("three", "safe 3")  # the caller says its fallback itself
        assert lane.counts["refused"] == 1
        time.sleep(0.1)
        lane.stop(0.1)
        assert ("two", "safe 2", False) in delivered
    finally:
        release.set()


def test_a_model_that_fails_gets_the_fallback() -> None:
    delivered: list[tuple[str, str, bool]] = []

    def write(job: str, left: float) -> str:
        raise RuntimeError("context overflow")

    lane: ModelLane[str, str] = ModelLane(
        write, lambda j, a, t: delivered.append((j, a, t)), deadline_s=5.0
    ).start()
    try:
        lane.submit("q", "safe")
        deadline = time.monotonic() + 3
        while not delivered and time.monotonic() < deadline:
            time.sleep(0.01)
        assert delivered == [("q", "safe", False)]
        assert lane.counts["failed"] == 1 and "context overflow" in lane.errors[0]
    finally:
        lane.stop()
