"""Progress on a terminal for work that takes more than a second: a bar with the rate and the time left."""
from __future__ import annotations

import contextlib
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """`progress(done, total)` redraws one line on `stream` (a terminal only, after `delay` seconds, at most ten
    times a second); `finish()` ends the line. Quick work and piped output show nothing."""

    def __init__(self, label: str, unit: str, stream: TextIO | None = None, *, delay: float = 1.0,
                 enabled: bool | None = None, clock=time.monotonic):
        self.label, self.unit, self.stream = label, unit, stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.delay, self.clock = delay, clock
        self.started = clock()
        self.drawn_at: float | None = None
        self.counted: tuple[int, int] | None = None  # the last (done, total), once work reports steps

    def line(self, done: int, total: int, elapsed: float, width: int = 80) -> str:
        rate = done / elapsed if elapsed > 0 else 0.0
        left = f"{_duration((total - done) / rate)} left" if rate > 0 and done < total else _duration(elapsed)
        tail = f" {done}/{total} {rate:.1f} {self.unit}/s {left}"
        room = max(10, width - len(self.label) - len(tail) - 4)
        filled = room * done // total if total else room
        return f"{self.label} [{'#' * filled}{'-' * (room - filled)}]{tail}"

    def __call__(self, done: int, total: int) -> None:
        self.counted = (done, total)
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < self.delay or (self.drawn_at is not None and now - self.drawn_at < 0.1
                                                and done < total):
            return
        self.drawn_at = now
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r" + self.line(done, total, now - self.started, width))
        self.stream.flush()

    def finish(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn_at = None

    @contextlib.contextmanager
    def working(self) -> Iterator[Progress]:
        """For work that cannot count its steps: the time it has taken, redrawn twice a second after `delay`;
        a step counted meanwhile (`progress(done, total)`) takes over the line."""
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(0.5):
                if self.enabled and self.clock() - self.started >= self.delay and self.counted is None:
                    self.drawn_at = self.clock()
                    self.stream.write(f"\r{self.label} ... {_duration(self.drawn_at - self.started)}")
                    self.stream.flush()
        ticker = threading.Thread(target=tick, name="guildgraph-progress", daemon=True)
        ticker.start()
        try:
            yield self
        finally:
            stop.set()
            ticker.join()
            self.finish()
