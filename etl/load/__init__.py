"""LOAD: discover the seeds, plan the run, call the pure stages, write and publish (the only writer)."""
