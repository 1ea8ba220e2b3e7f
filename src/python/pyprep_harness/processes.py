"""CPython process plumbing shared by the supervisor and the fork server: prctl, whole
writes, and finding and killing every descendant of a process."""

import os
import signal
import time

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36

_libc = []


def _prctl(option, value):
    """Linux's prctl through ctypes; False where there is none (macOS) or it fails."""
    try:
        if not _libc:
            import ctypes

            _libc.append(ctypes.CDLL(None, use_errno=True))
        return _libc[0].prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError, ImportError):
        return False


def _become_subreaper():
    """Orphaned descendants of this process come back to it, setsid() or not."""
    return _prctl(_PR_SET_CHILD_SUBREAPER, 1)


def _die_with_parent(signum):
    """The kernel sends `signum` to this process when its parent dies."""
    return _prctl(_PR_SET_PDEATHSIG, signum)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _max_fd():
    try:
        return os.sysconf("SC_OPEN_MAX")
    except (ValueError, OSError):
        return 4096


def _children_by_parent():
    """Every process on the machine by its parent's pid, from /proc (Linux); {} elsewhere."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return {}
    children = {}
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _descendants(root, children):
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            found.append(child)
            stack.append(child)
    return found


def _kill(pid, group=False):
    try:
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)
    except OSError:
        pass


def _reap():
    """Reaps every ended child; False once this process has no children at all."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0] != 0:
            pass
    except ChildProcessError:
        return False
    return True


def _kill_descendants():
    """Kills and reaps every descendant of this process. A subreaper gets its descendants'
    orphans back, setsid() or double fork, so going round until this process has no child
    left leaves nothing running."""
    me = os.getpid()
    for _ in range(200):
        if not _reap():
            return
        victims = _descendants(me, _children_by_parent())
        if not victims:
            # Children remain but /proc does not show them (no /proc here): nothing more to find.
            return
        for pid in victims:
            _kill(pid)
        time.sleep(0.001)
