"""Ask real Django what it sees: the resolved settings, or what `check --deploy` reports.

Run with Debian's /usr/bin/python3, an empty environment plus exactly the case's variables,
DJANGO_SETTINGS_MODULE set, PYTHONPATH pointing at one Django series, and the project root as the
working directory (also first on sys.path, as `manage.py` would have it).

    python3 django_probe.py settings   -> {"ok": true, "django": "4.2.21", "values": {NAME: json}}
    python3 django_probe.py check      -> {"ok": true, "django": "...", "messages": [{id, level, silenced, msg}]}
    on failure to load the settings    -> {"ok": false, "error": {"type", "message", "variable"}}

This file is test tooling: djship itself never runs Python.
"""

import json
import os
import re
import sys
import warnings
from pathlib import PurePath

warnings.simplefilter("ignore")
sys.path.insert(0, os.getcwd())


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


def fail(exc):
    print(json.dumps({"ok": False, "error": {
        "type": type(exc).__name__,
        "message": str(exc)[:500],
        "variable": missing_variable(exc),
    }}))
    sys.exit(0)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "settings"
    import django
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # triggers the import of the settings module
    except BaseException as exc:  # noqa: BLE001 - every failure is an answer here
        fail(exc)

    if mode == "settings":
        values = {}
        for name in dir(settings._wrapped):
            if not name.isupper():
                continue
            try:
                values[name] = to_json(getattr(settings, name))
            except BaseException as exc:  # noqa: BLE001
                values[name] = {"$error": type(exc).__name__, "message": str(exc)[:300]}
        print(json.dumps({"ok": True, "django": django.get_version(), "values": values}))
        return

    if mode == "check":
        try:
            django.setup()
            from django.core import checks
            messages = checks.run_checks(include_deployment_checks=True, databases=None)
        except BaseException as exc:  # noqa: BLE001
            fail(exc)
        print(json.dumps({"ok": True, "django": django.get_version(), "messages": [
            {"id": m.id, "level": m.level, "silenced": m.is_silenced(), "msg": str(m.msg)[:300]}
            for m in messages
        ]}))
        return

    raise SystemExit("usage: django_probe.py settings|check")


main()
