"""LOAD: discover the seeds, plan the run, call the pure stages, write and publish (the only writer)."""

from etl.knowledge.vocabulary import load_vocabulary
from warehouse import db as _warehouse

# The warehouse imports nothing of ours: every schema it creates for the ETL stores this
# vocabulary and takes its CHECKs from it (warehouse/db.py::create_schema).
_warehouse.use_vocabulary(lambda: load_vocabulary().rows())
