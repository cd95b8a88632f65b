"""Which parts a module pulls in: lower layers never import the parts built on them."""

import json
import os
import subprocess
import sys

import pytest

from intake.config import PROJECT_ROOT


def _loaded_by(module: str, prefix: str) -> list[str]:
    # A fresh interpreter: this test process has every module loaded already.
    code = (
        f"import json, sys, {module}; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({prefix!r}))))"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    output = subprocess.check_output([sys.executable, "-c", code], text=True, env=env)
    return json.loads(output)


@pytest.mark.parametrize("module", ["intake.i18n", "intake.wording"])
def test_languages_and_wording_do_not_import_the_specialist_side(module):
    assert _loaded_by(module, "intake.specialist") == []


def test_the_operator_commands_do_not_import_the_sign_in_pages():
    # Ending a specialist's sessions is policy (sessions.py), not a view.
    loaded = _loaded_by("intake.specialist.commands", "intake.specialist.")
    assert "intake.specialist.sessions" in loaded
    assert "intake.specialist.auth" not in loaded
