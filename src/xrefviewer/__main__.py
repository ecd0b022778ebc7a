import sys

from xrefviewer.cli import main

sys.exit(main())
