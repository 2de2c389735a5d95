"""``python -m servicelab.demo``: see :mod:`servicelab.demo`."""
from servicelab.demo import main

main()
