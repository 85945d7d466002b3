"""Run a script or a module with Debian's /usr/bin/python3 isolated, on exactly the given path.

    /usr/bin/python3 -I -S -B isolated.py PATH[:PATH...] SCRIPT ARGS...
    /usr/bin/python3 -I -S -B isolated.py PATH[:PATH...] -m MODULE ARGS...

-I ignores every PYTHON* variable and the user's site-packages, -S skips site-packages (so nothing
installed system-wide is importable), -B writes no bytecode into the trees under test. The folders
given, provisioned by scripts/provision.sh, come first on sys.path, after the script's folder (or
the working directory for -m), as `python3 SCRIPT` and `python3 -m MODULE` would put them.

This file is test tooling: djship itself never runs Python.
"""

import os
import runpy
import sys


def main():
    if len(sys.argv) < 3:
        raise SystemExit("usage: isolated.py PATHS (SCRIPT | -m MODULE) [ARGS...]")
    paths = [p for p in sys.argv[1].split(os.pathsep) if p]
    rest = sys.argv[2:]
    if rest[0] == "-m":
        if len(rest) < 2:
            raise SystemExit("isolated.py: -m needs a module name")
        sys.argv = [rest[1], *rest[2:]]
        sys.path[:0] = [os.getcwd(), *paths]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        script = os.path.abspath(rest[0])
        sys.argv = rest
        sys.path[:0] = [os.path.dirname(script), *paths]
        runpy.run_path(script, run_name="__main__")


main()
