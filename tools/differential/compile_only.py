"""Lets compile_compare.py ask scalac alone, without running Spark: python3 compile_only.py
DIR writes DIR/oracle.log and a build folder (DIR/fake/build) holding each DIR/in/*.json's
program as the oracle would compile it (in a package of its own), beside the oracle's
runtime classes. Then `python3 compile_compare.py DIR --pos` compiles them all at once, in
seconds. The runtime classes come from an earlier oracle run (run.sh, or
../shared/tools/spark-oracle/run.sh on any scenario): the newest
/tmp/dstream-program-oracle.*/build/rt, or $ORACLE_RT.

    KINDS=get_or_else,by_name python3 mistakes.py 12 150 /tmp/m12
    python3 compile_only.py /tmp/m12 && python3 compile_compare.py /tmp/m12 --pos"""
import glob
import json
import os
import sys

d = os.path.abspath(sys.argv[1])
rts = sorted(glob.glob('/tmp/dstream-program-oracle.*/build/rt'), key=os.path.getmtime)
rt = os.environ.get('ORACLE_RT') or (rts[-1] if rts else None)
if not rt:
    sys.exit('no oracle runtime classes: run the oracle once (run.sh), or set ORACLE_RT')
build = f'{d}/fake/build'
os.makedirs(f'{build}/src', exist_ok=True)
if not os.path.exists(f'{build}/rt'):
    os.symlink(rt, f'{build}/rt')
for f in sorted(glob.glob(f'{d}/in/*.json')):
    name = os.path.basename(f)[:-len('.json')]
    os.makedirs(f'{build}/src/p_{name}', exist_ok=True)
    with open(f'{build}/src/p_{name}/P.scala', 'w') as out:
        out.write(f'package oracleprog.p_{name}; ' + json.load(open(f))['program'])
open(f'{d}/oracle.log', 'w').write(f'logs in {d}/fake\n')
print('wrote', len(glob.glob(f'{build}/src/*/P.scala')), 'programs')
