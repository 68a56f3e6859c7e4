"""Replays DIR/in/*.json with target/release/dstream and compares with the oracle's
DIR/out/NAME.trace.json: errors (class and first line), what the driver printed, each batch's
output and job count. Prints one line per program (OK, DIFF with the differences, or ORDER
when only the order of lines differs, as when tasks print in parallel), and for driver-side
programs the statements whose lines differ. Usage: python3 compare.py DIR [--all]."""
import glob, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DSTREAM = os.environ.get('DSTREAM', os.path.join(HERE, '..', '..', 'target', 'release', 'dstream'))
d = sys.argv[1]
show_all = '--all' in sys.argv
counts = {}
for f in sorted(glob.glob(d + '/in/*.json')):
    scenario = json.load(open(f))
    name = scenario['name']
    try:
        # The oracle compiles each program in a package of its own; a learner's has none.
        text = open(f'{d}/out/{name}.trace.json').read().replace(f'oracleprog.p_{name}.', '')
        o = json.loads(text)
    except FileNotFoundError:
        print(name, 'NO ORACLE'); continue
    if (o.get('error') or {}).get('phase') == 'compile':
        counts['COMPILE'] = counts.get('COMPILE', 0) + 1
        if show_all: print(name, 'COMPILE', o['error']['message'][:200])
        continue
    r = subprocess.run([DSTREAM, 'replay', '--json', f], capture_output=True, text=True)
    if not r.stdout:
        print(name, 'REPLAY FAILED', r.stderr[:300]); continue
    m = json.loads(r.stdout)
    bad, order = [], False
    oe, me = o.get('error'), m.get('error')
    if (oe is None) != (me is None):
        bad.append(('error', oe, me))
    elif oe and (oe.get('message') or '').split('\n')[0] != (me.get('message') or '').split('\n')[0]:
        bad.append(('error text', oe.get('class'), oe.get('message'), me.get('class'), me.get('message')))
    a, b = o.get('stdout_before', ''), m.get('stdout_before', '')
    if a != b:
        lines = [l for l in scenario['program'].split('\n') if l.strip().startswith('try {')]
        for i, (x, y) in enumerate(zip(a.split('\n'), b.split('\n'))):
            if x != y:
                bad.append(('driver', i, lines[i].strip()[:160] if i < len(lines) else '', x[:160], y[:160]))
        if len(a.split('\n')) != len(b.split('\n')):
            bad.append(('driver lines', len(a.split('\n')), len(b.split('\n'))))
    for i, ob in enumerate(o.get('batches', [])):
        mb = m['batches'][i] if i < len(m['batches']) else None
        if mb is None:
            bad.append(('missing batch', i)); break
        if ob['stdout'] != mb['stdout']:
            if sorted(ob['stdout'].splitlines()) == sorted(mb['stdout'].splitlines()):
                order = True
            else:
                bad.append(('batch', ob['time_ms'], ob['stdout'], mb['stdout']))
        if ob.get('spark_jobs') is not None and ob['spark_jobs'] != mb['jobs']:
            bad.append(('jobs', ob['time_ms'], ob['spark_jobs'], mb['jobs']))
    verdict = 'DIFF' if bad else 'ORDER' if order else 'OK'
    counts[verdict] = counts.get(verdict, 0) + 1
    if verdict != 'OK' or show_all:
        print(name, verdict)
    for x in bad[:6]:
        print('   ', x)
print(counts)
