"""CPython: the job's process. Its limits, set in the forked child before the program
runs, and the builtins `site` would add (the runner's interpreters run with -S)."""

import builtins
import sys

_FILE_SIZE_LIMIT_BYTES = 16 * 1024 * 1024
# Processes a job may add to what its user already runs (RLIMIT_NPROC counts per user).
_EXTRA_PROCESSES = 256


def _set_limits(job):
    """RLIMIT_AS (memory), RLIMIT_NPROC (processes), RLIMIT_FSIZE (each file written),
    RLIMIT_CPU (a backstop to the supervisor's wall clock) and no core files. A platform
    without `resource` runs unlimited; root is not held to RLIMIT_NPROC by the kernel."""
    try:
        import resource
    except ImportError:
        return
    time_limit = float(job.get("time_limit_s") or 5)
    limits = [
        (resource.RLIMIT_FSIZE, _FILE_SIZE_LIMIT_BYTES),
        (resource.RLIMIT_CPU, int(time_limit) + 2),
        (resource.RLIMIT_CORE, 0),
        (getattr(resource, "RLIMIT_NPROC", None), _process_limit()),
    ]
    memory = int(job.get("memory_limit") or 0)
    if memory:
        limits.append((resource.RLIMIT_AS, memory))
    for which, value in limits:
        if which is None or value is None:
            continue
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def _process_limit():
    """Every task on the machine now, plus headroom: RLIMIT_NPROC counts the user's own tasks,
    and /proc/loadavg's total is a cheap upper bound on them."""
    try:
        with open("/proc/loadavg", "rb") as handle:
            total = int(handle.read().split()[3].split(b"/")[1])
    except (OSError, ValueError, IndexError):
        return 4096
    return total + _EXTRA_PROCESSES


def _restore_site_builtins():
    """CPython runs with -S (skipping `site` saves most of its start-up); put back the
    builtins `site` would add, so `exit()` and `help` work as in a normal interpreter."""
    if hasattr(builtins, "exit"):
        return
    import _sitebuiltins

    builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
    builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
    builtins.help = _sitebuiltins._Helper()
    builtins.copyright = _sitebuiltins._Printer("copyright", sys.copyright)
    builtins.credits = _sitebuiltins._Printer("credits", "See https://www.python.org.")
    builtins.license = _sitebuiltins._Printer("license", "See https://www.python.org/psf/license/")
