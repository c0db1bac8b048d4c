"""The assistant gateway: a JupyterHub-managed service between learners and a language model.

Learners' notebooks reach a model only through this service, authenticating with their own hub
token (``JUPYTERHUB_API_TOKEN``, passed as the OpenAI API key). The gateway holds the real
upstream key, applies the privacy guard before anything leaves for a non-local model, enforces a
per-user daily token quota, and logs usage per user for cost reports. With no upstream
configured it serves the offline assistant (``aiwork.mock``) instead.

Modules: ``settings`` (configuration from the environment), ``messages`` (learner-facing text),
``usage`` (token accounting of replies, plain and streamed), ``store`` (SQLite usage log and
quota arithmetic), ``auth`` (hub token checks), ``app`` (the Tornado application), ``cli``.
"""
