//! Every member Scala 2.13 gives a number, a `Boolean`, a `Char`, an `Array` or an `Option`
//! (`Any`, `AnyVal` too): the type's own
//! methods, its rich wrapper's (`RichInt`, `RichDouble`, `RichChar`, `RichBoolean`; an array's
//! `ArrayOps` and `ArraySeq`), its Java box's (reached through `Predef`'s implicit views,
//! `int2Integer`), `Any`'s, and `Predef`'s extensions (`->`, `ensuring`, `formatted`, `+` with
//! a `String`).
//!
//! The checker reports `value toUpperCase is not a member of Int` only for a name that is in
//! none of these lists, which is what scalac says of `lines.map(_.length).map(_.toUpperCase)`;
//! a real member that the playground does not run is left to the run, which names it as
//! unsupported. The lists err on the side of too many names: a name wrongly here lets a typo
//! reach the run (which still reports it), a name wrongly missing would reject a program Spark
//! runs.

use super::case_class::PRODUCT_METHODS;
use super::spark_api::ANY_METHODS;

/// What every value has beyond `Any`'s own methods (`ANY_METHODS`): `Any`'s operators and
/// `Predef`'s extensions.
const ANY: &[&str] = &[
    "==",
    "!=",
    "eq",
    "ne",
    "synchronized",
    "->",
    "→",
    "ensuring",
    "formatted",
    "+",
    "+=",
    "compare",
    "compareTo",
    "<",
    ">",
    "<=",
    ">=",
    "max",
    "min",
    "self",
    "underlying",
];

/// `Int`, `Long` and `Double` with `RichInt`/`RichLong`/`RichDouble` and their Java boxes.
const NUMBER: &[&str] = &[
    "-",
    "*",
    "/",
    "%",
    "-=",
    "*=",
    "/=",
    "%=",
    "<<",
    ">>",
    ">>>",
    "<<=",
    ">>=",
    ">>>=",
    "unary_-",
    "unary_+",
    "unary_~",
    "toByte",
    "toShort",
    "toChar",
    "toInt",
    "toLong",
    "toFloat",
    "toDouble",
    "byteValue",
    "shortValue",
    "intValue",
    "longValue",
    "floatValue",
    "doubleValue",
    "abs",
    "sign",
    "signum",
    "to",
    "until",
    "isValidByte",
    "isValidShort",
    "isValidChar",
    "isValidInt",
    "isValidLong",
    "isWhole",
    "toBinaryString",
    "toHexString",
    "toOctalString",
    "ceil",
    "floor",
    "round",
    "rint",
    "toRadians",
    "toDegrees",
    "isNaN",
    "isInfinite",
    "isInfinity",
    "isPosInfinity",
    "isNegInfinity",
    "isFinite",
    "ulp",
    "describeConstable",
    "resolveConstantDesc",
];

/// `Char`'s own members beyond a number's (`RichChar`, `java.lang.Character`).
const CHAR: &[&str] = &[
    "asDigit",
    "isControl",
    "isDigit",
    "isLetter",
    "isLetterOrDigit",
    "isWhitespace",
    "isSpaceChar",
    "isHighSurrogate",
    "isLowSurrogate",
    "isSurrogate",
    "isUnicodeIdentifierStart",
    "isUnicodeIdentifierPart",
    "isIdentifierIgnorable",
    "isMirrored",
    "isLower",
    "isUpper",
    "isTitleCase",
    "toLower",
    "toUpper",
    "toTitleCase",
    "getType",
    "getNumericValue",
    "getDirectionality",
    "reverseBytes",
    "charValue",
];

/// `Boolean`'s own members (`RichBoolean`, `java.lang.Boolean`).
const BOOLEAN: &[&str] = &["&&", "||", "!", "unary_!", "booleanValue"];

/// What whole numbers and `Boolean`s both have: bitwise (or non-short-circuit) operators.
const BITWISE: &[&str] = &["&", "|", "^", "&=", "|=", "^="];

/// What `Any` and `AnyVal` have beyond `Any`'s own methods: its operators and `Predef`'s
/// extensions of every value (`->`, `ensuring`, `formatted`, `any2stringadd`'s `+`).
const TOP: &[&str] = &["==", "!=", "->", "→", "ensuring", "formatted", "+", "+="];

/// The members of an `Option[T]` to scalac beside an `Iterable`'s (the public names of
/// `typeOf[Option[Int]]` by Scala 2.13.18's reflection, Spark 4.3.0's).
const OPTION: &[&str] = &[
    "canEqual",
    "contains",
    "get",
    "getOrElse",
    "isDefined",
    "orElse",
    "orNull",
    "productArity",
    "productElement",
    "productElementName",
    "productElementNames",
    "productIterator",
    "productPrefix",
    "toLeft",
    "toRight",
];

/// A tuple's members beside its fields `_1` to `_n`, a `Product`'s (`PRODUCT_METHODS`) and a
/// pair's `swap`: `AnyRef`'s, and `Predef`'s zipped views of pairs and triples (Scala
/// 2.13.18's reflection).
const TUPLE: &[&str] = &["eq", "ne", "synchronized", "wait", "notify", "notifyAll"];

/// The arity of the tuple type `t` as scalac prints it (`(String, Int)`), `None` for other
/// types (a function type `(Int, Int) => Int` too).
fn tuple_arity(t: &str) -> Option<usize> {
    let (close, commas) = super::signatures::group(t)?;
    (close + 1 == t.len()).then_some(commas + 1)
}

/// Whether a tuple of `n` elements has member `name`.
fn tuple_has(n: usize, name: &str) -> bool {
    let field = (name.strip_prefix('_').and_then(|k| k.parse::<usize>().ok()))
        .is_some_and(|k| (1..=n).contains(&k) && !name.starts_with("_0"));
    field
        || (n == 2 && name == "swap")
        || (matches!(n, 2 | 3) && matches!(name, "zipped" | "invert"))
        || [TUPLE, PRODUCT_METHODS, ANY_METHODS, TOP]
            .iter()
            .any(|l| l.contains(&name))
}

/// Whether `name` is a member of the value type `ty` (`"Int"`, `"Long"`, `"Double"`,
/// `"Char"`, `"Boolean"`, `"Any"`, `"AnyVal"`); `None` for a type these lists do not cover.
pub fn has_member(ty: &str, name: &str) -> Option<bool> {
    let lists: &[&[&str]] = match ty {
        "Any" | "AnyVal" => &[ANY_METHODS, TOP],
        // `AnyRef`'s: `eq`, `ne`, `synchronized`, `wait`, `notify`, `notifyAll`.
        "java.io.Serializable" => &[ANY_METHODS, TOP, &FUNCTION[5..]],
        "Int" | "Long" | "Double" => &[ANY_METHODS, ANY, NUMBER, BITWISE],
        "Char" => &[ANY_METHODS, ANY, NUMBER, BITWISE, CHAR],
        "Boolean" => &[ANY_METHODS, ANY, BOOLEAN, BITWISE],
        t if t.starts_with("Option[") && !t.contains('?') => &[OPTION, ITERABLE, TOP],
        // `Some`'s own `value` and `copy` beside an `Option`'s.
        t if t.starts_with("Some[") && !t.contains('?') => {
            &[OPTION, ITERABLE, TOP, &["value", "copy"]]
        }
        t if !t.contains('?') && tuple_arity(t).is_some() => {
            return tuple_arity(t).map(|n| tuple_has(n, name));
        }
        // An array of a known element type (scalac names it whole).
        t if t.starts_with("Array[") && !t.contains('?') => &[ANY_METHODS, ANY, ARRAY, ITERABLE],
        _ => return None,
    };
    Some(lists.iter().any(|l| l.contains(&name)))
}

/// A function value's own members (`Function0` to `Function2`'s: `apply`, `andThen`,
/// `compose`, `curried`, `tupled`), `AnyRef`'s and `Predef`'s extensions.
const FUNCTION: &[&str] = &[
    "apply",
    "andThen",
    "compose",
    "curried",
    "tupled",
    "eq",
    "ne",
    "synchronized",
    "wait",
    "notify",
    "notifyAll",
];

/// Whether a function value has member `name` (`f.print()` is "value print is not a member
/// of Int => Int").
pub fn function_has(name: &str) -> bool {
    [FUNCTION, ANY_METHODS, TOP]
        .iter()
        .any(|l| l.contains(&name))
}

/// Every member of an `Iterable[T]` to scalac (the public names of `typeOf[Iterable[Int]]` by
/// Scala 2.13.18's reflection): an `Array` has them (through `ArraySeq`), an `Option` too
/// (through `Option.option2Iterable`).
const ITERABLE: &[&str] = &[
    "!=",
    "##",
    "++",
    "++:",
    "/:",
    ":\\",
    "==",
    "addString",
    "aggregate",
    "asInstanceOf",
    "collect",
    "collectFirst",
    "companion",
    "concat",
    "copyToArray",
    "copyToBuffer",
    "corresponds",
    "count",
    "drop",
    "dropRight",
    "dropWhile",
    "empty",
    "eq",
    "equals",
    "exists",
    "filter",
    "filterNot",
    "find",
    "flatMap",
    "flatten",
    "fold",
    "foldLeft",
    "foldRight",
    "forall",
    "foreach",
    "getClass",
    "groupBy",
    "groupMap",
    "groupMapReduce",
    "grouped",
    "hasDefiniteSize",
    "hashCode",
    "head",
    "headOption",
    "init",
    "inits",
    "isEmpty",
    "isInstanceOf",
    "isTraversableAgain",
    "iterableFactory",
    "iterator",
    "knownSize",
    "last",
    "lastOption",
    "lazyZip",
    "map",
    "max",
    "maxBy",
    "maxByOption",
    "maxOption",
    "min",
    "minBy",
    "minByOption",
    "minOption",
    "mkString",
    "ne",
    "nonEmpty",
    "notify",
    "notifyAll",
    "partition",
    "partitionMap",
    "product",
    "reduce",
    "reduceLeft",
    "reduceLeftOption",
    "reduceOption",
    "reduceRight",
    "reduceRightOption",
    "repr",
    "scan",
    "scanLeft",
    "scanRight",
    "seq",
    "size",
    "sizeCompare",
    "sizeIs",
    "slice",
    "sliding",
    "span",
    "splitAt",
    "stepper",
    "sum",
    "synchronized",
    "tail",
    "tails",
    "take",
    "takeRight",
    "takeWhile",
    "tapEach",
    "to",
    "toArray",
    "toBuffer",
    "toIndexedSeq",
    "toIterable",
    "toIterator",
    "toList",
    "toMap",
    "toSeq",
    "toSet",
    "toStream",
    "toString",
    "toTraversable",
    "toVector",
    "transpose",
    "unzip",
    "unzip3",
    "view",
    "wait",
    "withFilter",
    "zip",
    "zipAll",
    "zipWithIndex",
];

/// What `import`s may add to a collection (`scala.jdk.CollectionConverters`, the parallel
/// collections, `spark.implicits._`): never reported as missing.
const IMPORTED: &[&str] = &[
    "asJava",
    "asScala",
    "asJavaCollection",
    "asJavaIterable",
    "par",
    "toDF",
    "toDS",
];

/// An `Iterator[T]`'s members (`typeOf[Iterator[Int]]`, with those
/// `IterableOnceExtensionMethods` adds).
const ITERATOR: &str = "!= ## ++ /: :\\ == addString aggregate asInstanceOf buffered collect collectFirst concat contains copyToArray copyToBuffer corresponds count distinct distinctBy drop dropWhile duplicate eq equals exists filter filterNot find flatMap flatten fold foldLeft foldRight forall foreach getClass grouped hasDefiniteSize hasNext hashCode indexOf indexWhere isEmpty isInstanceOf isTraversableAgain iterator knownSize length map max maxBy maxByOption maxOption min minBy minByOption minOption mkString ne next nextOption nonEmpty notify notifyAll padTo partition patch product reduce reduceLeft reduceLeftOption reduceOption reduceRight reduceRightOption sameElements scanLeft scanRight seq size slice sliding span splitAt stepper sum synchronized take takeWhile tapEach to toArray toBuffer toIndexedSeq toIterable toIterator toList toMap toSeq toSet toStream toString toTraversable toVector wait withFilter zip zipAll zipWithIndex";
/// An immutable `Seq[T]`'s members beside an `Iterable`'s (`typeOf[Seq[Int]]`).
const SEQ: &str = "+: :+ :++ andThen appended appendedAll apply applyOrElse canEqual combinations compose contains containsSlice diff distinct distinctBy elementWise endsWith findLast indexOf indexOfSlice indexWhere indices intersect isDefinedAt lastIndexOf lastIndexOfSlice lastIndexWhere length lengthCompare lengthIs lift orElse padTo patch permutations prefixLength prepended prependedAll reverse reverseIterator reverseMap runWith sameElements search segmentLength sortBy sortWith sorted startsWith unapply union updated";
/// A `List[T]`'s beside a `Seq`'s (`typeOf[List[Int]]`).
const LIST: &str = ":: ::: mapConserve reverse_:::";
/// A `Vector[T]`'s beside a `Seq`'s (`typeOf[Vector[Int]]`).
const VECTOR: &str = "className";
/// An immutable `Set[T]`'s beside an `Iterable`'s (`typeOf[Set[Int]]`).
const SET: &str = "& &~ + - -- andThen apply canEqual compose contains diff excl incl intersect removedAll subsetOf subsets union |";
/// A `scala.collection.Map[K, V]`'s beside an `Iterable`'s (`typeOf[collection.Map[String, Int]]`).
const MAP: &str = "+ - -- andThen apply applyOrElse canEqual compose contains default elementWise filterKeys foreachEntry get getOrElse isDefinedAt keySet keyStepper keys keysIterator lift mapFactory mapValues orElse runWith unapply valueStepper values valuesIterator";
/// An immutable `Map[K, V]`'s beside a `collection.Map`'s (`typeOf[Map[String, Int]]`).
const IMMUTABLE_MAP: &str =
    "removed removedAll transform updated updatedWith withDefault withDefaultValue";
/// A `TreeMap[K, V]`'s (immutable or mutable) beside its kind of `Map`'s (with `insert` for
/// the immutable one; `typeOf[immutable.TreeMap[String, Int]]`).
const SORTED_MAP: &str = "compare firstKey from iteratorFrom keysIteratorFrom lastKey maxBefore minAfter ordering range rangeFrom rangeImpl rangeTo rangeUntil sortedMapFactory unsorted until valuesIteratorFrom";
/// A `mutable.Map[K, V]`'s beside a `collection.Map`'s (`typeOf[mutable.Map[String, Int]]`).
const MUTABLE_MAP: &str = "++= += --= -= addAll addOne clear clone filterInPlace getOrElseUpdate mapResult mapValuesInPlace put remove result retain sizeHint sizeHintBounded subtractAll subtractOne transform update updateWith updated withDefault withDefaultValue";

/// A Scala collection the checker types (`List[Int]`, `scala.collection.Map[String,Long]`):
/// its own lists, beside an `Iterable`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    /// `List[T]`.
    List,
    /// `Seq[T]` (`toSeq`).
    Seq,
    /// `scala.collection.immutable.Vector[T]`.
    Vector,
    /// `IndexedSeq[T]` (a `String`'s `map` to other than `Char`s), with `Seq`'s members.
    IndexedSeq,
    /// `scala.collection.immutable.Set[T]`.
    Set,
    /// `Iterable[T]` (a map's `keys` and `values`).
    Iterable,
    /// `scala.collection.Map[K,V]` (what `collectAsMap` and `countByValue` give).
    Map,
    /// `scala.collection.immutable.Map[K,V]` (`Map("a" -> 1)`).
    ImmutableMap,
    /// `scala.collection.mutable.Map[K,V]`.
    MutableMap,
    /// `scala.collection.immutable.TreeMap[K,V]`.
    TreeMap,
    /// `1 to 5`, `1 until 5`: a `Range` of `Int`s, a `Seq`'s members and its own.
    Range,
    /// `scala.collection.mutable.TreeMap[K,V]`.
    MutableTreeMap,
    /// `Iterator[T]` (`xs.iterator`, a partition in `mapPartitions`): its own members only,
    /// not an `Iterable`'s (no `head`, `sorted`, `groupBy`).
    Iterator,
}

impl Collection {
    /// The class's lists of members beside an `Iterable`'s.
    fn own(self) -> &'static [&'static str] {
        match self {
            Collection::List => &[SEQ, LIST],
            Collection::Seq => &[SEQ],
            Collection::Vector => &[SEQ, VECTOR],
            Collection::IndexedSeq => &[SEQ],
            Collection::Set => &[SET],
            Collection::Iterable => &[],
            Collection::Map => &[MAP],
            Collection::ImmutableMap => &[MAP, IMMUTABLE_MAP],
            Collection::MutableMap => &[MAP, MUTABLE_MAP],
            Collection::TreeMap => &[MAP, IMMUTABLE_MAP, SORTED_MAP, "insert"],
            // `typeOf[Range.Inclusive]`'s names beside a `Seq[Int]`'s.
            Collection::Range => &[SEQ, "by end inclusive isInclusive start step"],
            Collection::MutableTreeMap => &[MAP, MUTABLE_MAP, SORTED_MAP],
            Collection::Iterator => &[ITERATOR],
        }
    }

    /// Whether `name` is a member (scalac's "value x is not a member of List[Int]" when not).
    pub fn has(self, name: &str) -> bool {
        self.own().iter().any(|l| l.split(' ').any(|m| m == name))
            || [self.iterable(), ANY_METHODS, TOP, IMPORTED]
                .iter()
                .any(|l| l.contains(&name))
    }

    /// The names scalac picks a "did you mean" from.
    pub fn members(self) -> Vec<&'static str> {
        let own = self.own().iter().flat_map(|l| l.split(' '));
        own.chain(self.iterable().iter().copied())
            .chain(ANY_METHODS.iter().copied())
            .collect()
    }

    /// An `Iterable`'s members, which every class here has but an `Iterator`.
    fn iterable(self) -> &'static [&'static str] {
        match self {
            Collection::Iterator => &[],
            _ => ITERABLE,
        }
    }
}

/// The members of an `Array[T]` to scalac beside an `Iterable`'s: `Array`'s own, `ArrayOps`'
/// and, through `Predef.wrapRefArray`, `mutable.ArraySeq`'s (the public names of
/// `typeOf[Array[String]]`, `typeOf[collection.ArrayOps[String]]` and
/// `typeOf[mutable.ArraySeq.ofRef[String]]` by Scala 2.13.18's reflection, Spark 4.3.0's).
const ARRAY: &[&str] = &[
    "+:",
    ":+",
    ":++",
    "andThen",
    "appended",
    "appendedAll",
    "apply",
    "applyOrElse",
    "array",
    "canEqual",
    "clone",
    "combinations",
    "compose",
    "contains",
    "containsSlice",
    "diff",
    "distinct",
    "distinctBy",
    "elemTag",
    "elementWise",
    "endsWith",
    "findLast",
    "indexOf",
    "indexOfSlice",
    "indexWhere",
    "indices",
    "intersect",
    "isDefinedAt",
    "lastIndexOf",
    "lastIndexOfSlice",
    "lastIndexWhere",
    "length",
    "lengthCompare",
    "lengthIs",
    "lift",
    "mapInPlace",
    "orElse",
    "padTo",
    "patch",
    "permutations",
    "prefixLength",
    "prepended",
    "prependedAll",
    "reverse",
    "reverseIterator",
    "reverseMap",
    "runWith",
    "sameElements",
    "search",
    "segmentLength",
    "sortBy",
    "sortInPlace",
    "sortInPlaceBy",
    "sortInPlaceWith",
    "sortWith",
    "sorted",
    "startsWith",
    "transform",
    "unapply",
    "union",
    "update",
    "updated",
];

/// The names `suggest` picks a "did you mean" from, for `ty`.
pub fn members(ty: &str) -> Vec<&'static str> {
    let lists: &[&[&str]] = match ty {
        "Int" | "Long" | "Double" => &[NUMBER, BITWISE, ANY, ANY_METHODS],
        "Char" => &[CHAR, NUMBER, BITWISE, ANY, ANY_METHODS],
        "Boolean" => &[BOOLEAN, BITWISE, ANY, ANY_METHODS],
        // No operator: `→` is no hint for a `*`.
        "Any" | "AnyVal" | "java.io.Serializable" => &[&TOP[4..6], ANY_METHODS],
        t if t.starts_with("Array[") => &[ARRAY, ITERABLE, ANY, ANY_METHODS],
        t if t.starts_with("Option[") || t.starts_with("Some[") => &[OPTION, ITERABLE],
        t if tuple_arity(t).is_some() => &[TUPLE, PRODUCT_METHODS, ANY_METHODS, &TOP[4..6]],
        _ => &[],
    };
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

/// The numeric types a number's operator has an overload for, in the order scalac lists
/// them (the reverse of `Int.scala`'s).
const WIDE: &[&str] = &["Double", "Float", "Long", "Int", "Char", "Short", "Byte"];

/// When no overload of a number's operator `op` takes a `rhs` (`3 % "a"`, `n * true`), the
/// overloads as scalac lists them in "overloaded method % with alternatives": `(x:
/// Double)Double <and>` and so on; `None` when one takes it, or for what is not covered.
pub fn operator_overloads(lhs: &str, op: &str, rhs: &str) -> Option<String> {
    let integral = matches!(lhs, "Int" | "Long" | "Char");
    if !(integral || lhs == "Double") || (op == "+" && rhs == "String") {
        return None;
    }
    let params: &[&str] = match op {
        "+" | "-" | "*" | "/" | "%" | "<" | "<=" | ">" | ">=" => WIDE,
        "&" | "|" | "^" if integral => &WIDE[2..],
        // A shift takes any whole number (`Char`, `Short`, `Byte` widen to `Int`).
        "<<" | ">>" | ">>>" if integral => &["Long", "Int"],
        _ => return None,
    };
    let shift = matches!(op, "<<" | ">>" | ">>>");
    if params.contains(&rhs) || shift && matches!(rhs, "Char" | "Short" | "Byte") {
        return None;
    }
    // What `lhs op x` gives: a comparison a Boolean, a shift the left side's type, else the
    // wider of the two (at least Int).
    let result = |p: &str| -> &str {
        match op {
            "<" | "<=" | ">" | ">=" => "Boolean",
            "<<" | ">>" | ">>>" => {
                if lhs == "Long" {
                    "Long"
                } else {
                    "Int"
                }
            }
            _ => widest(lhs, p),
        }
    };
    let mut alts: Vec<String> = params
        .iter()
        .map(|p| format!("  (x: {p}){}", result(p)))
        .collect();
    if op == "+" {
        alts.push("  (x: String)String".into());
    }
    Some(alts.join(" <and>\n"))
}

/// The type of a number's arithmetic on an `a` and a `b`: the wider of the two, at least
/// `Int`.
fn widest(a: &str, b: &str) -> &'static str {
    ["Double", "Float", "Long"]
        .into_iter()
        .find(|w| a == *w || b == *w)
        .unwrap_or("Int")
}

/// Of a number's arithmetic `lhs op rhs` where a `want` is expected: the overloads of `op`
/// whose result is a `want` (scalac picks among those first), as "overloaded method * with
/// alternatives" lists them, when there are some and none takes a `rhs` (`n * k` of an `Int`
/// and a `Long` where an `Int` is wanted).
pub fn operator_overloads_for(lhs: &str, op: &str, rhs: &str, want: &str) -> Option<String> {
    if !matches!(op, "+" | "-" | "*" | "/" | "%") || !matches!(lhs, "Int" | "Long" | "Char") {
        return None;
    }
    // Scala's numeric widening (weak conformance).
    let widens = |from: &str, to: &str| {
        from == to
            || matches!(
                (from, to),
                ("Byte", "Short" | "Int" | "Long" | "Float" | "Double")
                    | ("Short" | "Char", "Int" | "Long" | "Float" | "Double")
                    | ("Int", "Long" | "Float" | "Double")
                    | ("Long", "Float" | "Double")
                    | ("Float", "Double")
            )
    };
    let result = |p: &str| widest(lhs, p);
    let alts: Vec<&str> = (WIDE.iter().copied())
        .filter(|p| widens(result(p), want))
        .collect();
    if alts.is_empty() || alts.iter().any(|p| widens(rhs, p)) {
        return None;
    }
    let listed: Vec<String> = (alts.iter())
        .map(|p| format!("  (x: {p}){}", result(p)))
        .collect();
    Some(listed.join(" <and>\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_methods_are_not_members_of_numbers() {
        assert_eq!(has_member("Int", "toUpperCase"), Some(false));
        assert_eq!(has_member("Int", "split"), Some(false));
        assert_eq!(has_member("Long", "length"), Some(false));
        assert_eq!(has_member("Boolean", "toInt"), Some(false));
        assert_eq!(has_member("Int", "isDigit"), Some(false));
    }

    #[test]
    fn operator_overloads_are_listed_as_scalac_lists_them() {
        assert_eq!(
            operator_overloads("Int", "%", "String").unwrap(),
            "  (x: Double)Double <and>\n  (x: Float)Float <and>\n  (x: Long)Long <and>\n  \
             (x: Int)Int <and>\n  (x: Char)Int <and>\n  (x: Short)Int <and>\n  (x: Byte)Int"
        );
        assert_eq!(
            operator_overloads("Int", "<<", "String").unwrap(),
            "  (x: Long)Int <and>\n  (x: Int)Int"
        );
        assert!(operator_overloads("Int", "+", "Boolean")
            .unwrap()
            .ends_with("(x: Byte)Int <and>\n  (x: String)String"));
        assert_eq!(operator_overloads("Int", "+", "String"), None);
        assert_eq!(operator_overloads("Int", "*", "Double"), None);
        assert_eq!(operator_overloads("Double", "<<", "String"), None);
        assert!(operator_overloads("Int", "&", "Double")
            .unwrap()
            .starts_with("  (x: Long)Long <and>"));
        assert_eq!(operator_overloads("Int", "<<", "Char"), None);
    }

    #[test]
    fn rich_and_boxed_members_are_members() {
        for n in [
            "max",
            "until",
            "toHexString",
            "compareTo",
            "->",
            "toDouble",
            "abs",
        ] {
            assert_eq!(has_member("Int", n), Some(true), "{n}");
        }
        assert_eq!(has_member("Double", "isNaN"), Some(true));
        assert_eq!(has_member("Char", "isDigit"), Some(true));
        assert_eq!(has_member("Char", "toInt"), Some(true));
        assert_eq!(has_member("Boolean", "&&"), Some(true));
        assert_eq!(has_member("String", "length"), None);
    }

    #[test]
    fn an_option_has_its_own_members_and_an_iterables() {
        for n in [
            "getOrElse",
            "map",
            "sum",
            "toList",
            "size",
            "contains",
            "orNull",
            "->",
            "+",
        ] {
            assert_eq!(has_member("Option[Int]", n), Some(true), "{n}");
        }
        for n in ["toInt", "length", "-", "*", "update"] {
            assert_eq!(has_member("Option[Int]", n), Some(false), "{n}");
        }
        assert_eq!(has_member("Option[?]", "toInt"), None);
    }

    #[test]
    fn any_and_any_val_have_only_what_every_value_has() {
        for t in ["Any", "AnyVal"] {
            for n in ["toString", "hashCode", "==", "->", "+", "ensuring"] {
                assert_eq!(has_member(t, n), Some(true), "{t}.{n}");
            }
            for n in ["length", "toInt", "*", "-", "<", "max"] {
                assert_eq!(has_member(t, n), Some(false), "{t}.{n}");
            }
            assert!(members(t)
                .iter()
                .all(|m| m.chars().all(char::is_alphanumeric) || *m == "##"));
        }
    }
}
