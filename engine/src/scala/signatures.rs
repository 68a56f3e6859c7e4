//! Spark's own signatures of the `DStream` methods a learner calls, as scalac prints them in
//! its compile errors: `not enough arguments for method countByWindow: (windowDuration:
//! org.apache.spark.streaming.Duration, slideDuration: ...): ...DStream[Long]`, `too many
//! arguments (found 3, expected 2)`, `overloaded method window with alternatives: ... cannot
//! be applied to ()`, and the function type a method's first argument must have
//! (`reduceByKey`'s `(Int, Int) => Int`), for lambdas with the wrong number of parameters.
//!
//! Copied from scalac 2.13's messages on Spark 4.3.0 (the oracle compiles every program with
//! it), alternatives in scalac's order. Templates: `{T}` the DStream's element type, `{K}` and
//! `{V}` its key and value, `{T1}`/`{V1}` the same as a function's only parameter (a tuple
//! gets its own parentheses there: `((String, Int)) => Boolean`); `@DS`, `@D`, `@P`, `@RDD`,
//! `@Time`, `@CT` abbreviate Spark's and Scala's class names.

/// One overload of a method.
pub struct Alt {
    /// Type parameters, as `[S]`; empty for a method without.
    pub tparams: &'static str,
    /// Each parameter: name, type template, whether it has a default.
    pub params: &'static [(&'static str, &'static str, bool)],
    /// The implicit parameter list, as `(implicit ord: Ordering[{T}])`; empty for none.
    pub implicit: &'static str,
    /// The result type template.
    pub result: &'static str,
}

impl Alt {
    /// Whether this overload takes `n` positional arguments.
    pub fn accepts(&self, n: usize) -> bool {
        let required = self.params.iter().filter(|p| !p.2).count();
        (required..=self.params.len()).contains(&n)
    }
}

const fn alt(
    tparams: &'static str,
    params: &'static [(&'static str, &'static str, bool)],
    implicit: &'static str,
    result: &'static str,
) -> Alt {
    Alt {
        tparams,
        params,
        implicit,
        result,
    }
}

const WINDOW: &[(&str, &str, bool)] = &[("windowDuration", "@D", false)];
const WINDOW_SLIDE: &[(&str, &str, bool)] = &[
    ("windowDuration", "@D", false),
    ("slideDuration", "@D", false),
];
const UPDATE: &str = "(Seq[{V}], Option[S]) => Option[S]";
const UPDATE_ITER: &str = "Iterator[({K}, Seq[{V}], Option[S])] => Iterator[({K}, S)]";

/// Every method's overloads, in the order scalac lists them.
static METHODS: &[(&str, &[Alt])] = &[
    (
        "window",
        &[
            alt("", WINDOW_SLIDE, "", "@DS[{T}]"),
            alt("", WINDOW, "", "@DS[{T}]"),
        ],
    ),
    ("countByWindow", &[alt("", WINDOW_SLIDE, "", "@DS[Long]")]),
    (
        "reduceByWindow",
        &[
            alt(
                "",
                &[
                    ("reduceFunc", "({T}, {T}) => {T}", false),
                    ("invReduceFunc", "({T}, {T}) => {T}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                ],
                "",
                "@DS[{T}]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({T}, {T}) => {T}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                ],
                "",
                "@DS[{T}]",
            ),
        ],
    ),
    (
        "countByValueAndWindow",
        &[alt(
            "",
            &[
                ("windowDuration", "@D", false),
                ("slideDuration", "@D", false),
                ("numPartitions", "Int", true),
            ],
            "(implicit ord: Ordering[{T}])",
            "@DS[({T}, Long)]",
        )],
    ),
    (
        "reduceByKeyAndWindow",
        &[
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("invReduceFunc", "({V}, {V}) => {V}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                    ("partitioner", "@P", false),
                    ("filterFunc", "(({K}, {V})) => Boolean", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("invReduceFunc", "({V}, {V}) => {V}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", true),
                    ("numPartitions", "Int", true),
                    ("filterFunc", "(({K}, {V})) => Boolean", true),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                    ("partitioner", "@P", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                    ("numPartitions", "Int", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("windowDuration", "@D", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
        ],
    ),
    (
        "groupByKeyAndWindow",
        &[
            alt(
                "",
                &[
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                    ("partitioner", "@P", false),
                ],
                "",
                "@DS[({K}, Iterable[{V}])]",
            ),
            alt(
                "",
                &[
                    ("windowDuration", "@D", false),
                    ("slideDuration", "@D", false),
                    ("numPartitions", "Int", false),
                ],
                "",
                "@DS[({K}, Iterable[{V}])]",
            ),
            alt("", WINDOW_SLIDE, "", "@DS[({K}, Iterable[{V}])]"),
            alt("", WINDOW, "", "@DS[({K}, Iterable[{V}])]"),
        ],
    ),
    (
        "reduceByKey",
        &[
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("partitioner", "@P", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[
                    ("reduceFunc", "({V}, {V}) => {V}", false),
                    ("numPartitions", "Int", false),
                ],
                "",
                "@DS[({K}, {V})]",
            ),
            alt(
                "",
                &[("reduceFunc", "({V}, {V}) => {V}", false)],
                "",
                "@DS[({K}, {V})]",
            ),
        ],
    ),
    (
        "groupByKey",
        &[
            alt(
                "",
                &[("partitioner", "@P", false)],
                "",
                "@DS[({K}, Iterable[{V}])]",
            ),
            alt(
                "",
                &[("numPartitions", "Int", false)],
                "",
                "@DS[({K}, Iterable[{V}])]",
            ),
            alt("", &[], "", "@DS[({K}, Iterable[{V}])]"),
        ],
    ),
    (
        "updateStateByKey",
        &[
            alt(
                "[S]",
                &[
                    (
                        "updateFunc",
                        "(@Time, {K}, Seq[{V}], Option[S]) => Option[S]",
                        false,
                    ),
                    ("partitioner", "@P", false),
                    ("rememberPartitioner", "Boolean", false),
                    ("initialRDD", "Option[@RDD[({K}, S)]]", true),
                ],
                "(implicit evidence$10: @CT[S])",
                "@DS[({K}, S)]",
            ),
            alt(
                "[S]",
                &[
                    ("updateFunc", UPDATE_ITER, false),
                    ("partitioner", "@P", false),
                    ("rememberPartitioner", "Boolean", false),
                    ("initialRDD", "@RDD[({K}, S)]", false),
                ],
                "(implicit evidence$9: @CT[S])",
                "@DS[({K}, S)]",
            ),
            alt(
                "[S]",
                &[
                    ("updateFunc", UPDATE, false),
                    ("partitioner", "@P", false),
                    ("initialRDD", "@RDD[({K}, S)]", false),
                ],
                "(implicit evidence$8: @CT[S])",
                "@DS[({K}, S)]",
            ),
            alt(
                "[S]",
                &[
                    ("updateFunc", UPDATE_ITER, false),
                    ("partitioner", "@P", false),
                    ("rememberPartitioner", "Boolean", false),
                ],
                "(implicit evidence$7: @CT[S])",
                "@DS[({K}, S)]",
            ),
            alt(
                "[S]",
                &[("updateFunc", UPDATE, false), ("partitioner", "@P", false)],
                "(implicit evidence$6: @CT[S])",
                "@DS[({K}, S)]",
            ),
            alt(
                "[S]",
                &[
                    ("updateFunc", UPDATE, false),
                    ("numPartitions", "Int", false),
                ],
                "(implicit evidence$5: @CT[S])",
                "@DS[({K}, S)]",
            ),
            alt(
                "[S]",
                &[("updateFunc", UPDATE, false)],
                "(implicit evidence$4: @CT[S])",
                "@DS[({K}, S)]",
            ),
        ],
    ),
    (
        "foreachRDD",
        &[
            alt(
                "",
                &[("foreachFunc", "(@RDD[{T}], @Time) => Unit", false)],
                "",
                "Unit",
            ),
            alt(
                "",
                &[("foreachFunc", "@RDD[{T}] => Unit", false)],
                "",
                "Unit",
            ),
        ],
    ),
    (
        "transform",
        &[
            alt(
                "[U]",
                &[("transformFunc", "(@RDD[{T}], @Time) => @RDD[U]", false)],
                "(implicit evidence$6: @CT[U])",
                "@DS[U]",
            ),
            alt(
                "[U]",
                &[("transformFunc", "@RDD[{T}] => @RDD[U]", false)],
                "(implicit evidence$5: @CT[U])",
                "@DS[U]",
            ),
        ],
    ),
    (
        "print",
        &[
            alt("", &[("num", "Int", false)], "", "Unit"),
            alt("", &[], "", "Unit"),
        ],
    ),
    (
        "map",
        &[alt(
            "",
            &[("mapFunc", "{T1} => U", false)],
            "(implicit evidence$2: @CT[U])",
            "@DS[U]",
        )],
    ),
    (
        "flatMap",
        &[alt(
            "",
            &[("flatMapFunc", "{T1} => IterableOnce[U]", false)],
            "(implicit evidence$3: @CT[U])",
            "@DS[U]",
        )],
    ),
    (
        "filter",
        &[alt(
            "",
            &[("filterFunc", "{T1} => Boolean", false)],
            "",
            "@DS[{T}]",
        )],
    ),
    (
        "mapValues",
        &[alt(
            "",
            &[("mapValuesFunc", "{V1} => U", false)],
            "(implicit evidence$11: @CT[U])",
            "@DS[({K}, U)]",
        )],
    ),
    (
        "flatMapValues",
        &[alt(
            "",
            &[("flatMapValuesFunc", "{V1} => IterableOnce[U]", false)],
            "(implicit evidence$12: @CT[U])",
            "@DS[({K}, U)]",
        )],
    ),
    (
        "reduce",
        &[alt(
            "",
            &[("reduceFunc", "({T}, {T}) => {T}", false)],
            "",
            "@DS[{T}]",
        )],
    ),
    ("count", &[alt("", &[], "", "@DS[Long]")]),
    ("cache", &[alt("", &[], "", "@DS[{T}]")]),
    ("glom", &[alt("", &[], "", "@DS[Array[{T}]]")]),
    (
        "countByValue",
        &[alt(
            "",
            &[("numPartitions", "Int", true)],
            "(implicit ord: Ordering[{T}])",
            "@DS[({T}, Long)]",
        )],
    ),
    (
        "repartition",
        &[alt("", &[("numPartitions", "Int", false)], "", "@DS[{T}]")],
    ),
    (
        "union",
        &[alt("", &[("that", "@DS[{T}]", false)], "", "@DS[{T}]")],
    ),
];

const RDD_PAIRS: &str = "@RDD[({K}, {V})]";

/// `StateSpec.function`'s overloads as scalac lists them, each with its function's
/// parameter count: Java's `Function3` and `Function4`, then Scala's.
pub const STATE_SPEC_FUNCTION: [(usize, &str); 4] = [
    (3, "[KeyType, ValueType, StateType, MappedType](mappingFunction: org.apache.spark.api.java.function.Function3[KeyType,org.apache.spark.api.java.Optional[ValueType],org.apache.spark.streaming.State[StateType],MappedType]): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]"),
    (4, "[KeyType, ValueType, StateType, MappedType](mappingFunction: org.apache.spark.api.java.function.Function4[org.apache.spark.streaming.Time,KeyType,org.apache.spark.api.java.Optional[ValueType],org.apache.spark.streaming.State[StateType],org.apache.spark.api.java.Optional[MappedType]]): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]"),
    (3, "[KeyType, ValueType, StateType, MappedType](mappingFunction: (KeyType, Option[ValueType], org.apache.spark.streaming.State[StateType]) => MappedType): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]"),
    (4, "[KeyType, ValueType, StateType, MappedType](mappingFunction: (org.apache.spark.streaming.Time, KeyType, Option[ValueType], org.apache.spark.streaming.State[StateType]) => Option[MappedType]): org.apache.spark.streaming.StateSpec[KeyType,ValueType,StateType,MappedType]"),
];

/// The `RDD` methods' overloads (inside `foreachRDD` and `transform`).
static RDD_METHODS: &[(&str, &[Alt])] = &[
    (
        "map",
        &[alt(
            "",
            &[("f", "{T1} => U", false)],
            "(implicit evidence$3: @CT[U])",
            "@RDD[U]",
        )],
    ),
    (
        "flatMap",
        &[alt(
            "",
            &[("f", "{T1} => IterableOnce[U]", false)],
            "(implicit evidence$4: @CT[U])",
            "@RDD[U]",
        )],
    ),
    (
        "filter",
        &[alt("", &[("f", "{T1} => Boolean", false)], "", "@RDD[{T}]")],
    ),
    (
        "reduce",
        &[alt("", &[("f", "({T}, {T}) => {T}", false)], "", "{T}")],
    ),
    (
        "foreach",
        &[alt("", &[("f", "{T1} => Unit", false)], "", "Unit")],
    ),
    (
        "mapValues",
        &[alt("", &[("f", "{V1} => U", false)], "", "@RDD[({K}, U)]")],
    ),
    (
        "flatMapValues",
        &[alt(
            "",
            &[("f", "{V1} => IterableOnce[U]", false)],
            "",
            "@RDD[({K}, U)]",
        )],
    ),
    (
        "reduceByKey",
        &[
            alt("", &[("func", "({V}, {V}) => {V}", false)], "", RDD_PAIRS),
            alt(
                "",
                &[
                    ("func", "({V}, {V}) => {V}", false),
                    ("numPartitions", "Int", false),
                ],
                "",
                RDD_PAIRS,
            ),
            alt(
                "",
                &[
                    ("partitioner", "@P", false),
                    ("func", "({V}, {V}) => {V}", false),
                ],
                "",
                RDD_PAIRS,
            ),
        ],
    ),
    (
        "keyBy",
        &[alt("", &[("f", "{T1} => K", false)], "", "@RDD[(K, {T})]")],
    ),
    (
        "foreachPartition",
        &[alt(
            "",
            &[("f", "Iterator[{T}] => Unit", false)],
            "",
            "Unit",
        )],
    ),
    (
        "mapPartitions",
        &[alt(
            "",
            &[
                ("f", "Iterator[{T}] => Iterator[U]", false),
                ("preservesPartitioning", "Boolean", true),
            ],
            "(implicit evidence$6: @CT[U])",
            "@RDD[U]",
        )],
    ),
    (
        "sortBy",
        &[alt(
            "",
            &[
                ("f", "{T1} => K", false),
                ("ascending", "Boolean", true),
                ("numPartitions", "Int", true),
            ],
            "(implicit ord: Ordering[K], ctag: @CT[K])",
            "@RDD[{T}]",
        )],
    ),
    (
        "groupByKey",
        &[
            alt("", &[], "", "@RDD[({K}, Iterable[{V}])]"),
            alt(
                "",
                &[("numPartitions", "Int", false)],
                "",
                "@RDD[({K}, Iterable[{V}])]",
            ),
            alt(
                "",
                &[("partitioner", "@P", false)],
                "",
                "@RDD[({K}, Iterable[{V}])]",
            ),
        ],
    ),
    ("count", &[alt("", &[], "", "Long")]),
    ("first", &[alt("", &[], "", "{T}")]),
    (
        "take",
        &[alt("", &[("num", "Int", false)], "", "Array[{T}]")],
    ),
    (
        "top",
        &[alt(
            "",
            &[("num", "Int", false)],
            "(implicit ord: Ordering[{T}])",
            "Array[{T}]",
        )],
    ),
    (
        "takeOrdered",
        &[alt(
            "",
            &[("num", "Int", false)],
            "(implicit ord: Ordering[{T}])",
            "Array[{T}]",
        )],
    ),
    (
        "sortByKey",
        &[alt(
            "",
            &[
                ("ascending", "Boolean", true),
                ("numPartitions", "Int", true),
            ],
            "",
            RDD_PAIRS,
        )],
    ),
    (
        "union",
        &[alt("", &[("other", "@RDD[{T}]", false)], "", "@RDD[{T}]")],
    ),
];

/// `StreamingContext`'s methods a learner calls with arguments, as scalac prints them.
static SSC_METHODS: &[(&str, &[Alt])] = &[
    (
        "socketTextStream",
        &[alt(
            "",
            &[
                ("hostname", "String", false),
                ("port", "Int", false),
                (
                    "storageLevel",
                    "org.apache.spark.storage.StorageLevel",
                    true,
                ),
            ],
            "",
            "org.apache.spark.streaming.dstream.ReceiverInputDStream[String]",
        )],
    ),
    (
        "checkpoint",
        &[alt("", &[("directory", "String", false)], "", "Unit")],
    ),
    (
        "remember",
        &[alt("", &[("duration", "@D", false)], "", "Unit")],
    ),
    ("start", &[alt("", &[], "", "Unit")]),
    ("awaitTermination", &[alt("", &[], "", "Unit")]),
    (
        "awaitTerminationOrTimeout",
        &[alt("", &[("timeout", "Long", false)], "", "Boolean")],
    ),
    (
        "stop",
        &[
            alt(
                "",
                &[
                    ("stopSparkContext", "Boolean", false),
                    ("stopGracefully", "Boolean", false),
                ],
                "",
                "Unit",
            ),
            alt("", &[("stopSparkContext", "Boolean", true)], "", "Unit"),
        ],
    ),
];

/// `StreamingContext`'s constructors as scalac lists them ("multiple constructors for
/// StreamingContext with alternatives").
pub const SSC_CONSTRUCTORS: &str = "  (path: String,sparkContext: org.apache.spark.SparkContext)org.apache.spark.streaming.StreamingContext <and>
  (path: String,hadoopConf: org.apache.hadoop.conf.Configuration)org.apache.spark.streaming.StreamingContext <and>
  (conf: org.apache.spark.SparkConf,batchDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.StreamingContext <and>
  (sparkContext: org.apache.spark.SparkContext,batchDuration: org.apache.spark.streaming.Duration)org.apache.spark.streaming.StreamingContext";

/// The overloads of `StreamingContext`'s method `name`, where the table has them.
pub fn ssc_overloads(name: &str) -> Option<&'static [Alt]> {
    SSC_METHODS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
}

/// The overloads of the `DStream` (or, with `rdd`, the `RDD`) method `name`, where the
/// tables have them.
pub fn overloads(rdd: bool, name: &str) -> Option<&'static [Alt]> {
    let table = if rdd { RDD_METHODS } else { METHODS };
    table.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// The element type's parts a template refers to: `{T}` (and `{K}`, `{V}` for pairs), each
/// as scalac shows it, or `None` where the checker does not know it (shown as the type
/// parameter's own name).
pub struct Elem<'a> {
    /// The element type.
    pub t: Option<&'a str>,
    /// The key type of a pair.
    pub k: Option<&'a str>,
    /// The value type of a pair.
    pub v: Option<&'a str>,
}

/// `t` as a function's only parameter: a tuple keeps its own parentheses.
fn lone(t: &str) -> String {
    if t.starts_with('(') {
        format!("({t})")
    } else {
        t.to_string()
    }
}

/// A template with its placeholders filled in.
pub fn fill(template: &str, e: &Elem) -> String {
    let t = e.t.unwrap_or("T");
    let k = e.k.unwrap_or("K");
    let v = e.v.unwrap_or("V");
    template
        .replace("{T1}", &lone(t))
        .replace("{V1}", &lone(v))
        .replace("{T}", t)
        .replace("{K}", k)
        .replace("{V}", v)
        .replace("@DS", "org.apache.spark.streaming.dstream.DStream")
        .replace("@D", "org.apache.spark.streaming.Duration")
        .replace("@P", "org.apache.spark.Partitioner")
        .replace("@RDD", "org.apache.spark.rdd.RDD")
        .replace("@Time", "org.apache.spark.streaming.Time")
        .replace("@CT", "scala.reflect.ClassTag")
}

/// The overload as scalac shows it on its own: `(a: A, b: B)(implicit ...): R`.
pub fn single(a: &Alt, e: &Elem) -> String {
    let ps: Vec<String> = a
        .params
        .iter()
        .map(|(n, t, _)| format!("{n}: {}", fill(t, e)))
        .collect();
    format!(
        "{}({}){}: {}",
        a.tparams,
        ps.join(", "),
        fill(a.implicit, e),
        fill(a.result, e)
    )
}

/// The overload as scalac declares it, its type parameters first: `[U](f: Int => U)(implicit
/// evidence$3: scala.reflect.ClassTag[U]): org.apache.spark.rdd.RDD[U]` ("missing argument
/// list for method map in class RDD of type ..."). Where the table leaves them out (scalac's
/// other messages do not print them), they are the single capital letters its templates use
/// beside the element's (`U`, `K`, `S`).
pub fn declared(a: &Alt, e: &Elem) -> String {
    if !a.tparams.is_empty() {
        return single(a, e);
    }
    let mut named: Vec<String> = Vec::new();
    let templates = a.params.iter().map(|p| p.1).chain([a.implicit, a.result]);
    for t in templates {
        // The element's placeholders (`{T}`, `{V1}`) and the abbreviations (`@DS`) aside.
        let mut rest = t;
        let mut plain = String::new();
        while let Some(i) = rest.find(['{', '@']) {
            plain.push_str(&rest[..i]);
            let end = match rest.as_bytes()[i] {
                b'{' => rest[i..].find('}').map_or(rest.len(), |j| i + j + 1),
                _ => (rest[i + 1..].find(|c: char| !c.is_ascii_alphabetic()))
                    .map_or(rest.len(), |j| i + 1 + j),
            };
            plain.push(' ');
            rest = &rest[end..];
        }
        plain.push_str(rest);
        for w in plain.split(|c: char| !c.is_ascii_alphanumeric()) {
            let letter = w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase());
            if letter && !named.iter().any(|n| n == w) {
                named.push(w.to_string());
            }
        }
    }
    match named.as_slice() {
        [] => single(a, e),
        ts => format!("[{}]{}", ts.join(", "), single(a, e)),
    }
}

/// How scalac writes every argument of `a` as a placeholder: `_`, `_,_`, `_)(_` with an
/// implicit list (`map(_)(_)`).
pub fn placeholders(a: &Alt) -> String {
    let mut s = vec!["_"; a.params.len()].join(",");
    if !a.implicit.is_empty() {
        s.push_str(")(");
        s.push_str(&vec!["_"; a.implicit.matches(':').count()].join(","));
    }
    s
}

/// The overload as scalac lists it among alternatives: `(a: A,b: B)R` for a plain method,
/// as [`single`] for one with type parameters.
pub fn listed(a: &Alt, e: &Elem) -> String {
    if !a.tparams.is_empty() {
        return single(a, e);
    }
    let ps: Vec<String> = a
        .params
        .iter()
        .map(|(n, t, _)| format!("{n}: {}", fill(t, e)))
        .collect();
    format!("({}){}", ps.join(","), fill(a.result, e))
}

/// scalac's alternatives block: each overload on its own line, joined by `<and>`.
pub fn alternatives(name: &str, alts: &[Alt], e: &Elem) -> String {
    let lines: Vec<String> = alts.iter().map(|a| format!("  {}", listed(a, e))).collect();
    format!(
        "overloaded method {name} with alternatives:\n{}",
        lines.join(" <and>\n")
    )
}

/// Where the parenthesis `t` starts with closes, and how many commas separate what it holds
/// (`(String, (Int, Int))`: 21 and 1); `None` when `t` starts with none or it never closes.
pub fn group(t: &str) -> Option<(usize, usize)> {
    t.strip_prefix('(')?;
    let mut depth = 0;
    let mut commas = 0;
    for (i, c) in t.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some((i, commas));
                }
            }
            ',' if depth == 1 => commas += 1,
            _ => {}
        }
    }
    None
}

/// A function type template's parameter count: `(A, B) => C` 2, `A => C` 1; `None` when the
/// template is not a function type.
pub fn arity(template: &str) -> Option<usize> {
    if let Some((close, commas)) = group(template) {
        if template[close + 1..].starts_with(" =>") {
            return Some(if close == 1 { 0 } else { commas + 1 });
        }
    }
    let mut depth = 0;
    for (i, c) in template.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '=' if depth == 0 && template[i..].starts_with("=>") => return Some(1),
            _ => {}
        }
    }
    None
}

/// The parameter types of a function type template (filled in), and its result.
pub fn function_parts(template: &str, e: &Elem) -> Option<(Vec<String>, String)> {
    let n = arity(template)?;
    let filled = fill(template, e);
    // The result follows the top-level ` => `.
    let mut depth = 0;
    let mut cut = None;
    for (i, c) in filled.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '=' if depth == 0 && filled[i..].starts_with("=>") => {
                cut = Some(i);
                break;
            }
            _ => {}
        }
    }
    let cut = cut?;
    let (head, result) = (filled[..cut].trim_end(), filled[cut + 2..].trim_start());
    let params = if n == 1 {
        // `A => R`, or `((A, B)) => R` for a lone tuple.
        let inner = head
            .strip_prefix("((")
            .and_then(|h| h.strip_suffix("))"))
            .map(|h| format!("({h})"));
        vec![inner.unwrap_or_else(|| head.to_string())]
    } else {
        split_top(&head[1..head.len() - 1])
    };
    Some((params, result.to_string()))
}

/// `a, (b, c), d` split at its top-level commas.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !s.trim().is_empty() {
        out.push(s[start..].trim().to_string());
    }
    out
}

/// A function type as scalac shows it: `String => ?`, `((String, Int)) => ?`, `(Int, Int)
/// => Int`, `() => Int`.
pub fn show_function(params: &[String], result: &str) -> String {
    match params {
        [one] => format!("{} => {result}", lone(one)),
        _ => format!("({}) => {result}", params.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAIRS: Elem = Elem {
        t: Some("(String, Int)"),
        k: Some("String"),
        v: Some("Int"),
    };

    #[test]
    fn signatures_print_as_scalac_prints_them() {
        let cbw = &overloads(false, "countByWindow").unwrap()[0];
        assert_eq!(
            single(cbw, &PAIRS),
            "(windowDuration: org.apache.spark.streaming.Duration, slideDuration: \
             org.apache.spark.streaming.Duration): org.apache.spark.streaming.dstream.DStream[Long]"
        );
        let map = &overloads(false, "map").unwrap()[0];
        assert_eq!(
            single(map, &PAIRS),
            "(mapFunc: ((String, Int)) => U)(implicit evidence$2: scala.reflect.ClassTag[U]): \
             org.apache.spark.streaming.dstream.DStream[U]"
        );
        let rbk = overloads(false, "reduceByKey").unwrap();
        assert_eq!(
            alternatives("reduceByKey", rbk, &PAIRS),
            "overloaded method reduceByKey with alternatives:\n  \
             (reduceFunc: (Int, Int) => Int,partitioner: org.apache.spark.Partitioner)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n  \
             (reduceFunc: (Int, Int) => Int,numPartitions: Int)org.apache.spark.streaming.dstream.DStream[(String, Int)] <and>\n  \
             (reduceFunc: (Int, Int) => Int)org.apache.spark.streaming.dstream.DStream[(String, Int)]"
        );
    }

    #[test]
    fn function_templates_know_their_arity_and_parts() {
        assert_eq!(arity("({V}, {V}) => {V}"), Some(2));
        assert_eq!(arity("{T1} => U"), Some(1));
        assert_eq!(arity("(@RDD[{T}], @Time) => Unit"), Some(2));
        assert_eq!(arity("@RDD[{T}] => @RDD[U]"), Some(1));
        assert_eq!(arity("(({K}, {V})) => Boolean"), Some(1));
        assert_eq!(arity("@D"), None);
        assert_eq!(arity("Option[@RDD[({K}, S)]]"), None);
        let (ps, r) = function_parts("{T1} => Boolean", &PAIRS).unwrap();
        assert_eq!(
            (ps, r.as_str()),
            (vec!["(String, Int)".to_string()], "Boolean")
        );
        let (ps, r) = function_parts("({V}, {V}) => {V}", &PAIRS).unwrap();
        assert_eq!(show_function(&ps, "?"), "(Int, Int) => ?");
        assert_eq!(r, "Int");
        assert_eq!(show_function(&["String".into()], "?"), "String => ?");
        assert_eq!(show_function(&[], "Int"), "() => Int");
    }

    #[test]
    fn defaults_widen_what_an_overload_accepts() {
        let rbkw = overloads(false, "reduceByKeyAndWindow").unwrap();
        let counts: Vec<usize> = (0..8)
            .filter(|n| rbkw.iter().any(|a| a.accepts(*n)))
            .collect();
        assert_eq!(counts, vec![2, 3, 4, 5, 6]);
        assert!(!overloads(false, "countByWindow").unwrap()[0].accepts(1));
    }
}
