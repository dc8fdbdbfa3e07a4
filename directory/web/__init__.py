"""The web layer's shared seams: request parsing used by every blueprint."""
