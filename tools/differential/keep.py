"""Copies scenarios and their oracle traces into the engine's fixtures
(engine/tests/spark_oracle/), which must run clean on Spark. Usage: python3 keep.py DIR NAME...
Then raise the count in engine/tests/spark_oracle.rs, README.md and ARCHITECTURE.md."""
import json, os, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', '..', 'engine', 'tests', 'spark_oracle')
d = sys.argv[1]
for name in sys.argv[2:]:
    o = json.load(open(f'{d}/out/{name}.trace.json'))
    assert o.get('error') is None, (name, o['error'])
    shutil.copy(f'{d}/in/{name}.json', os.path.join(FIXTURES, f'{name}.scenario.json'))
    json.dump(o, open(os.path.join(FIXTURES, f'{name}.trace.json'), 'w'))
    print('kept', name)
