"""Development settings, written by `djship init`: never used in production."""

# {{#if importOs}}
import os

# {{/if}}
from .base import *  # noqa: F403

{{moved}}