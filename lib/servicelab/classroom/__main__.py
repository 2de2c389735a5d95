"""``python -m servicelab.classroom``: see :mod:`servicelab.classroom.cli`."""
from servicelab.classroom.cli import main

if __name__ == "__main__":  # not when pytest's doctest collection imports this module
    main()
