# make bench (being written).
