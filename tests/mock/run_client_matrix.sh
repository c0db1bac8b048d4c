#!/bin/sh
# The client matrix (tests/mock/test_client_matrix.py) with clients the course environment
# does not ship: two throwaway virtual environments, one with the latest openai 2.x and one with
# 3.x, each with langchain-openai and LiteLLM (and the OpenAI Agents SDK on 3.x, which needs
# it). The offline assistant runs from the course's own interpreter (AIWORK_SERVER_PYTHON).
# .ci/run calls this; by hand:  sh tests/mock/run_client_matrix.sh
set -eu
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BASE=${AIWORK_MATRIX_DIR:-${TMPDIR:-/tmp}/aiwork-client-matrix}
PY=${PYTHON:-python3}
SERVER_PY=${AIWORK_SERVER_PYTHON:-$REPO/.venv/bin/python}
export AIWORK_SERVER_PYTHON="$SERVER_PY" LITELLM_LOCAL_MODEL_COST_MAP=True NO_PROXY=127.0.0.1,localhost
status=0
for flavour in 2 3; do
    VENV="$BASE/openai$flavour"
    if [ "$flavour" = 2 ]; then
        # Also what the mock itself needs, to run its conformance suite on 2.x (below).
        PKGS="openai>=2.45,<3 langchain-openai litellm httpx tornado jsonschema pyyaml python-docx"
    else
        PKGS="openai>=3,<4 langchain-openai litellm openai-agents"
    fi
    [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $PKGS pytest
    "$VENV/bin/python" -c 'import openai; print("client matrix with openai", openai.__version__)'
    # --noconftest: the repository's conftests import the course package, not installed here.
    (cd "$REPO/tests/mock" && "$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider -p no:warnings \
        --noconftest -c /dev/null --rootdir . test_client_matrix.py) || status=1
    if [ "$flavour" = 2 ]; then
        # The SDK conformance suite on openai 2.x (httpx instead of httpx2), in-process and HTTP.
        (cd "$REPO" && PYTHONPATH="$REPO" "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
            tests/mock/test_conformance.py tests/mock/test_replies.py tests/mock/test_state.py) \
            || status=1
    fi
done
exit $status
