#!/bin/sh
# Run the mock's conformance suite against the latest openai 2.x (the main suite runs on 3.x).
# Too slow for every test run (it builds a throwaway venv), so run it by hand:
#   sh tests/mock/run_conformance_2x.sh            # venv in ${TMPDIR:-/tmp}/aiwork-openai2x
set -eu
REPO=$(cd "$(dirname "$0")/../.." && pwd)
VENV=${AIWORK_2X_VENV:-${TMPDIR:-/tmp}/aiwork-openai2x}
PY=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "openai>=2,<3" httpx tornado pytest jsonschema pyyaml \
    "python-docx>=1.1,<2"
"$VENV/bin/python" -c 'import openai; print("openai", openai.__version__)'
cd "$REPO"
# The repository on sys.path instead of an install: the mock needs openai, httpx and (for the
# Decree 30 rule set its drafts read) python-docx.
PYTHONPATH="$REPO" exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    tests/mock/test_conformance.py tests/mock/test_replies.py "$@"
