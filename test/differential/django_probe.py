"""Ask real Django what it sees: the resolved settings, or what `check --deploy` reports.

One long-lived process per Django series, run isolated with only that series and the settings
libraries importable (test/differential/django.ts starts it):

    /usr/bin/python3 -I -S -B django_probe.py serve PATH[:PATH...]

imports Django once, then answers JSON lines on stdin, one at a time or many at once:

    {"id": 1, "cwd": ROOT, "env": {...}, "mode": "settings" | "check", "timeout": 60}

by forking a child per request, so every case starts from the same state as a fresh process that
has imported Django and nothing of any project: the child changes to the project root (first on
sys.path, as `manage.py` would have it), replaces its whole environment by exactly the case's
(DJANGO_SETTINGS_MODULE included), loads the settings or runs the checks, and sends back one line:

    {"id": 1, "answer": {"ok": true, "django": "4.2.21", "values": {NAME: json}}}
    {"id": 1, "answer": {"ok": true, "django": "...", "messages": [{id, level, silenced, msg}]}}
    {"id": 1, "answer": {"ok": false, "error": {"type", "message", "variable"}}}   settings do not load
    {"id": 1, "probeError": "..."}                                                   the child died or hung

`django_probe.py PATH[:PATH...] settings|check` answers once, from the working directory and the
environment it is given, for debugging a case by hand.

This file is test tooling: djship itself never runs Python.
"""

import json
import os
import re
import selectors
import signal
import sys
import time
import warnings
from pathlib import PurePath

warnings.simplefilter("ignore")

# Django modules that import without settings, loaded once in the server so that each child only
# loads the project's own code. None of them reads a setting at import time (they would raise).
PRELOAD = (
    "django.conf",
    "django.core.checks",
    "django.core.checks.security.base",
    "django.core.checks.model_checks",
    "django.core.management",
    "django.core.cache",
    "django.db.models",
    "django.urls",
    "django.template",
    "django.template.backends.django",
    "django.utils.translation",
    "django.middleware.security",
    "django.contrib.sessions.backends.db",
    "django.contrib.staticfiles.finders",
    "django.contrib.admin",
)


def to_json(value, depth=0):
    """Map a Python value to JSON the way djship's contract does (tuples to arrays, paths to str)."""
    if depth > 50:
        return {"$repr": "<too deep>"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"$repr": repr(value)}
        return value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"$set": sorted((to_json(v, depth + 1) for v in value), key=json.dumps)}
    if isinstance(value, dict):
        return {str(k): to_json(v, depth + 1) for k, v in value.items()}
    return {"$repr": repr(value)}


def missing_variable(exc):
    """The environment variable whose absence caused exc, when that is what happened."""
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    text = str(exc)
    for pattern in (
        r"^Set the (\w+) environment variable",  # django-environ
        r"^(\w+) not found\. Declare it as envvar",  # python-decouple
    ):
        match = re.search(pattern, text)
        if match:
            return match.group(1)
    return None


def failure(exc):
    return {"ok": False, "error": {
        "type": type(exc).__name__,
        "message": str(exc)[:500],
        "variable": missing_variable(exc),
    }}


def answer(mode):
    """What Django makes of the settings module in DJANGO_SETTINGS_MODULE, from the working directory."""
    import django
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # triggers the import of the settings module
    except BaseException as exc:  # noqa: BLE001 - every failure is an answer here
        return failure(exc)

    if mode == "settings":
        values = {}
        for name in dir(settings._wrapped):
            if not name.isupper():
                continue
            try:
                values[name] = to_json(getattr(settings, name))
            except BaseException as exc:  # noqa: BLE001
                values[name] = {"$error": type(exc).__name__, "message": str(exc)[:300]}
        return {"ok": True, "django": django.get_version(), "values": values}

    if mode == "check":
        try:
            django.setup()
            from django.core import checks
            messages = checks.run_checks(include_deployment_checks=True, databases=None)
        except BaseException as exc:  # noqa: BLE001
            return failure(exc)
        return {"ok": True, "django": django.get_version(), "messages": [
            {"id": m.id, "level": m.level, "silenced": m.is_silenced(), "msg": str(m.msg)[:300]}
            for m in messages
        ]}

    raise ValueError(f"unknown mode {mode!r}: settings or check")


def run_child(request, out):
    """In the forked child: become the case's process, answer, and leave without cleanup."""
    status = 0
    try:
        # Nothing a settings module prints may reach the protocol stream.
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        cwd = request["cwd"]
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path.insert(0, cwd)
        try:
            result = {"id": request["id"], "answer": answer(request["mode"])}
        except BaseException as exc:  # noqa: BLE001
            result = {"id": request["id"], "probeError": f"{type(exc).__name__}: {exc}"[:2000]}
        data = (json.dumps(result) + "\n").encode()
        while data:
            data = data[os.write(out, data):]
    except BaseException:  # noqa: BLE001 - the parent reports a child that says nothing
        status = 1
    finally:
        # os._exit: no atexit handlers, no flushing of buffers copied from the server.
        os._exit(status)


def serve():
    for module in PRELOAD:
        __import__(module)
    selector = selectors.DefaultSelector()
    selector.register(0, selectors.EVENT_READ, None)
    children = {}  # read end -> {"id", "pid", "chunks", "deadline"}
    pending = b""
    reading = True

    def emit(message):
        data = (json.dumps(message) + "\n").encode()
        while data:
            data = data[os.write(1, data):]

    def finish(fd, problem=None):
        child = children.pop(fd)
        selector.unregister(fd)
        os.close(fd)
        if problem:
            os.kill(child["pid"], signal.SIGKILL)
        _, status = os.waitpid(child["pid"], 0)
        text = b"".join(child["chunks"]).decode("utf-8", "replace").strip()
        if problem or not text:
            emit({"id": child["id"], "probeError": problem or f"the child exited with status {status} and no answer"})
        else:
            os.write(1, (text + "\n").encode())

    def start(request):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            selector.close()
            run_child(request, write_end)
        os.close(write_end)
        children[read_end] = {
            "id": request["id"], "pid": pid, "chunks": [],
            "deadline": time.monotonic() + float(request.get("timeout", 60)),
        }
        selector.register(read_end, selectors.EVENT_READ, None)

    while reading or children:
        timeout = None
        if children:
            timeout = max(0.0, min(c["deadline"] for c in children.values()) - time.monotonic())
        for key, _ in selector.select(timeout):
            fd = key.fd
            data = os.read(fd, 1 << 16)
            if fd == 0:
                if not data:
                    reading = False
                    selector.unregister(0)
                    continue
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    if line.strip():
                        start(json.loads(line))
            elif data:
                children[fd]["chunks"].append(data)
            else:
                finish(fd)
        now = time.monotonic()
        for fd in [fd for fd, c in children.items() if c["deadline"] <= now]:
            finish(fd, "the child took longer than its timeout and was killed")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        sys.path[:0] = [p for p in sys.argv[2].split(os.pathsep) if p]
        serve()
    elif len(sys.argv) == 3 and sys.argv[2] in ("settings", "check"):
        sys.path[:0] = [os.getcwd(), *(p for p in sys.argv[1].split(os.pathsep) if p)]
        print(json.dumps(answer(sys.argv[2])))
    else:
        raise SystemExit("usage: django_probe.py serve PATHS | django_probe.py PATHS settings|check")


main()
