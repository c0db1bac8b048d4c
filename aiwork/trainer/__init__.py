"""Trainer workflow: classes from rosters, the release-to-return cycle, progress report, demo."""
