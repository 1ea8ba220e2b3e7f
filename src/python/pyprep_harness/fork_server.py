"""CPython's fork server: one warm interpreter that runs jobs one at a time, each in a fresh
process forked from it, and supervises that process (see supervisor.py).

Requests are JSON lines on stdin: `{"id", "job", "tmp_root"}` runs a job; any line while a
job runs stops it (Node's backstop, or closing). The report is one line on stdout,
`{"id", "report"}`. Node keeps a pool of these servers, so jobs run side by side, each
server speaking only for the one job it runs. Nothing of the server reaches the job's
process: it holds only its own sockets, and the server's stdin and stdout are sockets,
which cannot be reopened through /proc."""

import json
import os
import signal

from .cpython_job import _restore_site_builtins
from .processes import _become_subreaper, _write_all
from .supervisor import _supervise

# Imported once in the fork server, so a forked run does not pay for them: what the bank's
# programs and the harness itself reach for most.
_PRELOAD = (
    "ast", "asyncio", "codecs", "collections", "contextlib", "ctypes", "dataclasses", "fcntl",
    "functools", "itertools", "json", "keyword", "re", "resource", "select", "shutil",
    "socket", "sqlite3", "subprocess", "threading", "traceback", "typing", "unittest",
    "unittest.mock",
)


class _Lines:
    """Requests from Node, read whole lines at a time from a descriptor."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = bytearray()
        self.lines = []
        self.closed = False

    def pull(self):
        """Reads what is there (blocking until something is); False at the end."""
        data = os.read(self.fd, 1 << 16)
        if not data:
            self.closed = True
            return False
        self.buffer += data
        while True:
            end = self.buffer.find(b"\n")
            if end < 0:
                return True
            self.lines.append(bytes(self.buffer[:end]))
            del self.buffer[: end + 1]

    def next(self):
        """The next request, or None once Node has closed the stream."""
        while not self.lines:
            if self.closed or not self.pull():
                return None
        return json.loads(self.lines.pop(0))


def fork_server(run_job, once=False):
    """`--fork-server` (`--once`: a spawned run, one job and no preloading). `run_job(ctx)`
    runs one job in the forked process."""
    import gc

    _restore_site_builtins()
    if not once:
        for name in _PRELOAD:
            try:
                __import__(name)
            except ImportError:
                pass
    # Orphans of a job's processes (setsid() or not) come back here and are killed with it.
    _become_subreaper()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    # Move everything loaded so far out of the collector's sight: a job's first collection
    # would otherwise touch every inherited object and copy every page of the server.
    gc.collect()
    gc.freeze()
    requests = _Lines(0)
    count = 0
    while True:
        request = requests.next()
        if request is None:
            os._exit(0)
        if "job" not in request:
            continue  # a stop that arrived as its job was ending
        count += 1
        job = request["job"]
        workdir = job.get("workdir") or os.path.join(
            request["tmp_root"], f"pyprep-{os.getpid()}-{count}-{os.urandom(4).hex()}"
        )
        report = _supervise(job, workdir, run_job, requests)
        requests.lines.clear()  # a stop for this job is spent
        _write_all(1, (json.dumps({"id": request["id"], "report": report}) + "\n").encode())
        if once or requests.closed:
            os._exit(0)
