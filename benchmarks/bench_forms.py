"""Time and peak memory of ``plantrack form import`` on hostile Excel forms.

Each form of the hardening corpus that attacks the package (DTDs, encodings, extra sheets,
big shared strings, a huge attribute, a zip bomb) is made, then opened as ``form import``
opens it, in a child process that prints the time the opening took (the imports and the
repository excluded) and its peak resident memory (VmHWM). The budget (SECURITY.md): every
refusal within about a second and a few hundred MB.

    python benchmarks/bench_forms.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hardening.corpus import MINI  # noqa: E402
from tests.hardening.generate import GENERATORS  # noqa: E402

FORMS = (
    "form_hidden_row",
    "form_dtd",
    "form_dtd_after_4096_bytes",
    "form_dtd_utf16",
    "form_dtd_in_unknown_part",
    "form_utf32_part",
    "form_extra_hidden_sheet",
    "form_huge_shared_strings",
    "form_huge_attribute",
    "form_zip_bomb",
    "form_100000_rows",
    "form_100000_rows_hidden_size",
)
_CHILD = """
import sys, time
from pathlib import Path
from plantrack.forms.opening import open_form
import openpyxl

start = time.perf_counter()
book, findings = open_form(Path(sys.argv[1]), "form.xlsx")
seconds = time.perf_counter() - start
codes = ",".join(sorted({f.code for f in findings})) or "ok"
for line in open("/proc/self/status"):
    if line.startswith("VmHWM"):
        print(codes, f"{seconds:.2f}", line.split()[1])
"""


def main() -> None:
    """Print one line per hostile form: exit code, seconds, peak MB."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(MINI, repo)
        print(f"{'form':32} {'result':>7}  seconds  peak MB")
        for name in FORMS:
            form = Path(tmp) / f"{name}.xlsx"
            GENERATORS[name](repo, form)
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(form)], capture_output=True, text=True
            )
            codes, seconds, peak = done.stdout.split()
            print(f"{name:32} {codes:>7}  {seconds:>7}  {int(peak) / 1024:7.0f}")


if __name__ == "__main__":
    main()
