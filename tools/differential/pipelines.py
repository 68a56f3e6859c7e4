"""Random well-typed DStream pipelines (maps, windows, joins, shuffles, state; RDD actions in
foreachRDD), as oracle scenarios. Usage: python3 pipelines.py SEED N OUTDIR (VOC=words to pick
from, e.g. words whose AppendOnlyMap slots collide; FAIL=1 adds stages that throw on the word
`zz`, on local[2], whose one free core runs tasks in their launch order, so the failing task
and its id are Spark's to fix; TC=1 adds maps that print each record's partition, stage and
task id from `TaskContext`)."""
import json, os, random, sys

from scenario import program, write
seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(seed)
R = random
def dur():
    return R.choice([1, 1, 2, 2, 3, 4])
def win():
    s = dur()
    if R.random() < 0.08: return R.choice([3, 5]), 2  # sometimes invalid
    return s * R.choice([1, 2, 3]), s
def K(): return R.randint(0, 4)
FAIL = os.environ.get('FAIL') == '1'
TC = os.environ.get('TC') == '1'
TCP = 'TaskContext.getPartitionId} ${TaskContext.get.stageId} ${TaskContext.get.taskAttemptId'
def S(e, depth):
    if depth <= 0: return e, 'S'
    if TC and R.random() < 0.2: return S(e + f'.map(w => {{ println(s"tc ${{{TCP}}} $w"); w }})', depth - 1)
    if FAIL and R.random() < 0.15: return S(e + '.map(w => if (w == "zz") w.toInt.toString else w)', depth - 1)
    c = R.randrange(15)
    if c == 0: return S(e + '.flatMap(_.split(" "))', depth - 1)
    if c == 1: return S(e + '.map(_.toUpperCase)', depth - 1)
    if c == 2: return S(e + f'.filter(_.length > {K()})', depth - 1)
    if c in (3, 4): return P(e + '.map(w => (w, 1))', depth - 1)
    if c == 5: return P(e + '.map(w => (w, w.length))', depth - 1)
    if c == 6: w, s = win(); return S(e + f'.window(Seconds({w}), Seconds({s}))', depth - 1)
    if c == 7: return S(e + f'.repartition({R.randint(1, 4)})', depth - 1)
    if c == 8: return S(e + '.transform(rdd => rdd.distinct())', depth - 1)
    if c == 9: return P(e + '.countByValue().map(kv => (kv._1, kv._2.toInt))', depth - 1)
    if c == 10: return e + '.count()', 'L'
    if c == 11: w, s = win(); return e + f'.countByWindow(Seconds({w}), Seconds({s}))', 'L'
    if c == 12: return S(e + '.map(w => { println("m " + w); w })', depth - 1)
    if c == 13: return S(e + '.union(lines)', depth - 1)
    return S(e + '.flatMap(_.split(" "))', depth - 1)
def P(e, depth):
    if depth <= 0: return e, 'P'
    if TC and R.random() < 0.2: return P(e + f'.map(kv => {{ println(s"tc ${{{TCP}}} $kv"); kv }})', depth - 1)
    if FAIL and R.random() < 0.15: return P(e + '.map(kv => if (kv._1 == "zz") (kv._1, kv._2 / 0) else kv)', depth - 1)
    c = R.randrange(30)
    if c == 0: return P(e + '.reduceByKey(_ + _)', depth - 1)
    if c == 1: return P(e + f'.reduceByKey(_ + _, {R.randint(1, 4)})', depth - 1)
    if c == 2: return P(e + '.reduceByKey((a, b) => { println(s"r $a $b"); a + b })', depth - 1)
    if c == 3: return P(e + '.groupByKey().mapValues(_.sum)', depth - 1)
    if c == 4: w, s = win(); return P(e + f'.reduceByKeyAndWindow((a: Int, b: Int) => a + b, Seconds({w}), Seconds({s}))', depth - 1)
    if c == 5:
        w, s = win()
        f = R.choice(['', f', {R.randint(1,3)}, (kv: (String, Int)) => kv._2 > 0'])
        pr = R.random() < 0.5
        rf = '(a: Int, b: Int) => { println(s"rf $a $b"); a + b }' if pr else '(a: Int, b: Int) => a + b'
        inv = '(a: Int, b: Int) => { println(s"inv $a $b"); a - b }' if pr else '(a: Int, b: Int) => a - b'
        return P(e + f'.reduceByKeyAndWindow({rf}, {inv}, Seconds({w}), Seconds({s}){f})', depth - 1)
    if c == 6:
        pr = R.random() < 0.5
        body = '{ println(s"u $vs $st"); Some(vs.sum + st.getOrElse(0)) }' if pr else 'Some(vs.sum + st.getOrElse(0))'
        return P(e + f'.updateStateByKey((vs: Seq[Int], st: Option[Int]) => {body})', depth - 1)
    if c == 7:
        to = R.choice(['', f'.timeout(Seconds({R.randint(1,3)}))'])
        pr = R.random() < 0.5
        p = 'println(s"mws $k $v ${st.exists} ${st.isTimingOut}"); ' if pr else ''
        upd = 'if (!st.isTimingOut) st.update(s); ' if to else 'st.update(s); '
        return P(e + f'.mapWithState(StateSpec.function((k: String, v: Option[Int], st: State[Int]) => {{ {p}val s = v.getOrElse(0) + st.getOption.getOrElse(0); {upd}(k, s) }}){to})', depth - 1)
    if c == 8: return P(e + '.mapValues(_ * 2)', depth - 1)
    if c == 9: return P(e + f'.filter(_._2 > {K()})', depth - 1)
    if c == 10: return P(e + '.transform(rdd => rdd.sortByKey())', depth - 1)
    if c == 11: w, s = win(); return P(e + f'.window(Seconds({w}), Seconds({s}))', depth - 1)
    if c == 12: w, s = win(); return P(e + f'.groupByKeyAndWindow(Seconds({w}), Seconds({s})).mapValues(_.size)', depth - 1)
    if c == 13: return P(e + '.transform(rdd => rdd.sortBy(_._2, false))', depth - 1)
    if c == 14: return P(e + f'.repartition({R.randint(1, 4)})', depth - 1)
    if c == 15: return P(e + '.map(kv => (kv._1.take(2), kv._2)).reduceByKey(_ max _)', depth - 1)
    if c == 16: return P(e + '.join(lines.map(l => (l, 2))).mapValues(t => t._1 * 10 + t._2)', depth - 1)
    if c == 17: return P(e + f'.leftOuterJoin(lines.flatMap(_.split(" ")).map(w => (w, 1)){R.choice(["", ", 3"])}).mapValues(t => t._1 + t._2.getOrElse(-1))', depth - 1)
    if c == 18: return P(e + '.cogroup(lines.map(l => (l.take(1), 1))).mapValues(t => t._1.sum * 10 + t._2.size)', depth - 1)
    if c == 19: return P(e + '.transform(_.foldByKey(0)(_ + _))', depth - 1)
    if c == 20: return P(e + '.transform(_.aggregateByKey(0)(_ + _, _ max _))', depth - 1)
    if c == 21: w, s = win(); return P(e + f'.countByValueAndWindow(Seconds({w}), Seconds({s})).map(kv => (kv._1._1, kv._2.toInt))', depth - 1)
    if c == 22: return P(e + '.flatMapValues(v => List(v, v + 1))', depth - 1)
    if c == 23: return P(e + '.transform(rdd => rdd.sortBy(_._1))', depth - 1)
    if c == 24: return P(e + f'.transform(rdd => rdd.coalesce({R.randint(1,2)}))', depth - 1)
    if c == 25: return P(e + f'.transform(rdd => rdd.partitionBy(new HashPartitioner({R.randint(1,4)})))', depth - 1)
    if c == 26: return P(e + f'.combineByKey[Int](v => v, _ + _, _ + _, new HashPartitioner({R.randint(1,4)}))', depth - 1)
    if c == 27: return P(e + '.union(lines.map(l => (l, -1)))', depth - 1)
    if c == 28: return P(e + '.transform(rdd => rdd.distinct())', depth - 1)
    return P(e + '.reduceByKey(_ + _)', depth - 1)
SEXPR = ['rdd.count()', 'rdd.distinct().count()', 'rdd.map(_.length).fold(0)(_ + _)', 'rdd.sortBy(x => x).take(3).mkString(",")',
 'rdd.top(2).mkString(",")', 'rdd.takeOrdered(2).mkString(",")', 'rdd.zipWithIndex().collect().mkString(",")',
 'rdd.groupBy(_.length).mapValues(_.size).collect().sorted.mkString(",")', 'rdd.countByValue().toSeq.sorted.mkString(",")',
 'rdd.first()', 'rdd.reduce(_ + _)', 'rdd.isEmpty()', 'rdd.glom().map(_.length).collect().mkString(",")',
 'rdd.map(w => (w, 1)).reduceByKey(_ + _).collect().mkString(",")', 'rdd.map(w => (w.length, w)).groupByKey().collect().mkString(",")',
 'rdd.keyBy(_.length).countByKey().toSeq.sorted.mkString(",")', 'rdd.mapPartitionsWithIndex((i, it) => it.map(x => s"$i:$x")).collect().mkString(",")',
 'rdd.repartition(3).glom().collect().map(_.mkString("|")).mkString(",")', 'rdd.coalesce(1).collect().mkString(",")',
 'rdd.cartesian(rdd).count()', 'rdd.subtract(rdd.filter(_.length > 1)).collect().mkString(",")',
 'rdd.intersection(rdd.filter(_.length > 1)).collect().mkString(",")', 'rdd.sample(false, 0.5, 42).collect().mkString(",")',
 'rdd.map(_.length).stats()', 'rdd.map(_.length.toDouble).mean()', 'rdd.map(_.length).max()', 'rdd.map(w => (w, w.length)).collectAsMap()',
 'rdd.map(w => (w, 1)).join(rdd.map(w => (w, 2))).collect().mkString(",")', 'rdd.map(w => (w, 1)).cogroup(rdd.map(w => (w.take(1), 2))).collect().mkString(",")',
 'rdd.map(w => (w, 1)).sortByKey(false).collect().mkString(",")', 'rdd.map(w => (w, 1)).lookup("a")', 'rdd.distinct().collect().mkString(",")',
 'rdd.map(w => (w.take(1), w)).aggregateByKey("")(_ + _, _ + _).collect().mkString(",")', 'rdd.flatMap(_.toList).countByValue().toSeq.sorted.take(5).mkString(",")',
 'rdd.map(w => (w, 1)).reduceByKey(_ + _, 3).glom().collect().map(_.mkString("|")).mkString(",")', 'rdd.sortBy(_.length, false, 2).collect().mkString(",")',
 'rdd.map(w => (w, 1)).partitionBy(new HashPartitioner(3)).mapPartitionsWithIndex((i, it) => it.map(x => s"$i:${x._1}")).collect().mkString(",")',
 'rdd.randomSplit(Array(0.5, 0.5), 7).map(_.count()).mkString(",")', 'rdd.map(w => (w, 1)).foldByKey(0)(_ + _).collect().mkString(",")',
 'rdd.map(w => (w, 1)).combineByKey((v: Int) => List(v), (c: List[Int], v: Int) => v :: c, (a: List[Int], b: List[Int]) => a ::: b).collect().mkString(",")',
 'rdd.zip(rdd.map(_.length)).collect().mkString(",")', 'rdd.toDebugString.split("\\n").length', 'rdd.map(w => (w, 1)).countByKey().toSeq.sorted.mkString(",")',
]
def out(e, t):
    if t == 'S' and R.random() < 0.5:
        exprs = R.sample(SEXPR, R.randint(1, 3))
        return e + '.foreachRDD { rdd =>\n' + ''.join(f'      println({x})\n' for x in exprs) + '    }'
    c = R.randrange(5)
    if c == 0: return e + '.print()'
    if c == 1: return e + f'.print({R.randint(1, 4)})'
    if c == 2: return e + '.foreachRDD((rdd, t) => println(s"$t " + rdd.collect().map(_.toString).sorted.mkString(",")))'
    if c == 3: return e + '.foreachRDD(rdd => println("n " + rdd.count() + " p " + rdd.getNumPartitions))'
    if c == 4 and t == 'L': w, s = win(); return e + f'.reduceByWindow(_ + _, Seconds({w}), Seconds({s})).print()'
    if c == 4: return e + '.foreachRDD(rdd => println(rdd.glom().collect().map(_.mkString("[", ",", "]")).mkString(" ")))'
    return e + '.print()'
VOC = os.environ.get('VOC', 'a b c hello hi spark x yy zz zzz Spark world k1 k2 k3').split()
os.makedirs(d + '/in', exist_ok=True)
for i in range(n):
    body = '    ssc.checkpoint("/tmp/ck")\n'
    for j in range(R.choice([1, 1, 2])):
        e, t = S('lines', R.randint(2, 5))
        body += '    ' + out(e, t) + '\n'
    nb = R.randint(4, 8)
    batches = [[' '.join(R.choice(VOC) for _ in range(R.randint(1, 4))) for _ in range(R.randint(0, 3))] for _ in range(nb)]
    master = 'local[2]' if FAIL or TC else R.choice(['local[2]', 'local[2]', 'local[3]', 'local[4]'])
    before = 'import org.apache.spark.TaskContext' if TC else ''
    write(d, f'r{seed}_{i}', program(body, master, before=before), batches, R.randint(1, 3))
print('wrote', n)
