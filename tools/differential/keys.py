"""Keys of many types (numbers, chars, booleans, tuples, options, case classes, collections)
through shuffles, printed in partition order. Usage: python3 keys.py SEED N OUTDIR."""
import json, os, random, sys

from scenario import program, write
seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)
KEYS = ['w', 'w.length', 'w.length.toLong', 'w.length * 1.5', 'w.head', 'w.length > 2', '(w, w.length)', '(w.length, w.head)',
        'Some(w.length)', 'if (w.length > 2) Some(w) else None', 'w.toUpperCase', 'K(w, w.length)', 'List(w.length, 1)', 'w.length.toLong * 3000000000L',
        '(w.length % 2 == 0, w.take(1))', 'w.length.toDouble / 3', 'Set(w.length)', 'w.toList.sorted.mkString', '-w.length', 'w.length - 2.0', '(w, (w.length, w.head))', 'Vector(w)', 'Map(w -> 1)', 'w.hashCode']
OPS = ['.reduceByKey(_ + _)', '.reduceByKey(_ + _, 3)', '.groupByKey().mapValues(_.toList)', '.groupByKey(4).mapValues(_.sum)',
       '.transform(_.distinct())', '.transform(_.sortByKey())', '.countByValue()', '.transform(_.keys.distinct(3).map(k => (k, 0)))',
       '.transform(_.aggregateByKey(0)(_ + _, _ + _))', '.transform(r => r.join(r))', '.transform(r => r.cogroup(r).mapValues(t => t._1.size))',
       '.transform(_.repartition(3))', '.transform(_.partitionBy(new HashPartitioner(5)))', '.transform(_.subtractByKey(ssc.sparkContext.parallelize(Seq.empty[(KT, Int)])))']
os.makedirs(d + '/in', exist_ok=True)
for i in range(n):
    body = ''
    for j in range(R.randint(2, 4)):
        key = R.choice(KEYS)
        op = R.choice(OPS)
        if 'KT' in op: op = '.transform(r => r.subtractByKey(r.filter(_._2 > 1)))'
        out = R.choice(['.print()', '.print(20)', '.foreachRDD(r => println(r.glom().collect().map(_.mkString("[", ",", "]")).mkString(" ")))'])
        if 'sortByKey' in op and any(t in key for t in ['K(', 'Some', 'None', 'List', 'Set', 'Vector', 'Map', '(w, (']): op = '.reduceByKey(_ + _)'
        body += f'    lines.flatMap(_.split(" ")).map(w => ({key}, 1)){op}{out}\n'
    VOC = 'a bb ccc hi hello spark x yy zz zzz Spark k1 k22 aa bz en hk'.split()
    batches = [[' '.join(R.choice(VOC) for _ in range(R.randint(1, 5))) for _ in range(R.randint(1, 3))] for _ in range(R.randint(2, 4))]
    master = R.choice(['local[2]', 'local[3]', 'local[4]'])
    text = program(body, master, before='case class K(s: String, n: Int)\n')
    write(d, f'k{seed}_{i}', text, batches, R.randint(1, 3))
print('wrote', n)
