"""Random task-side Scala: functions given to DStream operators that parse lines into case
classes and a sealed trait, match on them (guards, extractors, regexes, tuples, alternatives),
chain Options and Trys, and fill mutable collections inside `mapPartitions`; printed with
`print()` or collected in `foreachRDD`. Usage: python3 tasks.py SEED N OUTDIR."""
import os, random, sys

from scenario import program, write
seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)

BEFORE = '''import scala.util.{Try, Success, Failure}
case class Rec(word: String, n: Int)
sealed trait Ev
case class Click(user: String) extends Ev
case class View(user: String, secs: Int) extends Ev
case object Tick extends Ev
case class Pt(x: Int, y: Int) { def norm: Int = math.abs(x) + math.abs(y) }
object Parse {
  val KV = "(\\\\w+)=(-?\\\\d+)".r
  def ev(l: String): Ev = l.split(" ").toList match {
    case "click" :: u :: _ => Click(u)
    case "view" :: u :: s :: _ if s.forall(_.isDigit) => View(u, s.toInt)
    case _ => Tick
  }
}
'''
LINES = ['hello hi hi', 'a=1 b=2', 'click u1', 'view u2 3', 'view u1 x', 'x 12 y', '',
         '  spaced  out ', '7 8 9', 'k=-4', 'click u2 extra', 'Hello HELLO', 'tick', 'a=10']


def K(lo=0, hi=4):
    return str(R.randint(lo, hi))


# Stages: each takes an expression of a stream type and gives (expression, type).
def from_lines():
    c = R.randrange(6)
    if c == 0: return 'lines.flatMap(_.split(" ")).filter(_.nonEmpty)', 'W'
    if c == 1: return 'lines.map(l => Rec(l.trim, l.split(" ").length))', 'REC'
    if c == 2: return 'lines.map(Parse.ev)', 'EV'
    if c == 3: return 'lines.flatMap(l => Parse.KV.findAllMatchIn(l).map(m => (m.group(1), m.group(2).toInt)))', 'P'
    if c == 4: return 'lines.flatMap(_.split(" ")).flatMap(w => Try(w.toInt).toOption)', 'I'
    return 'lines', 'W'


def stage(e, t):
    if t == 'W':
        return R.choice([
            lambda: (f'{e}.map(w => Rec(w, w.length))', 'REC'),
            lambda: (f'{e}.map(w => w match {{ case "hi" | "hello" => ("greet", 1) case s if s.length > {K(1,3)} => (s.take(2), s.length) case s => (s, 0) }})', 'P'),
            lambda: (f'{e}.flatMap(w => w.headOption.map(c => (c.toString, w.length)))', 'P'),
            lambda: (f'{e}.map(w => Try(w.toInt) match {{ case Success(v) => v case Failure(_) => -1 }})', 'I'),
            lambda: (f'{e}.map(w => Parse.KV.findFirstMatchIn(w).map(_.group(1)).getOrElse(w.toLowerCase))', 'W'),
            lambda: (f'{e}.mapPartitions(it => {{ val m = mutable.Map[String, Int](); it.foreach(w => m(w) = m.getOrElse(w, 0) + 1); m.toList.sortBy(_._1).iterator }})', 'P'),
            lambda: (f'{e}.mapPartitions(it => {{ val b = mutable.ArrayBuffer[String](); it.foreach(b += _); b.distinct.sorted.iterator }})', 'W'),
            lambda: (f'{e}.map(w => (w.length, w)).map {{ case (n, w) if n % 2 == 0 => w.reverse case (_, w) => w }}', 'W'),
            lambda: (f'{e}.map(_.split("=") match {{ case Array(k, v) => Pt(k.length, Try(v.toInt).getOrElse(0)) case arr => Pt(arr.length, 0) }})', 'PT'),
            lambda: (f'{e}.map(w => Option(w).filter(_.nonEmpty).map(_.capitalize).getOrElse("-"))', 'W'),
            lambda: (f'{e}.flatMap(w => for {{ c <- w.headOption; d <- w.lastOption if c != d }} yield s"$c$d")', 'W'),
            lambda: (f'{e}.map(w => if (w.exists(_.isDigit)) Left(w.filter(_.isDigit).length) else Right(w)).map {{ case Left(n) => ("digits", n) case Right(s) => (s, -1) }}', 'P'),
            lambda: (f'{e}.transform(rdd => rdd.mapPartitionsWithIndex((i, it) => it.map(w => s"$i:$w")))', 'W'),
            lambda: (f'{e}.map(w => w.groupBy(identity).map {{ case (c, cs) => (c, cs.length) }}.toList.sortBy(x => (-x._2, x._1)).take(2).mkString)', 'W'),
            lambda: (f'{e}.map(w => "%-4s|%3d".format(w.take(4), w.length))', 'W'),
            lambda: (f'{e}.map(w => (w.take(1), w)).combineByKey((v: String) => List(v), (c: List[String], v: String) => v :: c, (a: List[String], b: List[String]) => a ::: b, new HashPartitioner(2)).map {{ case (k, vs) => (k, vs.sorted.mkString(",").length) }}', 'P'),
            lambda: (f'{e}.map(w => (w.length % 3, w)).transform(rdd => rdd.sortByKey().map(_._2))', 'W'),
            lambda: (f'{e}.map(_.toInt)', 'I'),
            lambda: (f'{e}.map(w => w match {{ case "hi" => 1 case s if s.length > 2 => 2 }})', 'I'),
            lambda: (f'{e}.map(w => w.split("=")(1))', 'W'),
            lambda: (f'{e}.map(w => w.filter(_.isDigit).head)', 'W'),
            lambda: (f'{e}.map(w => 100 / w.count(_ == \'a\'))', 'I'),
            lambda: (f'{e}.map(w => w.charAt({K(1,5)}).toString)', 'W'),
            lambda: (f'{e}.map(w => Some(w).filter(_.length > 1).get)', 'W'),
        ])()
    if t == 'REC':
        return R.choice([
            lambda: (f'{e}.filter(_.n > {K(0,2)})', 'REC'),
            lambda: (f'{e}.map {{ case Rec(w, n) if n > 1 => (w, n) case Rec(w, _) => (w.toUpperCase, 0) }}', 'P'),
            lambda: (f'{e}.map(r => r.copy(n = r.n * {K(1,3)}))', 'REC'),
            lambda: (f'{e}.map(r => (r.word.length, r)).map(_._2.word)', 'W'),
            lambda: (f'{e}.map(r => (r, 1)).reduceByKey(_ + _).map {{ case (Rec(w, n), c) => (w, n + c) }}', 'P'),
            lambda: (f'{e}.filter(r => r == Rec("a=1 b=2", 2) || r.word.startsWith("h"))', 'REC'),
        ])()
    if t == 'EV':
        return R.choice([
            lambda: (f'{e}.map {{ case Click(u) => (u, 1) case View(u, s) => (u, s) case Tick => ("tick", 0) }}', 'P'),
            lambda: (f'{e}.filter {{ case _: Click => true case View(_, s) => s > {K(0,3)} case _ => false }}', 'EV'),
            lambda: (f'{e}.map(_.toString)', 'W'),
            lambda: (f'{e}.map(ev => (ev, 1)).reduceByKey(_ + _).map {{ case (ev, c) => s"$ev:$c" }}', 'W'),
            lambda: (f'{e}.transform(rdd => rdd.collect {{ case v: View => v.secs }})', 'I'),
            lambda: (f'{e}.map(ev => ev match {{ case Click(u) if u.endsWith("1") => "one" case c: Click => c.user case other => other.getClass.getSimpleName }})', 'W'),
        ])()
    if t == 'P':
        return R.choice([
            lambda: (f'{e}.reduceByKey(_ + _)', 'P'),
            lambda: (f'{e}.map {{ case (k, v) => (k, v * 2 + 1) }}', 'P'),
            lambda: (f'{e}.groupByKey().map {{ case (k, vs) => (k, vs.toList.sorted.mkString("+")) }}.map {{ case (k, s) => (k, s.length) }}', 'P'),
            lambda: (f'{e}.map {{ case (k, v) => Rec(k, v) }}', 'REC'),
            lambda: (f'{e}.map(_.swap).map {{ case (v, k) => Pt(v, k.length) }}', 'PT'),
            lambda: (f'{e}.updateStateByKey((vs: Seq[Int], st: Option[Int]) => st.map(_ + vs.sum).orElse(vs.headOption).filter(_ < {K(5,20)}))', 'P'),
            lambda: (f'{e}.filter {{ case (k, v) => k.nonEmpty && v != {K(0,2)} }}', 'P'),
            lambda: (f'{e}.mapValues(v => if (v > 1) Some(v) else None).flatMap {{ case (k, Some(v)) => List((k, v)) case (_, None) => Nil }}', 'P'),
            lambda: (f'{e}.transform(rdd => rdd.aggregateByKey((0, 0))((acc, v) => (acc._1 + v, acc._2 + 1), (a, b) => (a._1 + b._1, a._2 + b._2))).map {{ case (k, (s, c)) => (k, s * 10 / c) }}', 'P'),
            lambda: (f'{e}.mapWithState(StateSpec.function((k: String, v: Option[Int], st: State[List[Int]]) => {{ val l = (v.toList ++ st.getOption.getOrElse(Nil)).take(3); st.update(l); (k, l.sum) }}))', 'P'),
            lambda: (f'{e}.transform(rdd => rdd.groupByKey().flatMap {{ case (k, vs) => vs.toList.sorted.zipWithIndex.map {{ case (v, i) => (k + i, v) }} }})', 'P'),
            lambda: (f'{e}.map {{ case (k, v) => (k, v) match {{ case (s, n) if s.length == n => ("eq", n) case (s, 0) => (s, 0) case other => (other._1.toUpperCase, other._2) }} }}', 'P'),
        ])()
    if t == 'I':
        return R.choice([
            lambda: (f'{e}.map(i => (i % 3, i)).reduceByKey(math.max(_, _)).map {{ case (k, v) => (k.toString, v) }}', 'P'),
            lambda: (f'{e}.filter(_ > {K(0,5)})', 'I'),
            lambda: (f'{e}.map(i => Pt(i, -i))', 'PT'),
            lambda: (f'{e}.map(i => i match {{ case 0 => "zero" case x if x < 0 => "neg" case x => "n" + x }})', 'W'),
        ])()
    if t == 'PT':
        return R.choice([
            lambda: (f'{e}.map(_.norm)', 'I'),
            lambda: (f'{e}.map {{ case Pt(x, y) => (x.toString, y) }}', 'P'),
            lambda: (f'{e}.filter(p => p.x > p.y)', 'PT'),
            lambda: (f'{e}.map {{ case Pt(0, y) => y case Pt(x, y) if x > y => x }}', 'I'),
            lambda: (f'{e}.map(p => (p, 1)).reduceByKey(_ + _).map(_._1)', 'PT'),
        ])()


def output(e, t):
    c = R.randrange(4)
    if c == 0: return f'    {e}.print()\n'
    if c == 1: return f'    {e}.foreachRDD(rdd => println(rdd.collect().map(_.toString).sorted.mkString("[", ", ", "]")))\n'
    if c == 2: return f'    {e}.count().print()\n'
    return f'    {e}.foreachRDD((rdd, t) => println(s"$t " + rdd.map(_.toString).collect().toList))\n'


os.makedirs(d + '/in', exist_ok=True)
for i in range(n):
    e, t = from_lines()
    for _ in range(R.randint(1, 4)):
        e, t = stage(e, t)
    body = output(e, t)
    if 'updateStateByKey' in body or 'mapWithState' in body:
        body = '    ssc.checkpoint("/tmp/cp")\n' + body
    batches = [R.sample(LINES, R.randint(0, 4)) for _ in range(R.randint(3, 5))]
    write(d, f't{seed}_{i}', program(body, before=BEFORE, master=R.choice(['local[2]', 'local[3]'])), batches, R.randint(1, 3))
print('wrote', n)
