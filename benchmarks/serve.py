"""``streamlit run`` with one line appended to ``$BENCH_RUNS_FILE`` per script run (benchmarks count runs).

Counting on the server is exact (a websocket ``script_finished`` is not sent for a run cut short by the next
rerun request) and, unlike Streamlit's debug logging, costs nothing measurable. Used for both apps alike.
"""

from __future__ import annotations

import os
import sys

from streamlit.runtime.scriptrunner import script_runner

_run_script = script_runner.ScriptRunner._run_script


def _counted(self, rerun_data):
    with open(os.environ["BENCH_RUNS_FILE"], "a", encoding="utf-8") as f:
        f.write("run\n")
    return _run_script(self, rerun_data)


script_runner.ScriptRunner._run_script = _counted

if __name__ == "__main__":
    from streamlit.web.cli import main

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(main())
