"""``python -m servicelab.demo``: see :mod:`servicelab.demo`."""
from servicelab.demo import main

if __name__ == "__main__":  # not when pytest's doctest collection imports this module
    main()
