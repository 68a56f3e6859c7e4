"""Copies scenarios and their oracle traces into the engine's fixtures
(engine/tests/spark_oracle/). A program that fails on Spark is kept only with --error (the
test then wants the same exception, class and first line, in the same batch). Usage:
python3 keep.py DIR [--error] NAME... Then raise the count in engine/tests/spark_oracle.rs,
README.md and ARCHITECTURE.md."""
import json, os, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', '..', 'engine', 'tests', 'spark_oracle')
d = sys.argv[1]
errors = '--error' in sys.argv
for name in [a for a in sys.argv[2:] if a != '--error']:
    # The oracle compiles each program in a package of its own; a learner's has none.
    o = json.loads(open(f'{d}/out/{name}.trace.json').read().replace(f'oracleprog.p_{name}.', ''))
    assert errors or o.get('error') is None, (name, o['error'])
    assert o.get('error') is None or o['error'].get('phase') != 'compile', name
    shutil.copy(f'{d}/in/{name}.json', os.path.join(FIXTURES, f'{name}.scenario.json'))
    json.dump(o, open(os.path.join(FIXTURES, f'{name}.trace.json'), 'w'))
    print('kept', name)
