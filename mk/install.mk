# install, uninstall and demo targets (being written).
