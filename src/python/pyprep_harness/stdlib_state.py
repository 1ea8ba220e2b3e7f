"""Pyodide: standard library state kept in objects rather than in module namespaces, put
back before every run as a fresh process would have it. The baseline (isolation.py) puts
namespaces back, but a logger's level and handlers live in the logger, and a monitoring
tool in the interpreter; a run must not see the last run's."""

import sys


class _LoggingState:
    """Every logger that existed at the baseline with its settings, the manager's registry
    and switches, and the module's handler registry. `asyncio` imports logging, so it is
    always in the baseline, and a run's `basicConfig()` would otherwise stay for good."""

    def __init__(self, logging):
        self.logging = logging
        self.manager = logging.root.manager
        self.registry = dict(self.manager.loggerDict)
        loggers = [logging.root, *(v for v in self.registry.values() if isinstance(v, logging.Logger))]
        self.loggers = [(logger, _settings(logger)) for logger in loggers]
        self.switches = _switches(self.manager)
        self.handlers = dict(logging._handlers)
        self.handler_list = list(logging._handlerList)
        last = logging.lastResort
        self.last_resort = (last, last.level, list(last.filters), last.formatter) if last else None

    def restore(self):
        manager = self.manager
        changed = manager.loggerDict != self.registry or _switches(manager) != self.switches
        for logger, saved in self.loggers:
            if _settings(logger) != saved:
                changed = True
                level, propagate, disabled, handlers, filters = saved
                logger.level, logger.propagate, logger.disabled = level, propagate, disabled
                logger.handlers[:] = handlers
                logger.filters[:] = filters
        if not changed and len(self.logging._handlerList) == len(self.handler_list):
            return
        manager.loggerDict.clear()
        manager.loggerDict.update(self.registry)
        manager.disable, manager.loggerClass, manager.logRecordFactory = self.switches
        manager._clear_cache()
        logging = self.logging
        logging._handlers.clear()
        logging._handlers.update(self.handlers)
        logging._handlerList[:] = self.handler_list
        if self.last_resort is not None:
            last, level, filters, formatter = self.last_resort
            last.level, last.formatter = level, formatter
            last.filters[:] = filters


def _settings(logger):
    return (logger.level, logger.propagate, logger.disabled, list(logger.handlers), list(logger.filters))


def _switches(manager):
    return (manager.disable, manager.loggerClass, manager.logRecordFactory)


class _InterpreterState:
    """sys.monitoring tools (3.12+: a tracer that never freed its id would make the next
    run's `use_tool_id` fail) and asyncgen hooks; sys.settrace is reset by the baseline."""

    def __init__(self):
        self.monitoring = getattr(sys, "monitoring", None)
        self.tools = self._tools()
        self.asyncgen_hooks = tuple(sys.get_asyncgen_hooks())

    def _tools(self):
        monitoring = self.monitoring
        return tuple(monitoring.get_tool(tool) for tool in range(6)) if monitoring else ()

    def restore(self):
        if self.monitoring is not None and self._tools() != self.tools:
            for tool, name in enumerate(self.tools):
                if name is None and self.monitoring.get_tool(tool) is not None:
                    clear = getattr(self.monitoring, "clear_tool_id", None)
                    if clear is not None:
                        clear(tool)  # 3.14: events and callbacks too
                    else:
                        self.monitoring.set_events(tool, 0)
                    self.monitoring.free_tool_id(tool)
        if tuple(sys.get_asyncgen_hooks()) != self.asyncgen_hooks:
            firstiter, finalizer = self.asyncgen_hooks
            sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)


class _StdlibState:
    """What restore puts back beyond namespaces; taken with the baseline."""

    def __init__(self):
        logging = sys.modules.get("logging")
        self.logging = _LoggingState(logging) if logging is not None else None
        self.interpreter = _InterpreterState()

    def restore(self):
        if self.logging is not None:
            self.logging.restore()
        self.interpreter.restore()
