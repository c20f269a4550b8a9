"""`make bench`: run every benchmark script in bench/ (each prints its own figures), one after the other."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name in ("run.py", "__init__.py"):
        continue
    print(f"== {script.name}", flush=True)
    failed |= subprocess.run([sys.executable, str(script)], check=False).returncode  # noqa: S603
sys.exit(1 if failed else 0)
