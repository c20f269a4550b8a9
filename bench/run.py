"""Run every benchmark in bench/ one after the other; they print figures.

web.py runs inside versus_redmine.py (Redmine first, then our pages, in one run, with the ratio per page pair).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in {"run.py", "__init__.py", "web.py"}:
            continue
        print(f"== {script.name}", flush=True)
        # Only the repository's own scripts run, with the same interpreter.
        failures += subprocess.call([sys.executable, str(script)], cwd=HERE.parent) != 0  # noqa: S603
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
