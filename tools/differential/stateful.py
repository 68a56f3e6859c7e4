"""Random stateful and windowed programs (inverse reduce, filterFunc, updateStateByKey with
removals and initial RDDs, mapWithState with timeouts, removals, snapshots and initial state;
batch intervals of 0.5, 1 and 2 s). Usage: python3 stateful.py SEED N OUTDIR. TC=1: the
printing functions also print `TaskContext`'s partition, stage and task id, on local[2]."""
import json, os, random, sys

from scenario import program, write
seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)
VOC = 'a b c hi hello spark x zz yy'.split()
TC = os.environ.get('TC') == '1'
TCP = ' ${TaskContext.getPartitionId} ${TaskContext.get.stageId} ${TaskContext.get.taskAttemptId}' if TC else ''
def prog(B):
    def D(k): return f'Milliseconds({k * B})'
    def win():
        s = R.choice([1, 1, 2, 3]); return D(s * R.choice([1, 2, 3, 4])), D(s)
    base = R.choice(['lines.flatMap(_.split(" ")).map((_, 1))', 'lines.flatMap(_.split(" ")).map(w => (w, w.length))',
                     'lines.map(l => (l.take(1), l.length))'])
    pr = R.random() < (0.9 if TC else 0.5)
    k = R.randrange(9)
    parts = R.choice(['', f', {R.randint(1, 4)}'])
    if k == 0:
        w, s = win()
        ff = R.choice(['', f', {R.randint(1,3)}, (kv: (String, Int)) => kv._2 > {R.randint(0,1)}'])
        if ff: parts = ''
        rf = '(a: Int, b: Int) => { println(s"rf $a $b{TCP}"); a + b }' if pr else '(a: Int, b: Int) => a + b'
        inv = '(a: Int, b: Int) => { println(s"inv $a $b{TCP}"); a - b }' if pr else '(a: Int, b: Int) => a - b'
        e = f'{base}.reduceByKeyAndWindow({rf}, {inv}, {w}, {s}{parts}{ff})'
    elif k == 1:
        w, s = win(); e = f'{base}.reduceByKeyAndWindow((a: Int, b: Int) => a + b, {w}, {s}{parts})'
    elif k == 2:
        w, s = win(); e = f'lines.flatMap(_.split(" ")).countByValueAndWindow({w}, {s}{parts})'
    elif k == 3:
        w, s = win(); inv = R.choice(['', ', (a: Int, b: Int) => a - b'])
        e = f'lines.map(_.length).reduceByWindow((a: Int, b: Int) => a + b{inv}, {w}, {s})'
    elif k == 4:
        body = R.choice(['Some(vs.sum + st.getOrElse(0))', 'if (vs.isEmpty) None else Some(vs.sum + st.getOrElse(0))',
                         'if (st.getOrElse(0) > 3) None else Some(vs.sum + st.getOrElse(0))', 'Some(vs.size)'])
        if pr: body = '{ println(s"u $vs $st{TCP}"); ' + body + ' }'
        extra = R.choice(['', f', {R.randint(1, 4)}', f', new HashPartitioner({R.randint(1,3)}), ssc.sparkContext.parallelize(Seq(("a", 100), ("q", 5)))'])
        e = f'{base}.updateStateByKey((vs: Seq[Int], st: Option[Int]) => {body}{extra})'
    elif k in (5, 6):
        to = R.choice(['', f'.timeout({D(R.randint(1, 3))})'])
        upd = R.choice(['st.update(s)', 'if (s > 4) st.remove() else st.update(s)'])
        if to: upd = f'if (!st.isTimingOut) {{ {upd} }}'
        p = 'println(s"mws $k $v ${st.exists} ${st.isTimingOut}{TCP}"); ' if pr else ''
        ret = R.choice(['(k, s)', 'if (s > 2) Some((k, s)) else None', 's'])
        spec = f'StateSpec.function((k: String, v: Option[Int], st: State[Int]) => {{ {p}val s = v.getOrElse(0) + st.getOption.getOrElse(0); {upd}; {ret} }}){to}'
        spec += R.choice(['', f'.numPartitions({R.randint(1,4)})', '.initialState(ssc.sparkContext.parallelize(Seq(("a", 10), ("zz", 1))))'])
        e = f'{base}.mapWithState({spec})'
        if R.random() < 0.4: e += '.stateSnapshots()'
    elif k == 7:
        w, s = win(); e = f'{base}.groupByKeyAndWindow({w}, {s}{parts}).mapValues(_.toList.sorted)'
    else:
        w, s = win(); e = f'{base}.window({w}, {s}).reduceByKey(_ + _{parts})'
    if R.random() < 0.2: e = f'{e}.checkpoint({D(R.choice([1, 2, 4]))})'
    o = R.randrange(4)
    if o == 0: return e + '.print()'
    if o == 1: return e + f'.print({R.randint(1,3)})'
    if o == 2: return e + '.foreachRDD((rdd, t) => println(s"$t " + rdd.collect().map(_.toString).sorted.mkString(",")))'
    return e + '.foreachRDD(rdd => println(rdd.glom().collect().map(_.mkString("[", ",", "]")).mkString(" ")))'
os.makedirs(d + '/in', exist_ok=True)
for i in range(n):
    B = R.choice([500, 1000, 1000, 2000])
    body = '    ssc.checkpoint("/tmp/ck")\n' + ''.join('    ' + prog(B).replace('{TCP}', TCP) + '\n' for _ in range(R.choice([1, 1, 2])))
    nb = R.randint(5, 10)
    batches = [[' '.join(R.choice(VOC) for _ in range(R.randint(1, 4))) for _ in range(R.choice([0, 0, 1, 2, 3]))] for _ in range(nb)]
    master = 'local[2]' if TC else R.choice(['local[2]', 'local[2]', 'local[3]'])
    before = 'import org.apache.spark.TaskContext' if TC else ''
    text = program(body, master, f'Milliseconds({B})', before)
    write(d, f's{seed}_{i}', text, batches, R.randint(1, 3))
print('wrote', n)
