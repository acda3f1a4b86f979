"""Child processes that end with their parent: a worker whose parent is killed never lingers."""
from __future__ import annotations

import os
import signal
import threading
import time


def die_with_parent() -> None:
    """A worker whose parent is killed (SIGKILL leaves no chance to stop the pool) ends too, never lingers."""
    try:  # Linux: the kernel sends the signal the moment the parent dies
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    parent = os.getppid()

    def watch() -> None:  # elsewhere (and if the parent died before prctl): poll for being orphaned
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)
    threading.Thread(target=watch, name="guildgraph-parent-watch", daemon=True).start()
