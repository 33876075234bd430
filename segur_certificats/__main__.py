"""``python -m segur_certificats``: the command line (see `segur_certificats.cli`)."""

from segur_certificats.cli import main

raise SystemExit(main())
