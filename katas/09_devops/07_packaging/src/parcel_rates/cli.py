"""The `parcel-rates` command.

TODO (task 2): move the code of ../../price_parcel.py here, then delete that script.
"""
