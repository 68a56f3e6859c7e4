"""Compile errors, scalac against the checker: python3 compile_compare.py DIR [--all].

DIR is a run of run.sh (DIR/in/*.json, DIR/oracle.log naming the oracle's build folder). Every
program's source there is compiled again with Spark 4.3.0's scalac, all at once and with no
cap on errors, so each gets scalac's full messages (the oracle keeps only first lines; DIR/scalac.txt keeps them); each
is checked by `target/release/dstream replay`. Per program: OK when both accept it, or both
reject it with the same messages, whole (a type mismatch as `type mismatch: found X, required
Y`, scalac's three lines in one; "did you mean" lines left out), else DIFF with both lists.
With --pos, each message also carries its line and column (scalac's caret), compared too."""
import glob
import json
import os
import re
import subprocess
import sys

d = sys.argv[1]
show_all = '--all' in sys.argv
with_pos = '--pos' in sys.argv
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
log = open(f'{d}/oracle.log').read()
build = re.search(r'logs in (\S+)', log).group(1) + '/build'
venv = os.environ.get('ORACLE_VENV', os.path.expanduser('~/oracle-venv'))
spark_home = subprocess.run([f'{venv}/bin/python', '-c',
                             'import pyspark, os; print(os.path.dirname(pyspark.__file__))'],
                            capture_output=True, text=True, check=True).stdout.strip()
sources = sorted(glob.glob(f'{build}/src/*/P.scala'))
os.makedirs('/tmp/compile_compare_classes', exist_ok=True)
out = subprocess.run(['java', '-Xss8m', '-cp', f'{spark_home}/jars/*:{build}/rt',
                      'scala.tools.nsc.Main', '-usejavacp', '-nowarn', '-Xmaxerrs', '100000',
                      '-d', '/tmp/compile_compare_classes'] + sources,
                     capture_output=True, text=True)
theirs = {}
lines = out.stdout.splitlines() + out.stderr.splitlines()
open(f'{d}/scalac.txt', 'w').write('\n'.join(lines) + '\n')
for i, line in enumerate(lines):
    m = re.match(r'.*/src/p_([^/]+)/P\.scala:(\d+): error: (.*)', line)
    if not m:
        continue
    name, msg = m.group(1), m.group(3)
    # The oracle compiles each program in a package of its own; a learner's has none.
    msg = msg.replace(f' in package p_{name}', '')
    at = m.group(2)
    # The message's further lines, up to scalac's echo of the source line (a caret under it).
    more = []
    for j in range(i + 1, len(lines)):
        caret_next = j + 1 < len(lines) and re.fullmatch(r'\s*\^', lines[j + 1])
        if caret_next or ': error: ' in lines[j]:
            break
        more.append(lines[j])
    caret = next((c for c in lines[i + 1:] if re.fullmatch(r'\s*\^', c)), '^')
    at = f'{at}:{len(caret)}'
    if msg == 'type mismatch;' and len(more) >= 2:
        found = more[0].split(':', 1)[1].strip()
        required = more[1].split(':', 1)[1].strip()
        msg, more = f'type mismatch: found {found}, required {required}', more[2:]
    theirs.setdefault(name, []).append((f'{at}: ' if with_pos else '') + '\n'.join([msg] + more))

counts = {'OK': 0, 'DIFF': 0}
for f in sorted(glob.glob(f'{d}/in/*.json')):
    name = json.load(open(f))['name']
    run = subprocess.run([os.environ.get('DSTREAM', f'{ROOT}/target/release/dstream'), 'replay', f], capture_output=True, text=True)
    ours = []
    for l in (run.stdout + run.stderr).splitlines():
        if l.startswith('error: '):
            ours.append(re.sub(r'^error: (\d+:\d+: )', r'\1' if with_pos else '', l))
        elif ours and not l.startswith('Exception'):
            ours[-1] += '\n' + l
    spark = theirs.get(name, [])
    # The "did you mean" line: scalac's picks only the type's own members, ours any it runs.
    hintless = lambda ms: sorted(re.sub(r'\ndid you mean [^\n]*', '', m) for m in ms)
    verdict = 'OK' if hintless(ours) == hintless(spark) else 'DIFF'
    counts[verdict] += 1
    if verdict != 'OK' or show_all:
        program = json.load(open(f))['program']
        body = [l.strip() for l in program.splitlines() if l.startswith('    ') and 'val ' not in l]
        line = (body[-3:-2] or [''])[0]
        print(f'{verdict} {name}: {line}\n  scalac: {spark}\n  ours:   {ours}')
print(counts)
