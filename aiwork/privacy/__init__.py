"""Privacy guard: find, redact and re-identify Vietnamese personal data (Law 91/2025/QH15).

``detect(text)`` finds personal data; ``redact(text)`` replaces it with typed placeholders such
as ``[CCCD_1]`` and returns the local mapping to re-identify a reply; ``guard_request`` applies
this to an OpenAI request body before it leaves for a non-local model.
"""

from aiwork.privacy.detector import Finding, detect, normalize
from aiwork.privacy.redact import PlaceholderMap, Redaction, redact, reidentify

__all__ = ["Finding", "PlaceholderMap", "Redaction", "detect", "normalize", "redact", "reidentify"]
