"""CPython: supervising one job, done by the fork server (the trusted process between Node
and the job's own process), one job at a time.

It forks the job, feeds its stdin and reads its stdout, stderr and result through socket
pairs (which, unlike pipes, cannot be reopened through /proc by another process), keeping
at most the output cap and killing the job the moment it passes it. It enforces the time
limit, stops the job when Node asks (a line on the server's stdin), and on every ending
kills everything the job started: the server is a subreaper, so children that setsid() or
double-fork away come back to it. Then it removes the job's directory and returns the
report."""

import codecs
import json
import os
import select
import signal
import socket
import sys
import time

from .processes import (
    _die_with_parent,
    _kill,
    _kill_descendants,
    _max_fd,
    _write_all,
)

# What the harness's own result may take: test outcomes and a traceback, never output.
_RESULT_CAP_BYTES = 4 * 1024 * 1024
_RESULT_FD = 3


class _Capped:
    """One stream from the job: read as it arrives, at most `cap` bytes kept."""

    def __init__(self, cap):
        self.cap = cap
        self.data = bytearray()
        self.over = False

    def pull(self, fd):
        """Reads what is there; False at the end of the stream."""
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return True
        except OSError:
            return False
        if not chunk:
            return False
        room = self.cap - len(self.data)
        if len(chunk) > room:
            self.data += chunk[: max(room, 0)]
            self.over = True
        else:
            self.data += chunk
        return True

    def text(self):
        # A cut stream may end inside a character; that partial character is dropped.
        return codecs.getincrementaldecoder("utf-8")("replace").decode(bytes(self.data), final=not self.over)


def _supervise(job, workdir, run_job, control):
    """Runs `job` in a child process and returns the report. `control` is the server's
    request stream: anything on it while the job runs (or its end) stops the job."""
    started = time.monotonic()
    deadline = started + float(job.get("time_limit_s") or 5)
    cap = int(job.get("output_limit") or 65536)
    os.makedirs(workdir, mode=0o700, exist_ok=True)
    pairs = [socket.socketpair() for _ in range(4)]  # stdin, stdout, stderr, result
    pid = os.fork()
    if pid == 0:
        _become_job(job, workdir, [pair[1].fileno() for pair in pairs], run_job)
    for pair in pairs:
        pair[1].close()
    stdin_fd, out_fd, err_fd, result_fd = (pair[0].detach() for pair in pairs)
    streams = {out_fd: _Capped(cap), err_fd: _Capped(cap), result_fd: _Capped(_RESULT_CAP_BYTES)}
    limit, status = None, None
    try:
        limit, status = _watch(pid, deadline, job, stdin_fd, streams, control)
    finally:
        if status is None:
            _kill(pid, group=True)
            _kill(pid)
            status = _wait(pid)
        if limit is None:
            for fd, stream in streams.items():
                while not stream.over and stream.pull(fd) and _readable(fd):
                    pass
            if any(stream.over for stream in streams.values()):
                limit = "output"
        _kill(pid, group=True)
        _kill_descendants()
        for fd in (stdin_fd, out_fd, err_fd, result_fd):
            _close(fd)
        _remove_tree(workdir)
    result, tests, running = _read_result(streams[result_fd].data)
    exit_code, signum = _ending(status)
    if signum == getattr(signal, "SIGXCPU", None) and limit is None:
        limit = "time"
    return {
        "limit": limit,
        "stdout": streams[out_fd].text(),
        "stderr": streams[err_fd].text(),
        "exit": exit_code,
        "signal": signum,
        "result": result,
        "tests": tests,
        "running_test": running,
        "duration_ms": (time.monotonic() - started) * 1000,
    }


def _watch(pid, deadline, job, stdin_fd, streams, control):
    """Feeds stdin and reads output until the job ends, a limit stops it or Node asks:
    (limit, status)."""
    for fd in streams:
        os.set_blocking(fd, False)
    pending = memoryview((job.get("stdin") or "").encode("utf-8", "replace"))
    poller = select.poll()
    for fd in streams:
        poller.register(fd, select.POLLIN)
    os.set_blocking(stdin_fd, False)
    pending = _feed(stdin_fd, pending)
    if pending is None:
        _close(stdin_fd)
    else:
        poller.register(stdin_fd, select.POLLOUT)
    pidfd = _pidfd(pid)
    if pidfd is not None:
        poller.register(pidfd, select.POLLIN)
    poller.register(control.fd, select.POLLIN)
    open_streams = set(streams)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "time", None
            wait_ms = left * 1000 if pidfd is not None else min(left * 1000, 10)
            for fd, _ in poller.poll(wait_ms):
                if fd == pidfd:
                    return None, _wait(pid)
                if fd == control.fd:
                    control.pull()
                    if control.closed or control.lines:
                        return "stopped", None
                    continue
                if fd == stdin_fd:
                    pending = _feed(stdin_fd, pending)
                    if pending is None:
                        poller.unregister(stdin_fd)
                        _close(stdin_fd)
                    continue
                stream = streams[fd]
                if not stream.pull(fd):
                    poller.unregister(fd)
                    open_streams.discard(fd)
                if stream.over:
                    return "output", None
            if pidfd is None:
                ended, status = os.waitpid(pid, os.WNOHANG)
                if ended == pid:
                    return None, status
    finally:
        if pidfd is not None:
            _close(pidfd)


def _feed(fd, pending):
    """Writes what the job's stdin socket takes now; None once all of it is written."""
    try:
        while pending:
            pending = pending[os.write(fd, pending):]
    except BlockingIOError:
        return pending
    except OSError:  # the job closed its stdin
        return None
    return None


def _readable(fd):
    return bool(select.select([fd], [], [], 0)[0])


def _pidfd(pid):
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _wait(pid):
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _ending(status):
    """(exit code, None) or (None, signal number) from a wait status."""
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status)
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else None, None


def _close(fd):
    try:
        os.close(fd)
    except OSError:
        pass


def _remove_tree(path):
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _read_result(data):
    """The job's result, or what it said before it was stopped: (result, tests, running)."""
    result, tests, running = None, [], None
    for line in bytes(data).split(b"\n"):
        if not line:
            continue
        try:
            event = json.loads(line)
        except ValueError:
            continue  # the program itself may have written here; it speaks only for itself
        if not isinstance(event, dict):
            continue
        if "start" in event:
            running = event["start"]
        elif "test" in event:
            tests.append(event["test"])
            running = None
        elif "result" in event:
            result = event["result"]
    return result, tests, running


# -- the job's own process ----------------------------------------------------------------------


def _become_job(job, workdir, fds, run_job):
    """In the forked child: the job's streams on fds 0-2 and its result channel on fd 3,
    nothing else open, its own process group, a scrubbed environment and the limits set;
    then the harness runs the job. Never returns."""
    code = 70
    try:
        import fcntl

        os.setpgid(0, 0)
        _die_with_parent(signal.SIGKILL)
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in fds]
        for target, fd in enumerate(high):
            os.dup2(fd, target, inheritable=target != _RESULT_FD)
        os.closerange(_RESULT_FD + 1, _max_fd())
        for signum in (signal.SIGTERM, signal.SIGCHLD):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(workdir)
        env = dict(job.get("env") or {})
        env["HOME"] = env["TMPDIR"] = workdir
        os.environ.clear()
        os.environ.update(env)
        from .context import _RunContext
        from .cpython_job import _set_limits

        _set_limits(job)

        def progress(event):
            _write_all(_RESULT_FD, (json.dumps(event) + "\n").encode())

        ctx = _RunContext(job, reuse=False, interrupts=False, progress=progress)
        result = run_job(ctx)
        progress({"result": result})
        code = 0
    except BaseException:  # noqa: BLE001 - a harness failure; the supervisor reports no result
        try:
            import traceback

            traceback.print_exc(file=sys.__stderr__)
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)
