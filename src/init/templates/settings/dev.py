"""Development settings, written by `djship init`: never used in production."""

from .base import *  # noqa: F403

{{moved}}