"""Helpers for deploy/jupyterhub_config.py: settings, accounts, provisioning, the spawner, and a
local launcher used by the hub tests and the capacity benchmark."""
