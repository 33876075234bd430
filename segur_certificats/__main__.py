"""``python -m segur_certificats``: the command line."""

import sys

from segur_certificats.cli import main

sys.exit(main())
