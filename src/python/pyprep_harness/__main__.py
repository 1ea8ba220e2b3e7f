"""`python3 -I -S -u -X utf8 .../pyprep_harness/__main__.py JOB.json | --fork-server`.

`-I` keeps the script's folder off sys.path, so the package's parent is put there just long
enough to import the harness; the program then sees the interpreter's own sys.path.
"""

import os
import sys

_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, _parent)
try:
    from pyprep_harness import entry
finally:
    sys.path.remove(_parent)

if __name__ == "__main__":
    entry.cli(sys.argv[1:])
