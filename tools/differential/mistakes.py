"""Random one-line programs, many of them mistakes a learner makes (a window operation with
too few or too many arguments, durations written as numbers, a lambda with the wrong number of
parameters, a `String` method on an `Int`, an operator a type lacks), the rest their correct
forms: python3 mistakes.py SEED N DIR. Compared by compile_compare.py: scalac's errors
(Spark 4.3.0's compiler) against the checker's."""
import os
import random
import sys

from scenario import program, write

seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
os.makedirs(d + '/in', exist_ok=True)

DURATIONS = ['Seconds(4)', 'Seconds(2)', '4', '2', '"2"', 'Milliseconds(2000)']
SETUP = '''    ssc.checkpoint("/tmp/mistakes-cp")
    val pairs = lines.flatMap(_.split(" ")).map(w => (w, 1))
    val nums = lines.map(_.length)
'''


def durations():
    return [rng.choice(DURATIONS[:2] * 3 + DURATIONS) for _ in range(rng.choice([0, 1, 1, 2, 2, 2, 3]))]


def window_op():
    recv, head = rng.choice([
        ('lines', 'window'),
        ('lines', 'countByWindow'),
        ('nums', 'reduceByWindow'),
        ('lines', 'countByValueAndWindow'),
        ('pairs', 'reduceByKeyAndWindow'),
        ('pairs', 'reduceByKeyAndWindow-inv'),
        ('pairs', 'groupByKeyAndWindow'),
    ])
    args = durations()
    name = head.split('-')[0]
    if head in ('reduceByWindow', 'reduceByKeyAndWindow'):
        args = ['_ + _'] + args
    if head == 'reduceByKeyAndWindow-inv':
        args = ['_ + _', '_ - _'] + args
    return f'    {recv}.{name}({", ".join(args)}).print()\n'


def lam(k, typed):
    names = ['a', 'b', 'c'][:k]
    if typed:
        ps = ', '.join(f'{x}: {typed}' for x in names)
        return f'({ps}) => {names[0] if names else 1}'
    if k == 1:
        return 'a => a'
    return f'({", ".join(names)}) => {names[0] if names else 1}'


def arity():
    recv, name, ty = rng.choice([
        ('lines', 'map', 'String'),
        ('lines', 'flatMap', 'String'),
        ('lines', 'filter', 'String'),
        ('nums', 'reduce', 'Int'),
        ('pairs', 'reduceByKey', 'Int'),
        ('pairs', 'mapValues', 'Int'),
        ('pairs', 'map', 'String'),
        ('pairs', 'filter', 'String'),
    ])
    k = rng.choice([0, 1, 1, 2, 2, 3])
    typed = rng.choice([None, None, ty])
    body = lam(k, typed)
    if name == 'flatMap' and k == 1:
        body = 'a => a.split(" ")'
    if name == 'filter' and k == 1:
        body = 'a => a.isEmpty' if recv == 'lines' else 'a => a._2 > 1'
    if name == 'reduce' and k == 2:
        body = '(a, b) => a + b' if not typed else '(a: Int, b: Int) => a + b'
    if name == 'reduceByKey' and k == 2:
        body = '(a, b) => a max b' if not typed else '(a: Int, b: Int) => a max b'
    return f'    {recv}.{name}({body}).print()\n'


def member():
    recv, m = rng.choice([
        ('nums', '_.toUpperCase'), ('nums', '_.length'), ('nums', '_.abs'), ('nums', '_.max(2)'),
        ('nums', '_.toHexString'), ('nums', '_.isEmpty'), ('nums', '_.split(" ")'),
        ('nums', '_.toDouble'), ('nums', '_.sign'), ('nums', '_.until(3).size'),
        ('nums', 'x => x.isValidByte'), ('nums', 'x => x.toBinaryString.length'),
        ('nums', 'x => x.compareTo(2)'), ('nums', 'x => x.toChar.isDigit'),
        ('nums', 'x => x.toChar.toUpper'), ('nums', 'x => x.isWhole'), ('nums', 'x => x.trim'),
        ('nums', 'x => (x > 2).toInt'), ('nums', 'x => (x > 2).unary_!'),
        ('nums', 'x => x.toDouble.isNaN'), ('nums', 'x => x.toDouble.round'),
        ('nums', 'x => x.toLong.toHexString'), ('nums', 'x => x.contains(1)'),
        ('lines', '_.length.toUpperCase'), ('lines', 'l => l.charAt(0).isLetter'),
        ('lines', 'l => l.size.length'),
    ])
    return f'    {recv}.map({m}).print()\n'


def operator():
    recv, x = rng.choice([('nums', 'x'), ('lines', 'x'), ('nums', '(x > 1)'), ('lines', 'x.length')])
    op = rng.choice(['+', '-', '*', '/', '%', '&&', '||', '++', '<<', '&', '^', '<', '>='])
    y = rng.choice(['1', '"a"', 'true', '2.5'])
    return f'    {recv}.map(x => {x} {op} {y}).print()\n'


def update_func():
    """An `updateStateByKey` function: values and state declared or not, of the right types or
    not, a result that is an `Option` or not; sometimes a partition count after it."""
    vs = rng.choice(['vs', 'vs: Seq[Int]', 'vs: Seq[Int]', 'vs: List[Int]', 'vs: Seq[Long]',
                     'vs: Iterable[Int]', 'vs: Seq[String]'])
    st = rng.choice(['s', 's: Option[Int]', 's: Option[Int]', 's: Option[Int]', 's: Int',
                     's: Option[Long]', 's: Option[String]', 's: String', 's: Option[Any]'])
    sv = rng.choice(['s.getOrElse(0)', 's.get', 's', 's.getOrElse(0L)', 's.map(_ + 1).getOrElse(0)'])
    n = rng.choice(['vs.sum', 'vs.size', f'vs.sum + {sv}', f'{sv} + vs.size', 'vs.sum.toString',
                    'vs.sum * 1.5', '(vs.sum, 1)', 'vs.isEmpty', f'{sv} * 2'])
    result = rng.choice([f'Some({n})', f'Some({n})', f'Option({n})', n, f'if (vs.isEmpty) {sv} else Some({n})',
                         f'if (vs.isEmpty) None else Some({n})', f'{{ val n = {n}; Some(n) }}',
                         f'{{ val n = {n}; n }}', 's', f's.map(_ => {n})',
                         f'{sv} match {{ case 0 => None; case _ => Some({n}) }}'])
    more = rng.choice(['', '', '', ', 2', ', new HashPartitioner(2)'])
    return f'    pairs.updateStateByKey(({vs}, {st}) => {result}{more}).print()\n'


def map_with_state():
    """A `mapWithState` spec: the mapping function's parameters declared or not, of the right
    shapes or not, beside the call or inside it, over values of `Int` or `Long`."""
    k = rng.choice(['w: String', 'w: String', 'w', 'w: Int'])
    v = rng.choice(['one: Option[Int]', 'one: Option[Int]', 'one: Int', 'one', 'one: Option[Long]'])
    st = rng.choice(['st: State[Int]', 'st: State[Int]', 'st: Int', 'st', 'st: State[Long]'])
    ov = rng.choice(['one.getOrElse(0)', 'one.get', 'one', '1L', "'c'", '"x"'])
    body = rng.choice([f'{{ st.update({ov}); w }}', f'{{ st.update({ov}); (w, st.get) }}',
                       f'{{ val s = {ov}; st.update(s); s }}', 'w', f'{{ st.update(st.getOption.getOrElse(0) + 1); w }}'])
    time = rng.choice(['', '', '', 't: Time, '])
    fn = f'({time}{k}, {v}, {st}) => {body}'
    recv = rng.choice(['pairs', 'pairs', 'pairs.mapValues(_.toLong)'])
    after = rng.choice(['', '.timeout(Seconds(5))', '.numPartitions(2)'])
    tail = rng.choice(['.print()', '.stateSnapshots().print()', '.map(x => x).print()'])
    if rng.random() < 0.5:
        return f'    val spec = StateSpec.function({fn}){after}\n    {recv}.mapWithState(spec){tail}\n'
    return f'    {recv}.mapWithState(StateSpec.function({fn}){after}){tail}\n'


def option_expr():
    """Arithmetic and typed `val`s with `Option`s and tuples."""
    o = rng.choice(['o', 'Some(2)', 'None', 'o.map(_ + 1)', 't', 'o.get', 'o.getOrElse(0)', 'o.isDefined'])
    op = rng.choice(['+', '-', '*', '<', '==', '&&'])
    y = rng.choice(['1', '"a"', 'o', '2.5', 'o.get', 'true'])
    decl = rng.choice(['Int', 'Option[Int]', 'String', 'Option[String]', 'Long'])
    init = rng.choice(['o', 'Some(3)', '3', 'None', 'o.get', 'o.getOrElse(0)', 'Option(3)', '"a"'])
    return (f'    val o: Option[Int] = Some(3)\n    val t = (1, "a")\n'
            f'    println({o} {op} {y})\n    val v: {decl} = {init}\n    println(v)\n')


def get_or_else():
    """`getOrElse` with a default of the `Option`'s type or another (an `Any` or `AnyVal` to
    scalac), in a typed `val` or not, then used as a number or a `String`."""
    o = rng.choice(['o', 'o', 'l', 'w'])
    d = rng.choice(['0', '0', '0L', '0.5', '""', '"none"', "'c'", 'true', 'n', 'None'])
    decl = rng.choice(['', '', '', ': Int', ': Long', ': Double', ': String', ': Any', ': Option[Int]'])
    use = rng.choice(['v + 1', 'v * 2', 'v.length', 'v.toInt', 'v - 1', 'v.toString.length',
                      'v == 1', 'v + "x"', '1 + v', 'n + v', 'v > 0'])
    return ('    val o: Option[Int] = Some(3)\n    val l: Option[Long] = Some(3L)\n'
            '    val w: Option[String] = None\n    val n = 2\n'
            f'    val v{decl} = {o}.getOrElse({d})\n    println({use})\n')


def by_name():
    """A function given by name: a `def` (with `_` or without) or a `val` of a lambda, of the
    right types or not, to `updateStateByKey`, `StateSpec.function`, `map`, a `val`."""
    ret = rng.choice(['', '', ': Option[Int]', ': Int', ': Option[Long]'])
    if rng.random() < 0.5:
        vs = rng.choice(['Seq[Int]', 'Seq[Int]', 'Seq[Long]', 'List[Int]', 'Iterable[Int]'])
        st = rng.choice(['Option[Int]', 'Option[Int]', 'Int', 'Option[Long]'])
        res = rng.choice(['Some(vs.sum)', 'Some(vs.sum)', 'vs.sum', 'Some(vs.size.toLong)', 's'])
        more = rng.choice(['', '', ', 2'])
        if rng.random() < 0.6:
            head = f'    def upd(vs: {vs}, s: {st}){ret} = {res}\n'
            name = rng.choice(['upd', 'upd _'])
        else:
            head = f'    val upd = (vs: {vs}, s: {st}) => {res}\n'
            name = 'upd'
        return head + f'    pairs.updateStateByKey({name}{more}).print()\n'
    if rng.random() < 0.6:
        k = rng.choice(['String', 'String', 'Int'])
        v = rng.choice(['Option[Int]', 'Option[Int]', 'Int', 'Option[Long]'])
        st = rng.choice(['State[Int]', 'State[Int]', 'State[Long]'])
        body = rng.choice(['(w, 1)', 'w', '{ st.update(1); w }'])
        ret = rng.choice(['', '', ': String', ': (String, Int)'])
        recv = rng.choice(['pairs', 'pairs', 'pairs.mapValues(_.toLong)'])
        name = rng.choice(['mf', 'mf _', 'mf _'])
        return (f'    def mf(w: {k}, one: {v}, st: {st}){ret} = {body}\n'
                f'    {recv}.mapWithState(StateSpec.function({name})).print()\n')
    ret = rng.choice(['', ': Int'])
    use = rng.choice(['lines.map(len).print()', 'lines.map(len _).print()', 'val g = len',
                      'println(len)', 'lines.map(len).map(_.length).print()', 'val g = len _'])
    return f'    def len(s: String){ret} = s.length\n    {use}\n'


def ssc_call():
    """`StreamingContext`'s calls with arguments right or wrong, and a DStream used as a
    number."""
    port = rng.choice(['"localhost", 9998', '"localhost", "9998"', '9998', '"localhost"',
                       '"localhost", 9998L', '9998, "localhost"'])
    keep = rng.choice(['Seconds(10)', '10', '"10"', 'Minutes(1)'])
    wait = rng.choice(['1000', '1000L', '"1000"', 'Seconds(1)'])
    op = rng.choice(['+ 1', '- 1', '* 2', '+ "x"', '> 0', '== 0'])
    dir_ = rng.choice(['', '1', '"/tmp/cp2"', 'lines'])
    return rng.choice([
        f'    val more = ssc.socketTextStream({port})\n    more.print()\n',
        f'    ssc.remember({keep})\n',
        f'    val done = ssc.awaitTerminationOrTimeout({wait})\n',
        f'    val total = lines.count()\n    println(total {op})\n',
        f'    ssc.checkpoint({dir_})\n',
    ])


def placeholder():
    """A placeholder bound further out than meant (`map(_, 1)` for `map((_, 1))`), and
    lambdas too many."""
    return rng.choice([
        '    lines.flatMap(_.split(" ")).map(_, 1).print()\n',
        '    lines.flatMap(_.split(" ")).map((_, 1)).print()\n',
        '    pairs.reduceByKey(_ + _, _).print()\n',
        '    val inc = _ + 1\n',
        '    val inc = (x: Int) => x + 1\n    nums.map(inc).print()\n',
        '    pairs.map(_._1, _._2).print()\n',
        '    pairs.map(p => p._1, q => q._2).print()\n',
        '    lines.map(_).print()\n',
        '    pairs.filter(_._2 > 1, _._1 != "a").print()\n',
        '    nums.reduce(_ + _, _ - _).print()\n',
    ])


def named_arg():
    """Named arguments as Spark's documentation writes them, with the names right, misspelt,
    repeated, reordered or leaving a parameter out, and values of the wrong type."""
    dur = lambda: rng.choice(['Seconds(4)', 'Seconds(2)', '4', '"2"'])
    names = {
        'window': ('lines', [('windowDuration', dur), ('slideDuration', dur), ('slide', dur)]),
        'countByValueAndWindow': ('lines', [('windowDuration', dur), ('slideDuration', dur),
                                            ('numPartitions', lambda: rng.choice(['2', '"2"']))]),
        'reduceByKeyAndWindow': ('pairs', [('reduceFunc', lambda: '_ + _'),
                                           ('invReduceFunc', lambda: '_ - _'),
                                           ('windowDuration', dur), ('slideDuration', dur),
                                           ('numPartitions', lambda: rng.choice(['2', '"2"'])),
                                           ('filterFunc', lambda: rng.choice(['_._2 > 0', '(p: (String, Int)) => p._2 > 0']))]),
        'reduceByKey': ('pairs', [('reduceFunc', lambda: '_ + _'), ('func', lambda: '_ + _'),
                                  ('numPartitions', lambda: rng.choice(['2', '"2"', 'true']))]),
        'groupByKeyAndWindow': ('pairs', [('windowDuration', dur), ('slideDuration', dur),
                                          ('numPartitions', lambda: '2')]),
        'repartition': ('lines', [('numPartitions', lambda: rng.choice(['2', '"2"'])), ('n', lambda: '2')]),
        'print': ('lines', [('num', lambda: rng.choice(['3', '"3"'])), ('n', lambda: '3')]),
        'filter': ('lines', [('filterFunc', lambda: '_.nonEmpty'), ('f', lambda: '_.nonEmpty')]),
    }
    name = rng.choice(sorted(names))
    recv, params = names[name]
    # Some leading parameters positional, then some named (in or out of order, one perhaps
    # twice or misspelt).
    k = rng.randint(0, min(2, len(params)))
    positional = [g() for _, g in params[:k]]
    rest = params[k:]
    chosen = rng.sample(rest, rng.randint(1, len(rest))) if rest else []
    if chosen and rng.random() < 0.15:
        chosen.append(chosen[0])
    named = [f'{n} = {g()}' for n, g in chosen]
    call = f'{recv}.{name}({", ".join(positional + named)})'
    if name == 'print':
        return f'    {call}\n'
    return f'    {call}.print()\n'


def print_call():
    a = rng.choice(['', '3', '"3"', '1, 2', 'true'])
    return f'    pairs.print({a})\n'


def rdd_call():
    call = rng.choice([
        'rdd.map((a, b) => a).count()', 'rdd.map(_._1).count()', 'rdd.reduceByKey(x => x).count()',
        'rdd.reduceByKey(_ + _).count()', 'rdd.take()', 'rdd.take(2).length', 'rdd.sortBy().count()',
        'rdd.sortBy(_._2, false).count()', 'rdd.top("3").length', 'rdd.top(3).length',
        'rdd.foreach((a, b) => println(a))', 'rdd.foreach(p => println(p._1))',
        'rdd.reduce(_ + 1)', 'rdd.count(1)', 'rdd.first(0)', 'rdd.filter(_._2 > 1).count()',
        'rdd.groupByKey(2, 3).count()', 'rdd.groupByKey(2).count()', 'rdd.mapValues((a, b) => a).count()',
        'rdd.keyBy(_._1).count()', 'rdd.union().count()', 'rdd.takeOrdered(2).length',
    ])
    return f'    pairs.foreachRDD {{ rdd => println({call}) }}\n'


def function_call():
    return rng.choice([
        '    pairs.updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum)).print()\n',
        '    pairs.updateStateByKey((vs, s) => s).print()\n',
        '    pairs.updateStateByKey(it => it).print()\n',
        '    pairs.updateStateByKey((a, b, c) => b).print()\n',
        '    pairs.foreachRDD((rdd, time) => println(time))\n',
        '    pairs.foreachRDD((rdd, time, x) => println(time))\n',
        '    pairs.foreachRDD(() => println(1))\n',
        '    pairs.transform((rdd, time) => rdd).print()\n',
        '    pairs.transform(rdd => rdd.map(_._1)).print()\n',
        '    pairs.transform((a, b, c) => a).print()\n',
        '    pairs.transform(5).print()\n',
        '    lines.reduceByWindow((a, b) => a + b, Seconds(4), Seconds(2)).print()\n',
        '    lines.reduceByWindow(a => a, Seconds(4), Seconds(2)).print()\n',
        '    nums.reduceByWindow(_ + _, _ - _, Seconds(4), Seconds(2)).print()\n',
        '    pairs.groupByKeyAndWindow(Seconds(4), Seconds(2), 2).print()\n',
        '    pairs.groupByKeyAndWindow(Seconds(4), Seconds(2), "2").print()\n',
    ])


COLLECTIONS = ['List(1, 2, 3)', 'List("a", "bb")', 'Seq(1.5, 2.0)', 'Vector(1, 2)', 'Set(1, 2)',
               'Map("a" -> 1, "b" -> 2)', 'List(1 -> "a").toMap', 'Array(1, 2).toList', 'List(3, 1).sorted',
               'List(1, 2).map(_ * 2)', 'List("a").zipWithIndex', 'List(1, 2).groupBy(_ % 2)', 'List(1, 2L)',
               'Array("x").toSeq', 'List(List(1)).flatten', 'Map("a" -> 1).keys', 'Map("a" -> 1).values',
               'Map("a" -> 1).toSeq', 'Map("a" -> 1).keySet']
RDD_COLLECTIONS = ['rdd.collect().toList', 'rdd.countByValue()', 'rdd.map(l => (l, 1)).collectAsMap()',
                   'rdd.countByValue().keys', 'rdd.countByValue().values', 'rdd.countByValue().toSeq',
                   'rdd.map(l => (l.take(1), 1)).countByKey()', 'rdd.collect().toSeq.map(_.length)']
MEMBERS = ['length', 'size', 'sorted', 'reverse', 'distinct', 'headOption', 'mkString', 'sum', 'max', 'keys',
           'values', 'toSeq', 'contains', 'getOrElse', 'sortBy', 'filter', 'foreach', 'zipWithIndex', 'groupBy',
           'toList', 'take', 'lengthIs', 'indices', 'updated', 'keySet', 'mapValues', 'foldLeft', 'reduce', 'count',
           'exists', 'isEmpty', 'nonEmpty', 'toMap', 'flatten', 'headOption', 'last', 'tail', 'init', 'toArray',
           'iterator', 'lastOption', 'reverseIterator', 'sortWith', 'partition', 'toVector', 'collectFirst']


def typo(name):
    """A learner's slip in `name`: two letters swapped, one left out or doubled, a wrong
    case, a plural."""
    i = rng.randrange(len(name) - 1)
    k = rng.randrange(5)
    if k == 0: return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if k == 1: return name[:i] + name[i + 1:]
    if k == 2: return name[:i] + name[i] + name[i:]
    if k == 3: return name[:i] + name[i].swapcase() + name[i + 1:]
    return name + 's'


def collection_member():
    """A Scala collection's member mistyped (or a real one taking no arguments): scalac's
    "value x is not a member of List[Int]" and its "did you mean"."""
    name = rng.choice(['size', 'reverse', 'distinct', 'headOption', 'isEmpty', 'toList', 'keys']) \
        if rng.random() < 0.15 else typo(rng.choice(MEMBERS))
    if rng.random() < 0.4:
        return f'    lines.foreachRDD {{ rdd => println({rng.choice(RDD_COLLECTIONS)}.{name}) }}\n'
    return f'    println({rng.choice(COLLECTIONS)}.{name})\n    lines.print()\n'


def case_class_args():
    """A case class built with too few or too many values, named ones among them, by
    `W(...)`, `new W(...)`, `W.apply(...)` or `copy`: scalac's "not enough arguments for
    method apply: (s: String, n: Int): W in object W." and its places."""
    fields = rng.choice(['s: String, n: Int', 's: String, n: Int = 1', 'n: Int, xs: Seq[Int]',
                         'a: Long, b: Double, c: String = "c"', 'k: String'])
    vals = {'String': '"a"', 'Int': '1', 'Seq[Int]': 'Seq(1)', 'Long': '2L', 'Double': '1.5'}
    names = [f.split(':')[0].strip() for f in fields.split(',')]
    types = [f.split(':')[1].split('=')[0].strip() for f in fields.split(',')]
    k = rng.randint(0, len(names) + 1)
    args = []
    for i in range(k):
        if i < len(names):
            args.append(f'{names[i]} = {vals[types[i]]}' if rng.random() < 0.25 else vals[types[i]])
        else:
            args.append(rng.choice(['3', '"x"']))
    if rng.random() < 0.2 and args:
        args.reverse()
    form = rng.choice(['W({})', 'new W({})', 'W.apply({})', 'W({})', 'W({}).copy()'])
    return f'    case class W({fields})\n    val w = {form.format(", ".join(args))}\n    lines.map(_ + w).print()\n'


def expected_arg():
    """A value where a type is wanted: `math.sqrt(o.getOrElse(0))` ("found AnyVal, required
    Double": the default typed as a `Double`), a `def`'s or a function value's parameter, a
    typed `val`, an `if`'s branches; a map's `getOrElse(key, default)`."""
    e = rng.choice(['o.getOrElse(0)', 'o.getOrElse(0.5)', 'o.getOrElse(0L)', 'o.getOrElse("none")',
                    'm.getOrElse("a", 0)', 'm.getOrElse("a", 0.0)', 'mm.getOrElse("a", 0)',
                    'mm.getOrElse("b", 1L)', 'm.getOrElse(1, 0)', 'o.get', 'xs.sum', 'xs.head',
                    '"3"', '3', '2L', '1.5', "'c'", 'true', 'm("a")', '("a", 1)',
                    'if (xs.isEmpty) o.getOrElse(0) else 1', 'if (xs.isEmpty) "a" else 2'])
    use = rng.choice(['println(math.sqrt({}))', 'println(math.pow({}, 2))', 'println(math.max({}, 1))',
                      'println(math.abs({}))', 'println(math.ceil({}))', 'println(f({}))',
                      'println(g({}))', 'println(h({}))', 'println(k({}))', 'println(p({}))',
                      'val v: Double = {}\n    println(v)', 'val v: Long = {}\n    println(v)',
                      'val v: Int = {}\n    println(v)', 'val v: String = {}\n    println(v)'])
    return ('    val o = Option(3)\n    val m = Map("a" -> 1)\n'
            '    val mm = scala.collection.mutable.Map("a" -> 1L)\n    val xs = List(3, 1, 2)\n'
            '    def f(x: Double) = x * 2\n    def g(n: Int): Int = n + 1\n'
            '    def h(s: String) = s.length\n    val k = (x: Long) => x + 1\n'
            '    def p(t: (String, Int)) = t._2\n'
            f'    {use.format(e)}\n    lines.print()\n')


def implicit_arg():
    """Collections' methods of an implicit (`sorted(3)`, `sum(2)`, `sortBy(f)(1)`: scalac's
    "found Int(3), required Ordering[?]") and of a lambda after `toSet` (whose element type is
    still open: "missing parameter type"), or a `for` over it."""
    r = rng.choice(['xs', 'xs.toSet', 'xs.toSet.toList', 'Array(3, 1)', '"cab"', 'Seq("b", "a")',
                    'xs.toSet[Int]', 'Vector(2.5, 1.0)', 'm.values', 'm.keys.toList', 'xs.toBuffer',
                    'xs.toSet.tail', 'xs.toSet.zipWithIndex'])
    call = rng.choice(['sorted', 'sorted(3)', 'sorted(Ordering[Int].reverse)', 'max', 'max(1)',
                       'min(0)', 'sum', 'sum(2)', 'product(1)', 'sortBy(x => x)', 'sortBy(x => x)(1)',
                       'maxBy(x => x)(2)', 'map(_ * 2)', 'map(x => x)', 'filter(_ != null)',
                       'groupBy(x => x)', 'foreach(println)', 'foreach(x => println(x))',
                       'map { case x => x }', 'count(_ != null)', 'head', 'flatMap(x => List(x))',
                       'minBy(x => x.toString)', 'map((x: Int) => x)', 'collect { case x => x }',
                       'filter(_ != null).map(_.toString)', 'toList.sorted(1)', 'n'])
    if call == 'n':
        return f'    val xs = List(3, 1, 2)\n    val m = Map("a" -> 1)\n    val n = 3\n    println({r}.sorted(n))\n    lines.print()\n'
    if rng.random() < 0.15:
        return f'    val xs = List(3, 1, 2)\n    val m = Map("a" -> 1)\n    for (x <- {r}) println(x)\n    lines.print()\n'
    return f'    val xs = List(3, 1, 2)\n    val m = Map("a" -> 1)\n    println({r}.{call})\n    lines.print()\n'


def declared_coll():
    """A collection where one of a declared type is wanted: `val s: Set[String] = Set(1)`,
    `Map(1 -> 2)` for a `Map[Long, Int]`, a `mutable.Map`, a range for a `List[Int]`, a named
    collection of other elements; scalac types a builder's elements against the declared
    element type (of `k -> v` the key as it is, the value against `V`)."""
    elems = ['1', '2L', '"a"', '1.5', "'c'", 'true']
    ty = rng.choice(['Int', 'Long', 'String', 'Double'])
    ty2 = rng.choice(['Int', 'Long', 'String', 'Double'])
    coll = rng.choice(['List', 'Seq', 'Vector', 'Set', 'Array', 'Map', 'Map', 'Option'])
    decl = f'Map[{ty}, {ty2}]' if coll == 'Map' else f'{coll}[{ty}]'
    e = lambda: rng.choice(elems)
    pair = lambda: rng.choice([f'{e()} -> {e()}', f'({e()}, {e()})', 'kv', 'k -> 1'])
    builder = rng.choice(['List', 'Seq', 'Vector', 'Set', 'Array', 'Map', 'mutable.Map', coll,
                          coll])
    k = rng.randint(0, 2)
    if builder in ('Map', 'mutable.Map'):
        init = f'{builder}({", ".join(pair() for _ in range(k))})'
    elif builder == 'Option':
        init = f'Option({e()})'
    else:
        init = f'{builder}({", ".join(e() for _ in range(k))})'
    init = rng.choice([init, init, init, 'xs', 'm', 'mm', 'st', '1 to 3', 'xs.toSet', 'm.keySet',
                       'm.toList', 'xs.map(_.toString)', 'm.map { case (a, b) => (b, a) }'])
    use = rng.choice(['val v: {} = {}\n    println(v)', 'def f(v: {}) = v.size\n    println(f({}))',
                      'val v: {} = {}\n    println(v.foo)'])
    return ('    val xs = List(3, 1, 2)\n    val m = Map("a" -> 1)\n    val mm = mutable.Map("a" -> 1L)\n'
            '    val st: Set[String] = Set("a")\n    val kv = ("k", 2)\n    val k = 5L\n'
            f'    {use.format(decl, init)}\n    lines.print()\n')


def fn_value():
    """A function value where a DStream's method wants a function: a `val` declared
    (`val f: (Int, Int) => Int = _ + _`) or inferred from a lambda's typed parameters, a
    `def`, or a lambda of typed parameters, of the element's types or others (`Long` counts,
    `Int` words); a function value's own call; `flatMap` of a function that gives an `Array`.
    scalac: "found (Int, Int) => Int, required (Long, Long) => Long"."""
    t = rng.choice(['Int', 'Long', 'String', 'Double'])
    t2 = rng.choice(['Int', 'Long', t, t])
    body2 = {'Int': 'a + b', 'Long': 'a + b', 'Double': 'a + b', 'String': 'a + b'}[t2]
    one = rng.choice(['Int => Int', 'String => Int', 'String => String', 'Int => String',
                      'String => Array[String]', 'String => List[String]', 'String => Boolean'])
    p1, r1 = one.split(' => ')
    body1 = {'Int': {'Int': 'x + 1', 'String': 'x.toString'},
             'String': {'Int': 'x.length', 'String': 'x.toUpperCase', 'Array[String]': 'x.split(" ")',
                        'List[String]': 'x.split(" ").toList', 'Boolean': 'x.nonEmpty'}}[p1][r1]
    form = rng.choice(['declared', 'inferred', 'def', 'lambda'])
    if form == 'declared':
        defs = f'    val f: {p1} => {r1} = x => {body1}\n    val g: ({t2}, {t2}) => {t2} = (a, b) => {body2}\n'
    elif form == 'inferred':
        defs = f'    val f = (x: {p1}) => {body1}\n    val g = (a: {t2}, b: {t2}) => {body2}\n'
    else:
        defs = f'    def f(x: {p1}) = {body1}\n    def g(a: {t2}, b: {t2}) = {body2}\n'
    v = {'Int': '1', 'Long': '1L', 'String': '"1"', 'Double': '1.0'}[t]
    ff = f'(x: {p1}) => {body1}' if form == 'lambda' else 'f'
    gg = f'(a: {t2}, b: {t2}) => {body2}' if form == 'lambda' else 'g'
    use = rng.choice([f'lines.map({ff}).print()', f'lines.flatMap({ff}).print()',
                      f'lines.filter({ff}).print()',
                      f'lines.map(w => (w, {v})).reduceByKey({gg}).print()',
                      f'lines.map(w => (w, {v})).reduceByKey({gg}, 2).print()',
                      f'lines.map(w => (w, {v})).reduceByKeyAndWindow({gg}, Seconds(4), Seconds(2)).print()',
                      f'lines.map(w => (w, {v})).reduceByKeyAndWindow({gg}, {gg}, Seconds(4), Seconds(2)).print()',
                      f'lines.map(_.length).reduce({gg}).print()',
                      f'println(f({v}))\n    lines.print()', f'println(g({v}, {v}, {v}))\n    lines.print()'])
    if form == 'lambda' and use.startswith('println'):
        use = f'lines.map({ff}).print()'
    return defs + f'    {use}\n'


def expected_type():
    """What an expected type makes of an expression: a number's arithmetic where a `String`
    is declared (scalac's ambiguous views of `n + 1`), an element of `xs.toSet` (of its type
    parameter `B`), a lambda of another parameter count than a declared function type, a
    tuple against a declared tuple, an empty builder, unlike elements, `toSet` for a `Set` of
    another element, a typed lambda of a `reduceByKey`/`reduceByKeyAndWindow` over other
    values; or the correct forms."""
    t = rng.choice(['Int', 'Long', 'Double', 'Char', 'String', 'Boolean'])
    lit = {'Int': '1', 'Long': '2L', 'Double': '1.5', 'Char': "'c'", 'String': '"a"',
           'Boolean': 'true'}
    a, b = rng.choice(list(lit.values())), rng.choice(list(lit.values()))
    decl = rng.choice(['Int', 'Long', 'Double', 'String', 'Boolean'])
    op = rng.choice(['+', '+', '-', '*', '>', '=='])
    coll = rng.choice(['List', 'Seq', 'Vector', 'Set', 'Array', 'Option', 'Map'])
    ctype = {'Map': f'Map[{decl}, Int]', 'Option': f'Option[{decl}]'}.get(coll, f'{coll}[{decl}]')
    builder = rng.choice(['List', 'Seq', 'Vector', 'Set', 'Map', 'Array', 'Nil', 'None'])
    built = builder if builder in ('Nil', 'None') else f'{builder}()'
    params = rng.choice(['()', 'x', '(a, b)', '(a, b, c)'])
    fn = rng.choice(['Int => Int', '(Int, Int) => Int', '() => Int', '((Int, Int)) => Int',
                     'String => String'])
    form = rng.choice(['arith', 'arith', 'open', 'open', 'lambda', 'tuple', 'empty', 'unlike',
                       'to_set', 'reduce'])
    if form == 'arith':
        e = rng.choice([f'n {op} {b}', f'{a} {op} n', f'n {op} n', f'xs.head {op} {b}'])
        use = rng.choice([f'val s: {decl} = {e}\n    println(s)',
                          f'val f: Int => {decl} = x => x {op} {b}\n    println(f(1))',
                          f'def g(s: {decl}) = s\n    println(g({e}))'])
        return f'    val n = {lit[t]}\n    val xs = List({lit[t]})\n    {use}\n    lines.print()\n'
    if form == 'open':
        member = rng.choice([f'head {op} {b}', 'head.length', 'last.toString', 'head.toUpperCase',
                             f'toList.head {op} {b}', 'head -> 1', 'headOption'])
        use = rng.choice([f'println(xs.toSet.{member})',
                          f'val v: {decl} = xs.toSet.head\n    println(v)'])
        return f'    val xs = List({lit[t]})\n    {use}\n    lines.print()\n'
    if form == 'lambda':
        f = rng.choice(['_ + 1', f'{params} => 1', f'{params} => a + b', f'{params} => x'])
        use = rng.choice([f'val f: {fn} = {f}\n    println(f)',
                          f'def twice(op: {fn}) = op\n    println(twice({f}))'])
        return f'    {use}\n    lines.print()\n'
    if form == 'tuple':
        t2 = rng.choice(['Int', 'Long', 'String'])
        use = rng.choice([f'val p: ({decl}, {t2}) = ({a}, {b})\n    println(p)',
                          f'val ps: List[({decl}, {t2})] = List(({a}, {b}))\n    println(ps)',
                          f'def f(p: ({decl}, {t2})) = p._1\n    println(f(({a}, {b})))',
                          f'val q: Seq[{decl}] = {rng.choice(["List", "Vector"])}({a}, {b})\n    println(q)'])
        return f'    {use}\n    lines.print()\n'
    if form == 'empty':
        return f'    val v: {ctype} = {built}\n    println(v)\n    lines.print()\n'
    if form == 'unlike':
        c = rng.choice(['List', 'Set', 'Seq'])
        return f'    val v: {ctype} = {c}({a}, {b})\n    println(v)\n    lines.print()\n'
    if form == 'to_set':
        return f'    val xs = List({lit[t]})\n    val v: Set[{decl}] = xs.toSet\n    println(v)\n    lines.print()\n'
    pt = rng.choice(['Int', 'Long', 'Double', 'String'])
    v = {'Int': '1', 'Long': '1L', 'Double': '1.0', 'String': '"1"', 'Boolean': 'true'}[decl]
    g = f'(a: {pt}, b: {pt}) => a + b'
    use = rng.choice([f'reduceByKey({g})', f'reduceByKey({g}, 2)',
                      f'reduceByKeyAndWindow({g}, Seconds(4), Seconds(2))',
                      f'reduceByKeyAndWindow({g}, (a: {pt}, b: {pt}) => a - b, Seconds(4), Seconds(2))'])
    return f'    lines.map(w => (w, {v})).{use}.print()\n'


KINDS = [window_op, window_op, arity, arity, member, operator, print_call, rdd_call, rdd_call,
         function_call, function_call, update_func, update_func, option_expr, map_with_state]
# KINDS=update_func,option_expr: only those (`get_or_else`, `by_name`, `ssc_call`,
# `placeholder`, `named_arg`, `collection_member`, `case_class_args`, `expected_arg`,
# `implicit_arg`, `declared_coll`, `fn_value` and
# `expected_type` are asked for so; the list above stays as it was, so earlier seeds still
# write the same programs).
if os.environ.get('KINDS'):
    KINDS = [globals()[k] for k in os.environ['KINDS'].split(',')]
for i in range(n):
    body = SETUP + rng.choice(KINDS)()
    write(d, f'm{seed}_{i:03d}', program(body), [["hello world hello", "spark spark"], ["a b a"]], 2)
print('wrote', n)
