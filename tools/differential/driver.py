"""Random driver-side Scala: 40 typed expressions a program (collections, strings, numbers,
Option, formatting), each printed in a try so an exception prints its text. Usage: python3
driver.py SEED N OUTDIR. With SORTED=1, sorted and linked collections too (`TreeMap`,
`TreeSet`, `mutable.TreeMap`, `LinkedHashMap`; other seeds' programs stay as they were)."""
import json, os, random, sys

from scenario import program, write
seed, n, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
R = random.Random(seed)
def k(lo=0, hi=4): return str(R.randint(lo, hi))
WORDS = ['"a"', '"bb"', '"hello"', '"Spark"', '"x y"', '""', '"zz"', '"hi"']
def gen(t, dep):
    if dep <= 0:
        return {'LI': lambda: R.choice(['List(3, 1, 2)', 'List(5, 5, -1, 0)', 'List[Int]()', '(1 to 6).toList', 'List(10, 20)']),
                'LS': lambda: R.choice(['List("b", "a", "hello")', 'List("x", "", "zz", "x")', 'List[String]()', '"to be or not to be".split(" ").toList']),
                'MSI': lambda: R.choice(['Map("a" -> 1, "b" -> 2)', 'Map("x" -> 3, "y" -> 1, "z" -> 2, "w" -> 0, "v" -> 9)', 'Map[String, Int]()']),
                'SI': lambda: R.choice(['Set(1, 2, 3)', 'Set(10, 5, 7, 1, 2, 8)', 'Set[Int]()']),
                'S': lambda: R.choice(WORDS + ['"hello world"', '"  Trim me "']),
                'I': lambda: (lambda v: f'({v})' if v.startswith('-') else v)(k(-3, 9)),
                'D': lambda: R.choice(['1.5', '0.1', '2.0', '(-3.25)', '1e7', '123456789.0', '(1.0 / 3)', '1e-5', '123456.789', '1.0E21', '0.001', '(2.0 / 3 * 3)', '1e-3', '9999999.0', '12345678.9', '(-0.0)', '(0.1 * 3)', '100.0', '1.0E-4']),
                'OI': lambda: R.choice(['Some(3)', '(None: Option[Int])', 'Option(7)']),
                'TM': lambda: R.choice(['collection.immutable.TreeMap("b" -> 2, "a" -> 1)', 'collection.immutable.TreeMap[String, Int]()',
                                        'collection.immutable.TreeMap("x" -> 3, "y" -> 1, "z" -> 2, "w" -> 0, "v" -> 9)']),
                'TS': lambda: R.choice(['collection.immutable.TreeSet(3, 1, 2)', 'collection.immutable.TreeSet[Int]()',
                                        'collection.immutable.SortedSet(10, 5, 7, 1, 2, 8)']),
                }[t]()
    d = dep - 1
    g = lambda t2: gen(t2, d)
    opts = {
     'LI': [lambda: f'{g("LI")}.map(_ * {k(1,3)})', lambda: f'{g("LI")}.filter(_ % 2 == 0)', lambda: f'{g("LI")}.sorted', lambda: f'{g("LI")}.reverse',
            lambda: f'{g("LI")}.distinct', lambda: f'{g("LI")}.take({k()})', lambda: f'{g("LI")}.drop({k()})', lambda: f'({g("LI")} ++ {g("LI")})',
            lambda: f'{g("LI")}.sortBy(x => -x)', lambda: f'{g("LS")}.map(_.length)', lambda: f'{g("MSI")}.values.toList', lambda: f'{g("SI")}.toList',
            lambda: f'{g("LI")}.zipWithIndex.map(_._2)', lambda: f'{g("LI")}.scanLeft(0)(_ + _)', lambda: f'{g("LI")}.flatMap(x => List(x, x))',
            lambda: f'{g("LI")}.tail', lambda: f'{g("LI")}.takeWhile(_ < {k()})', lambda: f'{g("LI")}.grouped(2).map(_.sum).toList',
            lambda: f'{g("LI")}.sliding(2).map(_.sum).toList', lambda: f'{g("LI")}.updated(1, 9)', lambda: f'({g("I")} :: {g("LI")})',
            lambda: f'{g("LI")}.init', lambda: f'{g("LI")}.sortWith(_ > _)', lambda: f'{g("SI")}.toList.sorted', lambda: f'{g("LI")}.patch(1, List(7, 7), 1)',
            lambda: f'{g("LI")}.padTo(4, 0)', lambda: f'{g("LI")}.diff(List(1, 2))', lambda: f'{g("LI")}.intersect({g("LI")})', lambda: f'{g("MSI")}.keys.map(_.length).toList'],
     'LS': [lambda: f'{g("S")}.split(" ").toList', lambda: f'{g("LI")}.map(_.toString)', lambda: f'{g("LS")}.map(_.toUpperCase)', lambda: f'{g("LS")}.sorted',
            lambda: f'{g("LS")}.filter(_.nonEmpty)', lambda: f'{g("MSI")}.keys.toList', lambda: f'{g("LS")}.groupBy(_.length).keys.toList.map(_.toString)',
            lambda: f'{g("LS")}.distinct', lambda: f'{g("LS")}.sortBy(_.length)', lambda: f'{g("MSI")}.toList.map(_._1)', lambda: f'{g("LS")}.map(_.reverse)',
            lambda: f'{g("SI")}.map(_.toString).toList', lambda: f'{g("MSI")}.map {{ case (a, b) => a * b }}.toList'],
     'MSI': [lambda: f'{g("LS")}.map(w => (w, w.length)).toMap', lambda: f'{g("LS")}.groupBy(identity).map {{ case (a, v) => (a, v.size) }}',
             lambda: f'({g("MSI")} ++ {g("MSI")})', lambda: f'{g("MSI")}.filter(_._2 > {k(0,2)})', lambda: f'{g("MSI")}.map {{ case (a, b) => (a, b + 1) }}',
             lambda: f'({g("MSI")} + ("z" -> 26))', lambda: f'({g("MSI")} - "a")', lambda: f'{g("LS")}.zip({g("LI")}).toMap',
             lambda: f'{g("MSI")}.updated("q", {k()})', lambda: f'{g("LS")}.groupBy(_.take(1)).map {{ case (a, v) => (a, v.size) }}',
             lambda: f'{g("LI")}.map(i => ("k" + i, i)).toMap', lambda: f'{g("MSI")}.filterNot(_._1 == "x")'],
     'SI': [lambda: f'{g("LI")}.toSet[Int]', lambda: f'({g("SI")} ++ {g("SI")})', lambda: f'{g("SI")}.map(_ % 3)', lambda: f'{g("SI")}.filter(_ > {k()})',
            lambda: f'({g("SI")} - {k()})', lambda: f'({g("SI")} & {g("SI")})', lambda: f'({g("SI")} | {g("SI")})', lambda: f'({g("SI")} diff {g("SI")})',
            lambda: f'({g("SI")} + {k(0,20)})', lambda: f'{g("MSI")}.values.toSet[Int]', lambda: f'{g("LS")}.map(_.length).toSet[Int]', lambda: f'{g("SI")}.map(_ * 7)'],
     'S': [lambda: f'(Long.MaxValue + {g("I")}).toString', lambda: f'({g("D")} * 1000).toString', lambda: f'({g("D")} / 7).toString', lambda: f'(\'a\' + {g("I")}).toChar.toString',
           lambda: f'"%.3e|%10.4f|%-8.1f|%+d".format({g("D")}, {g("D")}, {g("D")}, {g("I")})', lambda: f'"%,d %,.2f %x %05d".format({g("I")} * 100000, {g("D")} * 1000, {g("I")}, {g("I")})',
           lambda: f'{g("D")}.toInt.toString', lambda: f'{g("D")}.toLong.toString', lambda: f'(1L << {k(0, 70)}).toString', lambda: f'{g("I")}.toDouble.toString',
           lambda: f'{g("LS")}.mkString(",")', lambda: f'{g("S")}.reverse', lambda: f'{g("S")}.toUpperCase', lambda: f'({g("S")} * 2)', lambda: f'{g("S")}.take({k()})',
           lambda: f'{g("S")}.replace("l", "L")', lambda: f'{g("S")}.trim', lambda: f's"${{{g("I")}}}-${{{g("S")}}}"', lambda: f'f"${{{g("D")}}}%.2f"',
           lambda: f'{g("S")}.capitalize', lambda: f'{g("LI")}.mkString("[", ";", "]")', lambda: f'{g("S")}.filter(_ != \'o\')', lambda: f'{g("S")}.sorted',
           lambda: f'{g("S")}.distinct', lambda: f'{g("D")}.toString', lambda: f'{g("MSI")}.toString', lambda: f'{g("SI")}.toString', lambda: f'{g("LI")}.toString',
           lambda: f'{g("OI")}.toString', lambda: f'{g("LS")}.zip({g("LI")}).toString', lambda: f'{g("LI")}.partition(_ > {k()}).toString',
           lambda: f'{g("S")}.split("l").toList.toString', lambda: f'{g("MSI")}.toList.sortBy(_._2).toString', lambda: f'{g("LI")}.groupBy(_ % 3).toString',
           lambda: f'{g("SI")}.groupBy(_ % 2).toString', lambda: f'{g("S")}.zipWithIndex.toString', lambda: f'{g("LS")}.groupBy(_.length).toString',
           lambda: f'({g("I")}, {g("S")}, {g("D")}).toString', lambda: f'{g("LI")}.splitAt({k()}).toString', lambda: f'{g("S")}.padTo(8, \'*\')',
           lambda: f'{g("S")}.stripPrefix("h")', lambda: f'{g("I")}.toBinaryString', lambda: f'{g("I")}.toHexString', lambda: f'{g("D")}.round.toString',
           lambda: f'"%5s|%-4d|%08.3f".format({g("S")}, {g("I")}, {g("D")})', lambda: f'({g("LI")}.sum.toString * 2)', lambda: f'{g("S")}.split("").toList.toString'],
     'I': [lambda: f'(Int.MaxValue + {g("I")})', lambda: f'(-7 / {k(1,3)})', lambda: f'(-7 % {k(1,3)})', lambda: f'(\'a\' + {g("I")})', lambda: f'({g("I")} << {k(0,33)})', lambda: f'({g("I")} >> 1)', lambda: f'({g("I")} >>> 28)', lambda: f'({g("I")} ^ 5)',
           lambda: f'{g("LI")}.sum', lambda: f'{g("LI")}.size', lambda: f'{g("LI")}.max', lambda: f'{g("LI")}.min', lambda: f'{g("LI")}.count(_ > {k()})',
           lambda: f'{g("S")}.length', lambda: f'({g("I")} * {g("I")})', lambda: f'({g("I")} / {k(1,3)})', lambda: f'({g("I")} % {k(1,3)})', lambda: f'{g("LI")}.indexOf({k()})',
           lambda: f'{g("MSI")}.getOrElse("a", 0)', lambda: f'{g("LI")}.foldLeft(0)(_ - _)', lambda: f'{g("LI")}.product', lambda: f'{g("S")}.indexOf("l")',
           lambda: f'{g("LI")}.headOption.getOrElse(-1)', lambda: f'math.abs({g("I")})', lambda: f'({g("I")} max {g("I")})', lambda: f'{g("SI")}.size',
           lambda: f'{g("LI")}.reduce(_ - _)', lambda: f'{g("MSI")}.values.sum', lambda: f'{g("SI")}.sum', lambda: f'{g("LI")}.head', lambda: f'{g("S")}.hashCode',
           lambda: f'{g("LI")}.hashCode', lambda: f'{g("MSI")}.size', lambda: f'{g("LI")}.lastIndexOf({k()})', lambda: f'{g("S")}.count(_ == \'l\')',
           lambda: f'({g("I")} / ({g("I")} - {g("I")}))', lambda: f'{g("LS")}.map(_.length).sum', lambda: f'{g("MSI")}("a")', lambda: f'{g("LI")}({k()})',
           lambda: f'{g("S")}.toInt', lambda: f'{g("OI")}.get', lambda: f'{g("SI")}.max', lambda: f'{g("MSI")}.maxBy(_._2)._2', lambda: f'{g("D")}.toInt'],
     'D': [lambda: f'({g("I")} / 2.0)', lambda: f'({g("LI")}.sum.toDouble / 3)', lambda: f'math.sqrt({g("I")})', lambda: f'({g("D")} * 1.5)', lambda: f'{g("I")}.toDouble',
           lambda: f'math.pow(2, {k(0, 40)})', lambda: f'({g("D")} + {g("D")})', lambda: f'({g("D")} / 0)', lambda: f'({g("D")} - {g("D")})', lambda: f'{g("LI")}.map(_.toDouble).sum',
           lambda: f'math.floor({g("D")})', lambda: f'math.ceil({g("D")})', lambda: f'({g("D")} max {g("D")})', lambda: f'({g("S")}.length * 0.1)', lambda: f'math.log({g("D")})',
           lambda: f'{g("D")} % 1.0'],
     'OI': [lambda: f'{g("LI")}.find(_ > {k()})', lambda: f'{g("LI")}.headOption', lambda: f'{g("MSI")}.get("a")', lambda: f'{g("OI")}.map(_ + 1)',
            lambda: f'{g("OI")}.filter(_ > {k()})', lambda: f'{g("LI")}.lastOption', lambda: f'{g("S")}.toIntOption', lambda: f'{g("OI")}.orElse(Some({k()}))',
            lambda: f'{g("LI")}.maxOption', lambda: f'{g("OI")}.flatMap(x => if (x > 2) Some(x * 2) else None)'],
    }
    if SORTED:
        TM, TS = 'collection.immutable.TreeMap', 'collection.immutable.TreeSet'
        counted = lambda kind: f'{{ val m = mutable.{kind}[String, Int](); for (w <- {g("LS")}) m(w) = m.getOrElse(w, 0) + 1; m }}'
        opts['TM'] = [lambda: f'{g("MSI")}.to({TM})', lambda: f'({g("TM")} + ("c" -> {k()}))', lambda: f'({g("TM")} - "a")',
                      lambda: f'{g("TM")}.filter(_._2 > {k(0,2)})', lambda: f'{g("TM")}.map {{ case (a, b) => (a, b * 2) }}', lambda: f'({g("TM")} ++ {g("MSI")})',
                      lambda: f'{g("TM")}.rangeFrom("b")', lambda: f'{g("TM")}.rangeUntil("x")', lambda: f'{TM}({g("LS")}.map(w => (w, w.length)): _*)',
                      lambda: f'{g("TM")}.updated("q", {k()})', lambda: f'{g("TM")}.take(2)', lambda: f'{g("TM")}.drop(1)',
                      lambda: f'{g("TM")}.map {{ case (a, b) => (a.reverse, b) }}', lambda: f'{g("TM")}.filterNot(_._1 == "x")']
        opts['TS'] = [lambda: f'({g("TS")} + {k()})', lambda: f'({g("TS")} - {k()})', lambda: f'{g("TS")}.map(_ % 3)', lambda: f'{g("TS")}.filter(_ > {k()})',
                      lambda: f'({g("TS")} ++ {g("SI")})', lambda: f'({g("TS")} | {g("TS")})', lambda: f'({g("TS")} & {g("SI")})', lambda: f'{g("TS")}.rangeFrom({k()})',
                      lambda: f'{g("LI")}.to({TS})', lambda: f'{TS}({g("LI")}: _*)', lambda: f'{g("TS")}.map(_ * -1)', lambda: f'{g("TS")}.range(1, {k(2, 9)})']
        opts['LI'] += [lambda: f'{g("TM")}.toList.map(_._2)', lambda: f'{g("TS")}.toList', lambda: f'{g("TM")}.values.toList',
                       lambda: f'{counted("TreeMap")}.values.toList', lambda: f'{counted("LinkedHashMap")}.values.toList']
        opts['LS'] += [lambda: f'{g("TM")}.keys.toList', lambda: f'{g("TS")}.map(_.toString).toList', lambda: f'{counted("LinkedHashMap")}.keys.toList']
        opts['MSI'] += [lambda: f'{g("TM")}.toMap', lambda: f'{counted("TreeMap")}.toMap', lambda: f'{counted("LinkedHashMap")}.toMap']
        opts['SI'] += [lambda: f'{g("TS")}.toSet[Int]', lambda: f'{g("TS")}.zipWithIndex.map(_._2)']
        opts['S'] += [lambda: f'{g("TM")}.toString', lambda: f'{g("TS")}.toString', lambda: f'{g("TM")}.keySet.toString', lambda: f'{counted("TreeMap")}.toString',
                      lambda: f'{counted("LinkedHashMap")}.toString', lambda: f'{{ val s = mutable.LinkedHashSet[Int](); s ++= {g("LI")}; s }}.toString',
                      lambda: f'{{ val s = mutable.TreeSet[Int](); s ++= {g("LI")}; s -= {k()}; s }}.toString', lambda: f'{g("TM")}.mkString(";")',
                      lambda: f'{counted("TreeMap")}.keys.toString', lambda: f'{g("TM")}.minAfter("c").toString', lambda: f'{g("TS")}.subsets(2).toList.toString']
        opts['I'] += [lambda: f'{g("TS")}.max', lambda: f'{g("TS")}.firstKey', lambda: f'{g("TM")}.values.sum', lambda: f'{g("TM")}.getOrElse("b", -1)',
                       lambda: f'{g("TS")}.head', lambda: f'{g("TM")}.lastKey.length']
    return R.choice(opts[t])()
SORTED = bool(os.environ.get('SORTED'))
os.makedirs(d + '/in', exist_ok=True)
for i in range(n):
    stmts = []
    for j in range(40):
        t = R.choice(['LI', 'LS', 'MSI', 'SI', 'S', 'S', 'I', 'D', 'OI'] + (['TM', 'TS', 'S'] if SORTED else []))
        e = gen(t, R.randint(1, 3))
        stmts.append(f'    try {{ println({e}) }} catch {{ case e: Exception => println("E " + e) }}\n')
    body = ''.join(stmts) + '    lines.count().print()\n'
    write(d, f'x{seed}_{i}', program(body), [["a"]], 2)
print('wrote', n)
