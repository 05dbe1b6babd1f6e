#!/usr/bin/env python3
"""spin.py SECS: keep one CPU busy for SECS seconds, then exit by itself."""
import sys
import time

end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    pass
