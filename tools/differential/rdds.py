"""Random chains of RDD operations inside `foreachRDD`: pair and word RDDs through shuffles
(with and without a partition count), joins, cogroups, set operations, zips, samples,
coalesces and sorts, each ended by an action whose result is printed with its partitioning
(`glom`, `partitioner`) or its exception's class and text. Usage: python3 rdds.py SEED N
OUTDIR."""
import os, random, sys

from scenario import program, write
seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)
VOC = 'a b c hi hello spark x zz yy'.split()
os.makedirs(d + '/in', exist_ok=True)


def parts():
    return R.choice(['', '', str(R.randint(1, 4))])


def comma(p):
    return f', {p}' if p else ''


def pair(depth):
    """An expression of type RDD[(String, Int)]."""
    if depth <= 0 or R.random() < 0.25:
        return R.choice(['p', 'q'])
    a = pair(depth - 1)
    k = R.randrange(28)
    p = parts()
    if k == 24: return f'{a}.sortByKey().filterByRange("{R.choice(VOC)}", "{R.choice(VOC)}")'
    if k == 25: return f'{a}.sampleByKey(false, Map("a" -> 0.2, "hi" -> 0.9).withDefaultValue(0.5), {R.randint(1, 99)}L)'
    if k == 26: return f'{a}.combineByKey((v: Int) => v, (c: Int, v: Int) => c * 2 + v, (c1: Int, c2: Int) => c1 - c2{comma(p)})'
    if k == 0: return f'{a}.reduceByKey(_ + _{comma(p)})'
    if k == 1: return f'{a}.groupByKey({p}).mapValues(_.sum)'
    if k == 2: return f'{a}.aggregateByKey(0{comma(p)})(_ + _, _ max _)'
    if k == 3: return f'{a}.foldByKey(1)(_ * _)'
    if k == 4: return f'{a}.partitionBy(new HashPartitioner({R.randint(1, 4)}))'
    if k == 5: return f'{a}.sortByKey({R.choice(["true", "false"])}{comma(p)})'
    if k == 6: return f'{a}.mapValues(_ * {R.randint(2, 5)})'
    if k == 7: return f'{a}.flatMapValues(v => 1 to (v % 3))'
    if k == 8: return f'{a}.distinct({p})'
    if k == 9: return f'{a}.coalesce({R.randint(1, 3)})'
    if k == 10: return f'{a}.repartition({R.randint(1, 4)})'
    if k == 11: return f'{a}.filter(_._2 > {R.randint(0, 3)})'
    if k == 12: return f'{a}.sample(false, {R.choice(["0.3", "0.5", "0.8"])}, {R.randint(1, 99)}L)'
    if k == 13: return f'{a}.zipWithIndex().map {{ case ((k, v), i) => (k, v + i.toInt) }}'
    if k == 14: return f'{a}.mapPartitionsWithIndex((i, it) => it.map {{ case (k, v) => (k, v * 10 + i) }})'
    if k == 15: return f'{a}.sortBy(_._2, {R.choice(["true", "false"])}{comma(p)})'
    b = pair(depth - 1)
    if k == 16: return f'{a}.union({b})'
    if k == 27: return f'({a} ++ {b})'
    if k == 17: return f'{a}.subtractByKey({b}{comma(p)})'
    if k == 18: return f'{a}.join({b}{comma(p)}).mapValues {{ case (x, y) => x * 10 + y }}'
    if k == 19: return f'{a}.leftOuterJoin({b}{comma(p)}).mapValues {{ case (x, y) => x + y.getOrElse(-1) }}'
    if k == 20: return f'{a}.fullOuterJoin({b}{comma(p)}).mapValues {{ case (x, y) => x.getOrElse(0) - y.getOrElse(0) }}'
    if k == 21: return f'{a}.cogroup({b}{comma(p)}).mapValues {{ case (x, y) => x.size * 10 + y.size }}'
    if k == 22: return f'{a}.subtract({b}{comma(p)})'
    return f'{a}.intersection({b}{comma(p)})'


def words(depth):
    """An expression of type RDD[String]."""
    if depth <= 0 or R.random() < 0.3:
        return R.choice(['w', 'p.keys', 'q.keys'])
    a = words(depth - 1)
    k = R.randrange(9)
    p = parts()
    if k == 0: return f'{a}.distinct({p})'
    if k == 1: return f'{a}.sortBy(x => x, {R.choice(["true", "false"])}{comma(p)})'
    if k == 2: return f'{a}.coalesce({R.randint(1, 3)}, {R.choice(["true", "false"])})'
    if k == 3: return f'{a}.repartition({R.randint(1, 4)})'
    if k == 4: return f'{a}.union({words(depth - 1)})'
    if k == 5: return f'{a}.subtract({words(depth - 1)})'
    if k == 6: return f'{a}.map(_.toUpperCase)'
    if k == 7: return f'{pair(depth - 1)}.keys'
    return f'{a}.filter(_.length > 1)'


def action():
    if R.random() < 0.6:
        e = pair(R.randint(1, 3))
        a = R.choice(['glom().collect().map(_.toList).toList', 'collect().toList', 'count()',
                      'countByKey()', 'collectAsMap()', 'lookup("a")', 'top(2)(Ordering.by(_._2)).toList',
                      'takeOrdered(3).toList', 'first()', 'values.reduce(_ + _)', 'values.sum()',
                      'partitioner', 'getNumPartitions', 'take(3).toList', 'isEmpty()',
                      'values.stats()', 'keys.countByValue()', 'values.map(_.toDouble).histogram(3)._2.toList',
                      'takeOrdered(2)(Ordering.by(_._2)).toList', 'top(3)(Ordering.by(_._1.length)).toList'])
        if a in ('partitioner', 'getNumPartitions'):
            return f'{{ val r = {e}; s"${{r.{a}}} ${{r.glom().collect().map(_.length).toList}}" }}'
        return f'{e}.{a}'
    e = words(R.randint(1, 3))
    a = R.choice(['glom().collect().map(_.toList).toList', 'collect().toList', 'count()',
                  'countByValue()', 'top(2).toList', 'takeOrdered(2).toList', 'first()',
                  'reduce(_ + _)', 'max()', 'min()', 'zipWithIndex().collect().toList',
                  'distinct().count()', 'isEmpty()', 'getNumPartitions'])
    return f'{e}.{a}'


for i in range(n):
    lines = ['lines.foreachRDD { rdd =>',
             '  val w = rdd.flatMap(_.split(" "))',
             '  val p = w.map(x => (x, x.length))',
             '  val q = w.map(x => (x.take(1), 1))']
    for j in range(R.randint(3, 6)):
        lines.append(f'  try println("{j} " + {action()}) catch {{ case e: Exception => println("{j} E " + e.getClass.getName + ": " + e.getMessage) }}')
    lines.append('}')
    body = ''.join('    ' + l + '\n' for l in lines)
    batches = [[' '.join(R.choice(VOC) for _ in range(R.randint(0, 5))) for _ in range(R.randint(0, 3))]
               for _ in range(R.randint(2, 4))]
    write(d, f'r{seed}_{i}', program(body, master=os.environ.get('MASTER') or R.choice(['local[2]', 'local[3]'])), batches, 2)
