"""Room mode: the facilitator sees the room (counts only) and the room sees the clock.

`store` holds the room's aggregates in one process's memory; `handlers` are its web doors
(participants' pages, kernels, the facilitator's view); `client` is a kernel's side; `service`
runs the store as a JupyterHub service (`make hub`); `setup` wires it into the kit's Voila.
Importing this package imports nothing heavy: the kernels import only `client`.
"""
