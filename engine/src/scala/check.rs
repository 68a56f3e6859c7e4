//! A static pass over the parsed program: reports calls of methods that the receiver does
//! not have, before anything runs, so every typo shows at once with its span and the nearest
//! valid name ("value reduceByKeyAndWindw is not a member of DStream[(String, Int)]; did you
//! mean reduceByKeyAndWindow?").
//!
//! It infers a coarse type for each expression: Spark's objects (`SparkConf`,
//! `SparkContext`, `StreamingContext`, `DStream[T]`, `RDD[T]`, `State[S]`, `Broadcast[T]`)
//! and the simple Scala values flowing through a pipeline (strings, numbers, tuples, arrays),
//! following `val`s, lambda parameters (`lines.flatMap(_.split(" "))` knows `_` is a
//! `String`) and declared parameter types. Whatever it cannot type is `?` and never
//! reported, so a program the interpreter would run is never rejected here: a member is
//! reported only when the receiver's type is certain and the name is missing from the list
//! of methods the interpreter implements for it (`spark_api::*_METHODS`). Real Spark methods
//! the playground does not model are reported as `unsupported`, not as typos.

use std::rc::Rc;

mod abstract_members;
mod arithmetic_expected;
mod array_for_seq;
mod call;
mod empty_args;
mod fn_arity;
mod forward;
mod implicit_arg;
mod listener;
mod method_value;
mod open_element;
mod option;
mod state_spec;
mod time;
mod twice;

use super::ast::*;
use super::builtins::{parse_number, GLOBALS, STRING_METHODS};
use super::case_class::PRODUCT_METHODS;
use super::diag::{scalac_suggest, suggest, Diagnostic};
use super::spark_api::{
    ANY_METHODS, BROADCAST_METHODS, CONF_METHODS, DSTREAM_METHODS, NO_APPLY, RDD_METHODS,
    SC_METHODS, SSC_METHODS, STATE_METHODS, TIME_METHODS, TIME_SPARK_ONLY,
};
use super::value_members::Collection;

/// Real Spark `DStream` methods that the playground does not run.
/// (`saveAsHadoopFiles` and `saveAsNewAPIHadoopFiles` are a pair stream's only; Spark 4.3's
/// `DStream` has no `foreach`, `countByKey` or public `persistence`: scalac's "not a member".)
const DSTREAM_SPARK_ONLY: &[&str] = &["saveAsHadoopFiles", "saveAsNewAPIHadoopFiles", "compute"];

/// `DStream`'s `private[streaming]` members, with scalac's word for each: a program outside
/// Spark's package cannot reach them ("variable generatedRDDs in class DStream cannot be
/// accessed as a member of ...").
const DSTREAM_PRIVATE: &[(&str, &str)] = &[
    ("generatedRDDs", "variable"),
    ("zeroTime", "variable"),
    ("rememberDuration", "variable"),
    ("storageLevel", "variable"),
    ("checkpointDuration", "variable"),
    ("graph", "variable"),
    ("ssc", "variable"),
    ("mustCheckpoint", "value"),
    ("checkpointData", "value"),
    ("creationSite", "value"),
    ("baseScope", "value"),
    ("register", "method"),
    ("isInitialized", "method"),
    ("getOrCompute", "method"),
    ("generateJob", "method"),
    ("clearMetadata", "method"),
    ("initialize", "method"),
    ("isTimeValid", "method"),
    ("remember", "method"),
    ("parentRememberDuration", "method"),
    ("validateAtStart", "method"),
    ("setContext", "method"),
    ("setGraph", "method"),
];

/// Real Spark `StreamingContext` methods that the playground does not run (its public
/// methods by Scala's reflection on Spark 4.3.0, less those it runs).
const SSC_SPARK_ONLY: &[&str] = &[
    "binaryRecordsStream",
    "fileStream",
    "receiverStream",
    "textFileStream",
];

/// Real `SparkConf` members the playground does not run (what lists or sizes its settings,
/// Kryo, executors' environments and jars).
const CONF_SPARK_ONLY: &[&str] = &[
    "getAll",
    "getAllWithPrefix",
    "getAppId",
    "getExecutorEnv",
    "getSizeAsBytes",
    "getSizeAsKb",
    "getSizeAsMb",
    "getSizeAsGb",
    "getTimeAsMs",
    "getTimeAsSeconds",
    "setAll",
    "setJars",
    "setSparkHome",
    "setExecutorEnv",
    "registerKryoClasses",
    "registerAvroSchemas",
    "toDebugString",
    "clone",
    "loadFromSystemProperties",
];

/// Real `SparkContext` members the playground does not run: files and Hadoop formats, jobs'
/// groups, tags and cancelling, executors, listeners, and what depends on the machine or the
/// moment (`applicationId`, `startTime`, `uiWebUrl`, `sparkUser`).
const SC_SPARK_ONLY: &[&str] = &[
    "textFile",
    "wholeTextFiles",
    "binaryFiles",
    "binaryRecords",
    "hadoopFile",
    "hadoopRDD",
    "newAPIHadoopFile",
    "newAPIHadoopRDD",
    "sequenceFile",
    "objectFile",
    "addFile",
    "addJar",
    "addArchive",
    "listFiles",
    "listJars",
    "listArchives",
    "setJobGroup",
    "clearJobGroup",
    "setJobDescription",
    "setLocalProperty",
    "getLocalProperty",
    "setInterruptOnCancel",
    "addJobTag",
    "removeJobTag",
    "getJobTags",
    "clearJobTags",
    "cancelJobGroup",
    "cancelJobsWithTag",
    "cancelAllJobs",
    "cancelJob",
    "cancelStage",
    "killTaskAttempt",
    "killExecutor",
    "killExecutors",
    "requestExecutors",
    "requestTotalExecutors",
    "getCheckpointDir",
    "sparkUser",
    "startTime",
    "applicationId",
    "applicationAttemptId",
    "uiWebUrl",
    "hadoopConfiguration",
    "runJob",
    "runApproximateJob",
    "submitJob",
    "statusTracker",
    "getPersistentRDDs",
    "getRDDStorageInfo",
    "getExecutorMemoryStatus",
    "getAllPools",
    "getPoolForName",
    "getSchedulingMode",
    "addSparkListener",
    "removeSparkListener",
    "register",
    "files",
    "jars",
    "archives",
    "deployMode",
    "resources",
    "setCallSite",
    "clearCallSite",
    "isStopped",
];

/// Real members of a `String` (Java 17's `String`, Scala's `StringOps`, and the `IndexedSeq`
/// methods a `WrappedString` adds) that the playground does not run: "not supported", never
/// scalac's "not a member".
const STRING_NOT_RUN: &[&str] = &[
    "chars",
    "codePoints",
    "codePointBefore",
    "codePointCount",
    "contentEquals",
    "describeConstable",
    "formatted",
    "getBytes",
    "getChars",
    "indent",
    "intern",
    "lines",
    "offsetByCodePoints",
    "regionMatches",
    "resolveConstantDesc",
    "stripIndent",
    "subSequence",
    "transform",
    "translateEscapes",
    "view",
    "knownSize",
    "sizeCompare",
    "lengthCompare",
    "sizeIs",
    "lengthIs",
    "prependedAll",
    "++:",
    "appended",
    "appendedAll",
    ":++",
    "addString",
    "linesWithSeparators",
    "replaceAllLiterally",
    "stripLineEnd",
    "toByte",
    "toShort",
    "toFloat",
    "toByteOption",
    "toShortOption",
    "toFloatOption",
    "toBooleanOption",
    "formatLocal",
    "stepper",
    "charStepper",
    "codePointStepper",
    "reverseIterator",
    "withFilter",
    "copyToArray",
    "partitionMap",
    "lazyZip",
    "zipAll",
    "scan",
    "scanRight",
    "reduceLeft",
    "reduceRight",
    "reduceOption",
    "reduceLeftOption",
    "reduceRightOption",
    "maxOption",
    "minOption",
    "maxByOption",
    "minByOption",
    "product",
    "toBuffer",
    "toIndexedSeq",
    "toIterable",
    "toMap",
    "unzip",
    "unzip3",
    "search",
    "sameElements",
    "containsSlice",
    "indexOfSlice",
    "lastIndexOfSlice",
    "tapEach",
    "groupMap",
    "isDefinedAt",
    "lift",
    "applyOrElse",
    "collectFirst",
    "findLast",
    "flatten",
    "sortInPlace",
    "iterableFactory",
    "empty",
    "stringPrefix",
    "isTraversableAgain",
    "sizeHint",
];

/// The members of `scala.collection` that Scala 2.13 removed and old Spark tutorials use.
const REMOVED_IN_2_13: &[&str] = &["JavaConversions", "breakOut"];

/// Names every Scala program has in scope (`scala._`, `java.lang._`, `Predef`'s) that the
/// playground does not run (none of `GLOBALS`): "not supported", never scalac's "not found".
const SCALA_NOT_RUN: &[&str] = &[
    "BigInt",
    "BigDecimal",
    "Predef",
    "Float",
    "Short",
    "Byte",
    "Boolean",
    "Stream",
    "LazyList",
    "LinearSeq",
    "Iterable",
    "Traversable",
    "Ordered",
    "Equiv",
    "Numeric",
    "Integral",
    "Fractional",
    "PartialFunction",
    "Function",
    "StringContext",
    "Symbol",
    "Console",
    "Runtime",
    "Enumeration",
    "Tuple1",
    "Tuple2",
    "Tuple3",
    "Unit",
    "Nothing",
    "Null",
    "Any",
    "AnyRef",
    "AnyVal",
    "Object",
    "Class",
    "ClassLoader",
    "Process",
    "ProcessBuilder",
    "StringBuffer",
    "ThreadLocal",
    "Runnable",
];

/// Real Spark `RDD` methods that the playground does not run.
const RDD_SPARK_ONLY: &[&str] = &[
    "toDF",
    "toDS",
    "localCheckpoint",
    "partitionBy",
    "pipe",
    // Approximate, asynchronous, Hadoop-format and resource-profile methods.
    "countApprox",
    "countApproxDistinct",
    "countByValueApprox",
    "countByKeyApprox",
    "sumApprox",
    "meanApprox",
    "collectAsync",
    "countAsync",
    "foreachAsync",
    "foreachPartitionAsync",
    "takeAsync",
    "saveAsSequenceFile",
    "saveAsHadoopFile",
    "saveAsNewAPIHadoopFile",
    "saveAsHadoopDataset",
    "saveAsNewAPIHadoopDataset",
    "sampleByKey",
    "sampleByKeyExact",
    "countApproxDistinctByKey",
    "combineByKeyWithClassTag",
    "zipPartitions",
    "barrier",
    "withResources",
    "getResourceProfile",
    "toJavaRDD",
    "preferredLocations",
    "getCheckpointFile",
];

/// Whether `name`, one of Spark's methods the playground does not run, is a pair stream's or
/// RDD's (`PairDStreamFunctions`, `PairRDDFunctions`, `SequenceFileRDDFunctions`): the Hadoop
/// savers, `partitionBy`, `countByKeyApprox`, `sampleByKey(Exact)`.
fn pairs_only_spark(name: &str) -> bool {
    name.starts_with("saveAs") && (name.contains("Hadoop") || name == "saveAsSequenceFile")
        || name.starts_with("sampleByKey")
        || matches!(
            name,
            "partitionBy"
                | "countByKeyApprox"
                | "countApproxDistinctByKey"
                | "combineByKeyWithClassTag"
        )
}

/// The coarse static type of an expression.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Conf,
    Sc,
    Ssc,
    DStream(Box<Ty>),
    /// What `socketTextStream` gives: a `DStream` that scalac names by its own class.
    Input(Box<Ty>),
    Rdd(Box<Ty>),
    State(Box<Ty>),
    Broadcast(Box<Ty>),
    Str,
    Int,
    Long,
    Double,
    Bool,
    Char,
    Unit,
    Tuple(Vec<Ty>),
    Array(Box<Ty>),
    Iterable(Box<Ty>),
    /// `Option[T]`: declared, `Option(x)`, what an `Option`'s methods give.
    Opt(Box<Ty>),
    /// `Some(x)`, whose type scalac keeps as `Some[T]` until something widens it.
    Some(Box<Ty>),
    /// `None`, which scalac types `None.type`.
    NoneT,
    /// What values of unrelated types have in common: `Any` (a `String` and a number,
    /// `o.getOrElse("none")` of an `Option[Int]`), `AnyVal` (two kinds of number).
    Any,
    AnyVal,
    /// What a `String` and an `Option`, a tuple or a collection have in common:
    /// `java.io.Serializable` (`if (c) s else Some(1)`).
    Serializable,
    /// A function value whose parameters are all declared: `(w: String, one: Option[Int],
    /// st: State[Int]) => ...`, its parameters' types and its result's.
    Fn(Vec<Ty>, Box<Ty>),
    /// `org.apache.spark.streaming.Time`.
    Time,
    /// `StateSpec[K, V, S, M]`: what `StateSpec.function` makes.
    Spec(Box<[Ty; 4]>),
    /// `MapWithStateDStream[K, V, S, M]`: what `mapWithState` gives, a `DStream[M]` with
    /// `stateSnapshots()`.
    Mapped(Box<[Ty; 4]>),
    /// `x.getClass`: a `java.lang.Class`, whose names are strings.
    Class,
    /// An instance of a case class of the program.
    Case(Rc<CaseInfo>),
    /// A case class's companion (`Word`), which builds instances.
    Companion(Rc<CaseInfo>),
    /// A Scala collection of a known class (`List(1, 2)`, `m.values`), whose members scalac
    /// knows (`value_members::Collection`).
    Coll(Collection, Box<Ty>),
    /// `1 to 5` (`Range.Inclusive`), `1 until 5` (`Range`): `Int`s.
    Range(bool),
    /// A map of a known class (`Map("a" -> 1)`, `rdd.countByValue()`): its keys' and values'
    /// types.
    MapOf(Collection, Box<Ty>, Box<Ty>),
    /// An `Ordering[T]` a program names (`Ordering[Int]`, `Ordering[String].reverse`), or one
    /// of `Ordering`'s objects (`Ordering.Int`, whose type scalac names `Ordering.Int.type`).
    Ordering(Box<Ty>, bool),
    Unknown,
}

/// What the checker knows of a case class: its fields' declared types and its methods.
#[derive(Debug, PartialEq)]
struct CaseInfo {
    name: String,
    fields: Vec<(String, Ty)>,
    /// Its parameter list as scalac prints it in a signature: `(s: String, n: Int)`.
    params: String,
    /// Which fields have a default.
    defaults: Vec<bool>,
    methods: Vec<String>,
}

impl Ty {
    fn show(&self) -> String {
        let list = |ts: &[Ty]| ts.iter().map(Ty::show).collect::<Vec<_>>().join(", ");
        // scalac prints several type arguments of a class without spaces.
        let tight = |ts: &[Ty]| ts.iter().map(Ty::show).collect::<Vec<_>>().join(",");
        match self {
            Ty::Conf => "SparkConf".into(),
            Ty::Sc => "SparkContext".into(),
            Ty::Ssc => "StreamingContext".into(),
            Ty::DStream(t) => format!("DStream[{}]", t.show()),
            Ty::Input(t) => format!("ReceiverInputDStream[{}]", t.show()),
            Ty::Rdd(t) => format!("RDD[{}]", t.show()),
            Ty::State(t) => format!("State[{}]", t.show()),
            Ty::Broadcast(t) => format!("Broadcast[{}]", t.show()),
            Ty::Str => "String".into(),
            Ty::Int => "Int".into(),
            Ty::Long => "Long".into(),
            Ty::Double => "Double".into(),
            Ty::Bool => "Boolean".into(),
            Ty::Char => "Char".into(),
            Ty::Unit => "Unit".into(),
            Ty::Tuple(ts) => format!("({})", list(ts)),
            Ty::Array(t) => format!("Array[{}]", t.show()),
            Ty::Iterable(t) => format!("Iterable[{}]", t.show()),
            Ty::Opt(t) => format!("Option[{}]", t.show()),
            Ty::Some(t) => format!("Some[{}]", t.show()),
            Ty::NoneT => "None.type".into(),
            Ty::Any => "Any".into(),
            Ty::AnyVal => "AnyVal".into(),
            Ty::Serializable => "java.io.Serializable".into(),
            Ty::Fn(ps, r) => match ps.as_slice() {
                [one] => format!("{} => {}", one.show(), r.show()),
                _ => format!("({}) => {}", list(ps), r.show()),
            },
            Ty::Time => "Time".into(),
            Ty::Range(true) => "scala.collection.immutable.Range.Inclusive".into(),
            Ty::Range(false) => "scala.collection.immutable.Range".into(),
            Ty::Class => "Class[?]".into(),
            Ty::Spec(ts) => format!("StateSpec[{}]", tight(&ts[..])),
            Ty::Mapped(ts) => format!("MapWithStateDStream[{}]", tight(&ts[..])),
            Ty::Case(c) => c.name.clone(),
            Ty::Companion(c) => format!("{}.type", c.name),
            Ty::Coll(c, t) => {
                let class = match c {
                    Collection::List => "List",
                    Collection::Seq => "Seq",
                    Collection::Vector => "scala.collection.immutable.Vector",
                    Collection::Set => "scala.collection.immutable.Set",
                    Collection::IndexedSeq => "IndexedSeq",
                    Collection::Iterator => "Iterator",
                    _ => "Iterable",
                };
                format!("{class}[{}]", t.show())
            }
            Ty::MapOf(c, k, v) => {
                let class = match c {
                    Collection::ImmutableMap => "scala.collection.immutable.Map",
                    Collection::MutableMap => "scala.collection.mutable.Map",
                    Collection::TreeMap => "scala.collection.immutable.TreeMap",
                    Collection::MutableTreeMap => "scala.collection.mutable.TreeMap",
                    _ => "scala.collection.Map",
                };
                format!("{class}[{}]", tight(&[(**k).clone(), (**v).clone()]))
            }
            Ty::Ordering(t, true) => format!("Ordering.{}.type", t.show()),
            Ty::Ordering(t, false) => format!("scala.math.Ordering[{}]", t.show()),
            Ty::Unknown => "?".into(),
        }
    }

    /// A number, a `Char`, a `Boolean` or a `String`.
    fn is_plain(&self) -> bool {
        matches!(
            self,
            Ty::Int | Ty::Long | Ty::Double | Ty::Str | Ty::Bool | Ty::Char
        )
    }

    /// Certainly a value that is not a function (arrays and sequences are functions of
    /// their index in Scala, so they do not count).
    fn is_value(&self) -> bool {
        !matches!(
            self,
            Ty::Unknown
                | Ty::Array(_)
                | Ty::Iterable(_)
                | Ty::Coll(..)
                | Ty::MapOf(..)
                | Ty::Companion(_)
                | Ty::Fn(..)
        )
    }

    fn elem(&self) -> Ty {
        match self {
            Ty::DStream(t) | Ty::Input(t) | Ty::Rdd(t) | Ty::Array(t) | Ty::Iterable(t) => {
                (**t).clone()
            }
            Ty::Mapped(ts) => ts[3].clone(),
            Ty::Coll(_, t) => (**t).clone(),
            Ty::MapOf(_, k, v) => Ty::Tuple(vec![(**k).clone(), (**v).clone()]),
            Ty::Str => Ty::Char,
            Ty::Range(_) => Ty::Int,
            _ => Ty::Unknown,
        }
    }

    /// `(K, V)` split, when the type is a pair.
    fn pair(&self) -> (Ty, Ty) {
        match self {
            Ty::Tuple(ts) if ts.len() == 2 => (ts[0].clone(), ts[1].clone()),
            _ => (Ty::Unknown, Ty::Unknown),
        }
    }

    /// The class name for messages, the methods the interpreter runs, and the real Spark
    /// methods it does not; `None` for types not checked.
    fn members(&self) -> Option<(&'static [&'static str], &'static [&'static str])> {
        Some(match self {
            Ty::Conf => (CONF_METHODS, CONF_SPARK_ONLY),
            Ty::Sc => (SC_METHODS, SC_SPARK_ONLY),
            Ty::Ssc => (SSC_METHODS, SSC_SPARK_ONLY),
            Ty::DStream(_) | Ty::Input(_) | Ty::Mapped(_) => (DSTREAM_METHODS, DSTREAM_SPARK_ONLY),
            Ty::Rdd(_) => (RDD_METHODS, RDD_SPARK_ONLY),
            Ty::State(_) => (STATE_METHODS, &[]),
            Ty::Broadcast(_) => (BROADCAST_METHODS, &[]),
            Ty::Str => (STRING_METHODS, STRING_NOT_RUN),
            Ty::Time => (TIME_METHODS, TIME_SPARK_ONLY),
            _ => return None,
        })
    }
}

/// Whether a class the program imports is outside what the playground runs: not Scala's,
/// Java's collections' or Spark core's and streaming's (a `Partitioner`, a
/// `StreamingListener`), or a custom receiver's.
fn foreign(path: &str) -> bool {
    let known = [
        "scala.",
        "java.util.",
        "java.lang.",
        "java.io.Serializable",
        "org.apache.spark.",
    ];
    let unsupported = [
        "org.apache.spark.streaming.receiver.",
        "org.apache.spark.sql.",
    ];
    !known.iter().any(|k| path.starts_with(k)) || unsupported.iter().any(|u| path.starts_with(u))
}

/// What `import org.apache.spark.sql._` brings that programs name.
const SQL_NAMES: &[&str] = &["SparkSession", "Row", "DataFrame", "Dataset", "functions"];

/// What a case class cannot extend yet.
pub const PARENT_BODY: &str = "a case class extending a class whose body runs statements (a `println`, a `var`): its `def`s and `val`s are fine";

/// Methods defined only on DStreams and RDDs of `(key, value)` pairs
/// (`PairDStreamFunctions`, `PairRDDFunctions`).
/// The members of the number objects a program names (`Int.MaxValue`, `Integer.MAX_VALUE`):
/// Scala's `Int`, `Long` and `Double` are not Java's `Integer`, `Long` and `Double`
/// (`Int.MAX_VALUE`, `Double.parseDouble` are scalac's "value parseDouble is not a member of
/// object Double"). Any other member of these is an error.
const NUMBER_OBJECTS: &[(&str, &[&str])] = &[
    (
        "Int",
        &[
            "MaxValue",
            "MinValue",
            "box",
            "unbox",
            "int2long",
            "int2float",
            "int2double",
        ],
    ),
    (
        "Long",
        &[
            "MaxValue",
            "MinValue",
            "box",
            "unbox",
            "long2float",
            "long2double",
        ],
    ),
    (
        "Double",
        &[
            "MaxValue",
            "MinValue",
            "MinPositiveValue",
            "NaN",
            "PositiveInfinity",
            "NegativeInfinity",
            "box",
            "unbox",
        ],
    ),
    (
        "Integer",
        &[
            "MAX_VALUE",
            "MIN_VALUE",
            "SIZE",
            "BYTES",
            "TYPE",
            "parseInt",
            "parseUnsignedInt",
            "valueOf",
            "decode",
            "toString",
            "toUnsignedString",
            "toUnsignedLong",
            "toBinaryString",
            "toHexString",
            "toOctalString",
            "hashCode",
            "getInteger",
            "compare",
            "compareUnsigned",
            "divideUnsigned",
            "remainderUnsigned",
            "highestOneBit",
            "lowestOneBit",
            "numberOfLeadingZeros",
            "numberOfTrailingZeros",
            "bitCount",
            "rotateLeft",
            "rotateRight",
            "reverse",
            "reverseBytes",
            "signum",
            "sum",
            "max",
            "min",
        ],
    ),
];

const PAIR_METHODS: &[&str] = &[
    "reduceByKey",
    "reduceByKeyAndWindow",
    "groupByKey",
    "groupByKeyAndWindow",
    "updateStateByKey",
    "mapWithState",
    "mapValues",
    "flatMapValues",
    "join",
    "leftOuterJoin",
    "rightOuterJoin",
    "fullOuterJoin",
    "cogroup",
    "combineByKey",
    "countByKey",
    "foldByKey",
    "aggregateByKey",
    // An RDD's (`PairRDDFunctions`, `OrderedRDDFunctions`): a stream has none of them.
    "sortByKey",
    "subtractByKey",
    "lookup",
    "keys",
    "values",
    "collectAsMap",
    "partitionBy",
    "reduceByKeyLocally",
];

/// The duration constructors, which take a whole number (`Seconds(5)`).
const DURATIONS: &[&str] = &["Seconds", "Milliseconds", "Minutes", "Duration"];

/// Methods whose first argument must be a function.
const FUNCTION_FIRST: &[&str] = &[
    "map",
    "flatMap",
    "filter",
    "mapValues",
    "flatMapValues",
    "mapPartitions",
    "reduceByKey",
    "reduceByKeyAndWindow",
    "reduce",
    "reduceByWindow",
    "updateStateByKey",
    "transform",
    "foreachRDD",
    "foreach",
];

/// The problems a program has before it runs: unknown methods on a receiver whose type is
/// known, names defined nowhere (`not found: value y`), pair methods on a DStream that does
/// not hold pairs, non-functions where a function is needed, `Seconds("5")`, and literals
/// that can only throw (`"hello".toInt`).
pub fn check(file: &SourceFile, src: &str) -> Vec<Diagnostic> {
    let mut c = Checker {
        src,
        blind: false,
        after_args: Vec::new(),
        imported: Vec::new(),
        probing: false,
        or_else: Vec::new(),
        overloaded: Vec::new(),
        fn_params: Vec::new(),
        scopes: vec![Vec::new()],
        written: Vec::new(),
        diags: Vec::new(),
        kept: 0,
        depth: 0,
        helpers: &file.helpers,
        classes: Vec::new(),
        defining: Vec::new(),
        blocks: Vec::new(),
        forward_seen: Vec::new(),
        resolving: Vec::new(),
        object_name: file.object_name.as_deref(),
    };
    // `main`'s `args`; object-level `def`s are visible everywhere (and may use the
    // object's vals, so their bodies are walked last).
    c.bind("args", Ty::Array(Box::new(Ty::Str)));
    for (text, span) in &file.imports {
        c.removed_import(text, *span);
        c.sql_import(text, *span);
        c.import(text);
    }
    for h in &file.helpers {
        c.bind(&h.name, Ty::Unknown);
    }
    c.hoist(&file.object_defs);
    c.hoist(&file.body);
    // The object's members (its `val`s, `def`s) in one scope, `main`'s statements in another.
    let statics = if file.app {
        file.body.len()
    } else {
        file.statics.min(file.body.len())
    };
    c.defined_twice(file.body[..statics].iter().chain(&file.object_defs), false);
    c.defined_twice(&file.body[statics..], true);
    for s in &file.body[..statics] {
        c.stmt(s);
    }
    c.block_stmts(&file.body[statics..]);
    for d in &file.object_defs {
        c.stmt(d);
    }
    for h in &file.helpers {
        c.object_body(&h.body);
    }
    c.forward_after_typing();
    c.diags
}

struct Checker<'f> {
    /// Set while a call scalac refused is walked: its lambdas' parameters are not typed
    /// (scalac could not type them, and says nothing more of their bodies' types).
    blind: bool,
    /// What a call's checks say after its arguments' own errors (scalac's "type mismatch" of
    /// an `updateStateByKey` function whose body had errors comes after them).
    after_args: Vec<Diagnostic>,
    /// The paths the program imports, blanks removed (`java.sql.{Connection,DriverManager}`).
    imported: Vec<String>,
    /// Set while `call.rs` types a call's arguments only to see their types.
    probing: bool,
    /// The `getOrElse`s of `Option`s and maps typed: where each default is, the `Option`'s
    /// type argument (the map's values') and the default's type (what `expect` needs of it,
    /// without typing it again).
    or_else: Vec<(Span, Ty, Ty)>,
    /// The `def`s defined twice in one scope (overloads): the checker gives them no type.
    overloaded: Vec<String>,
    /// The names bound to function values whose parameters are declared (`val f = (vs:
    /// Seq[Int], s: Option[Int]) => ...`, `def f(...)`): the parameters as written, and
    /// whether it is a `def` (scalac types a method's result against what the call wants).
    fn_params: Vec<(String, Vec<Param>, bool)>,
    /// The program's text, where the tree keeps no position scalac points at (a lambda's
    /// `=>`, a call's parenthesis).
    src: &'f str,
    /// Each scope's names, their types, and whether each is a `val` (no reassignment).
    scopes: Vec<Vec<(String, Ty, bool)>>,
    /// The names whose type was written (a typed `val`, a `def`'s parameter), last first.
    written: Vec<String>,
    diags: Vec<Diagnostic>,
    /// How many of the errors said were of an argument that leaves its call typed (an RDD's
    /// `top(1)(Ordering[String])` is still an `Array[Int]`): a call with other errors has no
    /// type.
    kept: usize,
    depth: u32,
    /// The file's helper objects, whose members `import Utils._` makes names.
    helpers: &'f [super::ast::HelperObject],
    /// The program's classes seen so far: a subclass's body sees its parents' members.
    classes: Vec<std::rc::Rc<super::ast::ClassDef>>,
    /// The program's `object` (`P` of `object P { def main ... }`), for messages that name
    /// where the code is; `None` for a bare body.
    object_name: Option<&'f str>,
    /// The `val`s without a declared type whose initialisers are being typed, each with the
    /// number of scopes open when its initialiser began (a name bound in a scope from there
    /// on is the initialiser's own: a lambda's parameter).
    defining: Vec<(String, usize)>,
    /// The blocks being walked, innermost last (see `forward`).
    blocks: Vec<forward::Block>,
    /// The names a forward reference was reported for (scalac says it once).
    forward_seen: Vec<String>,
    /// The names whose later initialiser is typed for a forward reference (`val a = b; val b
    /// = a` stops there).
    resolving: Vec<String>,
}

fn declared(t: &TypeRef) -> Ty {
    match t {
        TypeRef::Named { name, args, .. } => {
            let arg = |i: usize| args.get(i).map(declared).unwrap_or(Ty::Unknown);
            let short = name.rsplit('.').next().unwrap_or(name);
            match short {
                "String" => Ty::Str,
                "Int" => Ty::Int,
                "Long" => Ty::Long,
                "Double" => Ty::Double,
                "Boolean" => Ty::Bool,
                "Char" => Ty::Char,
                "Unit" => Ty::Unit,
                "SparkConf" => Ty::Conf,
                "SparkContext" => Ty::Sc,
                "StreamingContext" => Ty::Ssc,
                "DStream" | "InputDStream" => Ty::DStream(Box::new(arg(0))),
                "ReceiverInputDStream" => Ty::Input(Box::new(arg(0))),
                "RDD" => Ty::Rdd(Box::new(arg(0))),
                "State" => Ty::State(Box::new(arg(0))),
                "Broadcast" => Ty::Broadcast(Box::new(arg(0))),
                "Array" => Ty::Array(Box::new(arg(0))),
                // Scala's own (not `mutable.Seq`): their members are known.
                "Seq" | "List" | "Vector" | "Iterable" if immutable(name) => {
                    let c = match short {
                        "Seq" => Collection::Seq,
                        "List" => Collection::List,
                        "Vector" => Collection::Vector,
                        _ => Collection::Iterable,
                    };
                    Ty::Coll(c, Box::new(arg(0)))
                }
                "Iterable" | "Seq" | "List" | "*" => Ty::Iterable(Box::new(arg(0))),
                "Set" if immutable(name) => Ty::Coll(Collection::Set, Box::new(arg(0))),
                "Map" if args.len() == 2 => {
                    let c = match immutable(name) {
                        true => Collection::ImmutableMap,
                        false if name.ends_with("mutable.Map") => Collection::MutableMap,
                        false => return Ty::Unknown,
                    };
                    Ty::MapOf(c, Box::new(arg(0)), Box::new(arg(1)))
                }
                "Option" => Ty::Opt(Box::new(arg(0))),
                "Time" => Ty::Time,
                "StateSpec" if args.len() == 4 => {
                    Ty::Spec(Box::new([arg(0), arg(1), arg(2), arg(3)]))
                }
                "Some" => Ty::Some(Box::new(arg(0))),
                "Any" => Ty::Any,
                "AnyVal" => Ty::AnyVal,
                _ => Ty::Unknown,
            }
        }
        TypeRef::Tuple(ts, _) => Ty::Tuple(ts.iter().map(declared).collect()),
        // `(Int, Int) => Int`: a function value's type, as a lambda with typed parameters has.
        TypeRef::Function(ps, r, _) => {
            Ty::Fn(ps.iter().map(declared).collect(), Box::new(declared(r)))
        }
    }
}

/// Whether a declared collection type `name` is Scala's default one (`Seq`, `List`,
/// `scala.collection.immutable.Vector`), not a `mutable.Seq`.
fn immutable(name: &str) -> bool {
    match name.rsplit_once('.') {
        None => true,
        Some((package, _)) => matches!(
            package,
            "scala" | "scala.collection.immutable" | "collection.immutable" | "immutable"
        ),
    }
}

/// Whether a value of type `got` cannot be where `want` is declared (a case class's field,
/// a typed `val`): text for a number or a number for text, or a narrowing of numbers.
fn clashes(want: &Ty, got: &Ty) -> bool {
    let numeric = |t: &Ty| matches!(t, Ty::Int | Ty::Long | Ty::Double | Ty::Char);
    match (want, got) {
        (Ty::Str, got) => got.is_value() && *got != Ty::Str,
        (w, Ty::Str) => numeric(w) || *w == Ty::Bool,
        (w, Ty::Bool) | (Ty::Bool, w) => numeric(w),
        (Ty::Int, Ty::Long | Ty::Double) | (Ty::Long, Ty::Double) => true,
        _ => false,
    }
}

/// A collection type's class (`None` an `Array`) and its elements (a map's are its pairs).
fn class_of(t: &Ty) -> Option<(Option<Collection>, Ty)> {
    Some(match t {
        Ty::Coll(c, e) => (Some(*c), (**e).clone()),
        Ty::Iterable(e) => (Some(Collection::Iterable), (**e).clone()),
        Ty::Range(_) => (Some(Collection::Range), Ty::Int),
        Ty::Array(e) => (None, (**e).clone()),
        Ty::MapOf(c, k, v) => (Some(*c), Ty::Tuple(vec![(**k).clone(), (**v).clone()])),
        _ => return None,
    })
}

/// Whether a collection of class `g` is one of class `w` (a `List` a `Seq`, a `TreeMap` a
/// `Map`); an `Array` becomes a `Seq` or an `IndexedSeq` by Scala's implicit view.
fn class_fits(w: Option<Collection>, g: Option<Collection>) -> bool {
    use Collection as C;
    match (w, g) {
        (a, b) if a == b => true,
        (Some(C::Iterable), _) => true,
        (Some(C::Seq), Some(C::List | C::Vector | C::IndexedSeq | C::Range) | None) => true,
        (Some(C::IndexedSeq), Some(C::Vector | C::Range) | None) => true,
        (Some(C::ImmutableMap), Some(C::TreeMap))
        | (Some(C::MutableMap), Some(C::MutableTreeMap)) => true,
        (Some(C::Map), Some(C::ImmutableMap | C::MutableMap | C::TreeMap | C::MutableTreeMap)) => {
            true
        }
        _ => false,
    }
}

/// An element type that is what it is: values, `String`s and tuples of them (no `Any`).
fn definite(t: &Ty) -> bool {
    match t {
        Ty::Tuple(ts) => ts.iter().all(definite),
        t => t.is_plain(),
    }
}

/// `found` and `required` of a collection of type `got` (printed `found`) where a `want` is
/// declared, when it certainly does not fit: of another class (a `Seq` for a `List`, a `List`
/// for an `Array`, an `Option` or a `Map`, a mutable map for Scala's `Map`), or, when its type
/// is `fixed` (a name, a range), of other elements (`List[Int]` for a `Seq[Long]`: a
/// collection's elements do not widen). A builder's elements are typed against the declared
/// ones before (see `expect_elements`). When both print alike scalac says where each class
/// is from, the two aligned: "found Map[String,Long]   (in scala.collection.mutable),
/// required Map[String,String] (in scala.collection.immutable)".
fn coll_mismatch(want: &Ty, got: &Ty, found: String, fixed: bool) -> Option<[String; 2]> {
    let clash = match (want, class_of(want), class_of(got)) {
        (Ty::Opt(x), _, Some(_)) => definite(x),
        // `val v: List[String] = Option("a")`.
        (_, Some(_), None) => matches!(got, Ty::Opt(x) | Ty::Some(x) if definite(x)),
        (_, None | Some((Some(Collection::Range), _)), _) => false,
        (_, Some((w, we)), Some((g, ge))) if class_fits(w, g) => {
            fixed && definite(&we) && definite(&ge) && we != ge
        }
        _ => true,
    };
    let want = required(want.show());
    if !clash || found.contains('?') || want.contains('?') {
        return None;
    }
    let class = |t: &str| t.split('[').next().unwrap_or_default().to_string();
    let short = |t: &str| {
        let t = t.strip_prefix("scala.collection.mutable.");
        t.map(str::to_string)
    };
    match short(&found) {
        Some(f) if class(&f) == class(&want) => {
            let width = f.len().max(want.len());
            Some([
                format!("{f:<width$} (in scala.collection.mutable)"),
                format!("{want:<width$} (in scala.collection.immutable)"),
            ])
        }
        _ => Some([found, want]),
    }
}

/// `a ++ b`: two `String`s a `String`; a collection (or an `Array`) and any other the first's
/// class, of what their elements have in common (`List(5) ++ List("a")` is a `List[Any]`).
fn concatenated(a: Ty, b: Ty) -> Ty {
    let elem = |t: &Ty| match t {
        Ty::Coll(_, e) | Ty::Array(e) | Ty::Iterable(e) => Some((**e).clone()),
        Ty::Range(_) => Some(Ty::Int),
        _ => None,
    };
    let joined = match (elem(&a), elem(&b)) {
        (Some(x), Some(y)) => option::lub(x, y),
        _ if a == Ty::Str && b == Ty::Str => return Ty::Str,
        _ => return Ty::Unknown,
    };
    match (a, joined) {
        (_, Ty::Unknown) => Ty::Unknown,
        (Ty::Coll(c, _), t) if c != Collection::Range => Ty::Coll(c, Box::new(t)),
        (Ty::Array(_), t) => Ty::Array(Box::new(t)),
        (Ty::Range(_), t) => Ty::Coll(Collection::IndexedSeq, Box::new(t)),
        _ => Ty::Unknown,
    }
}

/// The body of the one lambda of `first`, when it is one.
fn lambda_body(first: &[Expr]) -> Option<&Expr> {
    match first {
        [Expr {
            kind: ExprKind::Lambda { params, body },
            ..
        }] if params.len() == 1 => Some(body),
        _ => None,
    }
}

/// A declared collection type as scalac prints it: the names `Predef` and the `scala`
/// package give (`Set[String]`, `Vector[Int]`), not their classes' full names.
fn required(shown: String) -> String {
    shown.replace("scala.collection.immutable.", "")
}

/// Whether a value of type `got` goes where a `want` is expected: the same type, a number
/// widened (`Int` to `Long` or `Double`), a `Some` or `None` for an `Option` of its type.
fn conforms(got: &Ty, want: &Ty) -> bool {
    match (got, want) {
        _ if got == want => true,
        (Ty::Int | Ty::Char, Ty::Long | Ty::Double)
        | (Ty::Char, Ty::Int)
        | (Ty::Long, Ty::Double) => true,
        (Ty::Some(x), Ty::Opt(y)) => x == y,
        (Ty::NoneT, Ty::Opt(_)) => true,
        _ => false,
    }
}

fn lit_ty(l: &Lit) -> Ty {
    match l {
        Lit::Int(_) => Ty::Int,
        Lit::Long(_) => Ty::Long,
        Lit::Double(_) => Ty::Double,
        Lit::Str(_) => Ty::Str,
        Lit::Char(_) => Ty::Char,
        Lit::Bool(_) => Ty::Bool,
        Lit::Unit => Ty::Unit,
        Lit::Null => Ty::Unknown,
    }
}

impl Checker<'_> {
    fn bind(&mut self, name: &str, ty: Ty) {
        if let Some(s) = self.scopes.last_mut() {
            s.push((name.to_string(), ty, false));
        }
    }

    /// An object's members (a helper's, or one `main` defines): they see each other,
    /// wherever they are written, so the `def`s are walked last.
    fn object_body(&mut self, body: &[Stmt]) {
        self.scopes.push(Vec::new());
        self.hoist(body);
        self.defined_twice(body, false);
        let is_def = |s: &&Stmt| matches!(s.kind, StmtKind::Def { .. });
        for s in body
            .iter()
            .filter(|s| !is_def(s))
            .chain(body.iter().filter(is_def))
        {
            self.stmt(s);
        }
        self.scopes.pop();
    }

    /// `name` bound as a `val` (a `val`, a parameter): scalac refuses its reassignment.
    fn bind_val(&mut self, name: &str, ty: Ty) {
        if let Some(s) = self.scopes.last_mut() {
            s.push((name.to_string(), ty, true));
        }
    }

    fn lookup(&self, name: &str) -> Option<Ty> {
        self.binding(name).map(|(t, _)| t.clone())
    }

    /// Whether `name` is a `val` whose initialiser is being typed (`val xs = f(xs)`, often a
    /// `{` on the next line read as an argument), not a name the initialiser binds itself.
    fn own_initialiser(&self, name: &str) -> bool {
        let Some(&(_, open)) = self.defining.iter().rev().find(|(d, _)| d == name) else {
            return false;
        };
        !self.scopes[open.min(self.scopes.len())..]
            .iter()
            .any(|s| s.iter().any(|(n, ..)| n == name))
    }

    /// The nearest binding of `name`: its type, and whether it is a `val`.
    fn binding(&self, name: &str) -> Option<(&Ty, bool)> {
        self.scopes
            .iter()
            .rev()
            .find_map(|s| s.iter().rev().find(|(n, ..)| n == name))
            .map(|(_, t, v)| (t, *v))
    }

    /// The program's classes and traits that `parents` name, and theirs, at any depth.
    fn ancestors(&self, parents: &[String]) -> Vec<Rc<super::ast::ClassDef>> {
        let mut todo = parents.to_vec();
        let mut out: Vec<Rc<super::ast::ClassDef>> = Vec::new();
        while let Some(p) = todo.pop() {
            let Some(pc) = self.classes.iter().find(|x| x.name == p).cloned() else {
                continue;
            };
            if out.iter().any(|x| x.name == p) {
                continue;
            }
            todo.extend(pc.parents.iter().cloned());
            out.push(pc);
        }
        out
    }

    /// Bind the names of the `def`s among `stmts` up front: a block's functions may be
    /// called before their definition.
    fn hoist(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            match &s.kind {
                StmtKind::Def { name, .. } => self.bind(name, Ty::Unknown),
                StmtKind::Trait { name, .. } => self.bind(name, Ty::Unknown),
                StmtKind::Class(c) => {
                    self.bind(&c.name, Ty::Unknown);
                    self.classes.push(c.clone());
                }
                StmtKind::CaseClass {
                    name,
                    fields,
                    defaults,
                    methods,
                    object,
                    parents,
                    ..
                } => {
                    // The members of the traits and classes it extends too, and the
                    // parameters of those (`extends Shape("square")`: `kind`).
                    let inherited: Vec<String> = self
                        .ancestors(parents)
                        .iter()
                        .flat_map(|pc| {
                            let params = pc.params.iter().map(|p| p.name.as_str());
                            members(pc)
                                .chain(params)
                                .map(str::to_string)
                                .collect::<Vec<_>>()
                        })
                        .collect();
                    let params: Vec<String> = fields
                        .iter()
                        .map(|p| {
                            let t = p.ty.as_ref().map(|t| {
                                written(t).unwrap_or_else(|| {
                                    let at = t.span();
                                    let text = self.src.get(at.start as usize..at.end as usize);
                                    text.unwrap_or("?").to_string()
                                })
                            });
                            format!("{}: {}", p.name, t.as_deref().unwrap_or("?"))
                        })
                        .collect();
                    let info = CaseInfo {
                        params: format!("({})", params.join(", ")),
                        name: name.clone(),
                        defaults: defaults.iter().map(Option::is_some).collect(),
                        fields: fields
                            .iter()
                            .map(|p| (p.name.clone(), p.ty.as_ref().map_or(Ty::Unknown, declared)))
                            .collect(),
                        methods: methods
                            .iter()
                            .filter_map(|m| match &m.kind {
                                StmtKind::Def { name, .. } => Some(name.clone()),
                                _ => None,
                            })
                            .chain(inherited)
                            .collect(),
                    };
                    let info = Rc::new(info);
                    // A case object's name is its instance; a class's, its companion.
                    self.bind(
                        name,
                        if *object {
                            Ty::Case(info)
                        } else {
                            Ty::Companion(info)
                        },
                    );
                }
                _ => {}
            }
        }
        // A `def` of one list of declared parameters and a declared result is a function
        // value of that type (`f _`, or `f` where a function goes); overloads are not.
        let mut seen = std::collections::BTreeSet::new();
        for s in stmts {
            if let StmtKind::Def { name, .. } = &s.kind {
                if !seen.insert(name.as_str()) {
                    self.overloaded.push(name.clone());
                }
            }
        }
        for s in stmts {
            if let StmtKind::Def {
                name,
                params,
                defaults,
                ret: Some(r),
                ..
            } = &s.kind
            {
                if let Some(ps) = self.def_params(name, params, defaults) {
                    let r = self.declared(r);
                    self.bind(name, Ty::Fn(ps, Box::new(r)));
                }
            }
        }
    }

    /// `new StreamingContext(conf, 1)`: a batch interval that is a plain value, not a
    /// `Duration`. No constructor takes it: scalac lists the four (Spark 4.3.0's).
    fn context_batch(&mut self, at: Span, conf: &Ty, batch: &Ty) {
        if let (true, Some(conf)) = (batch.is_plain(), scalac_type(conf)) {
            let parts = vec![
                "StreamingContext".into(),
                super::signatures::SSC_CONSTRUCTORS.into(),
                format!("{conf}, {}", batch.show()),
            ];
            self.diags
                .push(Diagnostic::error(at, "constructors_args", parts));
        }
    }

    /// `e`, where no function type is expected, a lambda of placeholders only (`_ + 1`,
    /// `lines.map(_, 1)`): scalac cannot type them. Whether it said so.
    fn expanded_alone(&mut self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Lambda { params, body }
                if params
                    .iter()
                    .all(|p| p.ty.is_none() && call::placeholder(p)) =>
            {
                let before = self.diags.len();
                self.expanded(params, body);
                self.diags.len() > before
            }
            _ => false,
        }
    }

    /// The parameters' types of a `def` that is a function value: one list, every parameter
    /// declared, none by name, repeated or with a default, and not overloaded. Records them
    /// as written (`fn_params`).
    fn def_params(
        &mut self,
        name: &str,
        params: &[Vec<Param>],
        defaults: &[Option<Expr>],
    ) -> Option<Vec<Ty>> {
        let [list] = params else {
            return None;
        };
        if list.is_empty()
            || defaults.iter().any(Option::is_some)
            || self.overloaded.iter().any(|o| o == name)
        {
            return None;
        }
        let mut ps = Vec::new();
        for p in list {
            let t = p.ty.as_ref()?;
            // `x: => Int`: the tree keeps the type, the text the arrow.
            let before = self.src.get(p.span.start as usize..t.span().start as usize);
            let by_name = before.is_none_or(|b| b.contains("=>"));
            if by_name || matches!(t, TypeRef::Named { name, .. } if name == "*") {
                return None;
            }
            ps.push(self.declared(t));
        }
        self.fn_params.push((name.to_string(), list.clone(), true));
        Some(ps)
    }

    /// `collection.breakOut`, `scala.collection.JavaConversions`: Scala 2.12's members of
    /// `scala.collection` that 2.13 removed, which old tutorials still use: scalac's "object
    /// breakOut is not a member of package collection", at the name.
    fn removed_in_2_13(&mut self, recv: &Expr, name: &str, name_span: Span) -> bool {
        let package = super::interp::qualified_name(recv);
        let collection = matches!(
            package.as_deref(),
            Some("collection" | "scala.collection" | "_root_.scala.collection")
        ) && self.lookup("collection").is_none();
        if !collection || !REMOVED_IN_2_13.contains(&name) {
            return false;
        }
        self.diags.push(Diagnostic::error(
            name_span,
            "not_in_package",
            vec![name.into(), "collection".into()],
        ));
        true
    }

    /// A declared `Float`, `Short` or `Byte` (`val f: Float`, `xs: List[Float]`): not run
    /// here, where numbers are `Int`, `Long` and `Double` (it would compute and print as a
    /// `Double` does).
    fn small_number_type(&mut self, t: &TypeRef) {
        match t {
            TypeRef::Named { name, args, span } => {
                let short = name.rsplit('.').next().unwrap_or(name);
                if matches!(short, "Float" | "Short" | "Byte") && self.lookup(short).is_none() {
                    self.diags.push(Diagnostic::error(
                        *span,
                        "unsupported",
                        vec![super::lexer::FLOAT.into()],
                    ));
                    return;
                }
                args.iter().for_each(|a| self.small_number_type(a));
            }
            TypeRef::Tuple(ts, _) => ts.iter().for_each(|a| self.small_number_type(a)),
            TypeRef::Function(ps, r, _) => {
                ps.iter().for_each(|a| self.small_number_type(a));
                self.small_number_type(r);
            }
        }
    }

    /// An import of a member [`Self::removed_in_2_13`] (`import
    /// scala.collection.JavaConversions._`), reported at the member's name in `span`.
    fn removed_import(&mut self, text: &str, span: Span) {
        let path: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let path = path.strip_prefix("_root_.").unwrap_or(&path);
        let path = path.strip_prefix("scala.").unwrap_or(path);
        let Some(rest) = path.strip_prefix("collection.") else {
            return;
        };
        let name = rest.split(['.', '{']).next().unwrap_or("");
        if !REMOVED_IN_2_13.contains(&name) {
            return;
        }
        let written = self
            .src
            .get(span.start as usize..span.end as usize)
            .unwrap_or("");
        let Some(at) = written.find(name) else {
            return;
        };
        let start = span.start as usize + at;
        self.diags.push(Diagnostic::error(
            Span::new(start, start + name.len()),
            "not_in_package",
            vec![name.into(), "collection".into()],
        ));
    }

    /// `import org.apache.spark.sql.SparkSession`: Spark SQL (the streaming guide's
    /// "DataFrame and SQL Operations") is not re-enacted; said once at the import, whose
    /// names are then known (no "not found: value SparkSession" after it).
    fn sql_import(&mut self, text: &str, span: Span) {
        let path: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let Some(rest) = path.strip_prefix("org.apache.spark.sql") else {
            return;
        };
        if !(rest.is_empty() || rest.starts_with('.')) {
            return;
        }
        self.diags.push(Diagnostic::error(
            span,
            "unsupported",
            vec!["Spark SQL (`org.apache.spark.sql`: `SparkSession`, DataFrames)".into()],
        ));
        let names = rest.rsplit('.').next().unwrap_or("");
        let names = names.trim_matches(|c| c == '{' || c == '}');
        for name in names.split(',').chain(SQL_NAMES.iter().copied()) {
            let name = name.split("=>").last().unwrap_or(name);
            if !name.is_empty() && name != "_" {
                self.bind(name, Ty::Unknown);
            }
        }
    }

    /// The full name of `n` where an import of the program names it (`java.sql.DriverManager`
    /// of `import java.sql.{Connection, DriverManager}`).
    fn import_of(&self, n: &str) -> Option<String> {
        self.imported.iter().rev().find_map(|path| {
            let (package, last) = path.rsplit_once('.')?;
            let names = last.trim_start_matches('{').trim_end_matches('}');
            names.split(',').find_map(|item| {
                let (name, alias) = item.split_once("=>").unwrap_or((item, item));
                (alias == n && name != "_").then(|| format!("{package}.{name}"))
            })
        })
    }

    /// Binds the names an import brings from Scala's mutable collections.
    fn import(&mut self, text: &str) {
        self.imported
            .push(text.chars().filter(|c| !c.is_whitespace()).collect());
        for (name, _) in super::builtins::import_aliases(text)
            .into_iter()
            .chain(super::listener::imported(text))
        {
            self.bind(&name, Ty::Unknown);
        }
        let helpers = self.helpers;
        for h in helpers.iter().filter(|h| h.opened_by(text)) {
            for s in &h.body {
                match &s.kind {
                    StmtKind::Def { name, .. } | StmtKind::CaseClass { name, .. } => {
                        self.bind(&name.clone(), Ty::Unknown)
                    }
                    StmtKind::Val {
                        pat: Pattern::Bind(name, _),
                        ..
                    } => self.bind(&name.clone(), Ty::Unknown),
                    _ => {}
                }
            }
        }
    }

    /// The type of name `n` at `span`, reporting it when it is defined nowhere.
    fn name(&mut self, n: &str, span: Span) -> Ty {
        if self.own_initialiser(n) {
            // `val words = words.map(...)`: the new `words` is in scope in its own
            // initialiser (a block's names are), whatever `words` was before.
            self.diags
                .push(Diagnostic::error(span, "recursive_value", vec![n.into()]));
            return Ty::Unknown;
        }
        if let Some(t) = self.forward_reference(n, span) {
            return t;
        }
        if let Some(t) = self.lookup(n) {
            return t;
        }
        if let Some(this) = self.member_of_this(&ExprKind::Ident(n.to_string())) {
            return self.method(this, n, span, &[]);
        }
        if n == "Random" {
            self.unseeded_random(span);
        }
        if n == "None" {
            return Ty::NoneT;
        }
        let placeholder = n
            .strip_prefix("x$")
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if SCALA_NOT_RUN.contains(&n) {
            // Scala's or Java's own (`BigInt`, `Predef`): there, but not run here.
            self.diags.push(Diagnostic::error(
                span,
                "unsupported",
                vec![format!("`{n}`")],
            ));
        } else if let Some(path) = self.import_of(n).filter(|_| !GLOBALS.contains(&n)) {
            // `import java.sql.DriverManager`: a library the playground does not have.
            self.diags.push(Diagnostic::error(
                span,
                "unsupported",
                vec![format!("`{path}`")],
            ));
        } else if !GLOBALS.contains(&n) && !placeholder && n != "this" && n != "super" {
            let mut names: Vec<&str> = Vec::new();
            for s in self.scopes.iter().rev() {
                for (m, ..) in s.iter().rev() {
                    if !m.starts_with('_') && !m.starts_with("x$") && !names.contains(&m.as_str()) {
                        names.push(m);
                    }
                }
            }
            names.extend(GLOBALS.iter().filter(|g| g.len() > 1));
            let hint = suggest(n, &names).unwrap_or("").to_string();
            self.diags.push(Diagnostic::error(
                span,
                "unknown_name",
                vec![n.to_string(), hint],
            ));
        }
        Ty::Unknown
    }

    fn bind_pat(&mut self, p: &Pattern, ty: Ty) {
        match p {
            Pattern::Bind(n, _) => self.bind(n, ty),
            Pattern::Tuple(ps, _) => {
                let ts = match ty {
                    Ty::Tuple(ts) if ts.len() == ps.len() => ts,
                    _ => vec![Ty::Unknown; ps.len()],
                };
                for (p, t) in ps.iter().zip(ts) {
                    self.bind_pat(p, t);
                }
            }
            Pattern::Some(p, _) => {
                let inner = match ty {
                    Ty::Opt(t) | Ty::Some(t) => *t,
                    _ => Ty::Unknown,
                };
                self.bind_pat(p, inner)
            }
            Pattern::Typed(p, t, _) => {
                let t = self.declared(t);
                self.bind_pat(p, t)
            }
            Pattern::Stable(n, span) => {
                self.name(n, *span);
            }
            Pattern::Ctor(n, ps, span) => {
                let fields = match n.as_str() {
                    "Success" | "Failure" | "Left" | "Right" => vec![Ty::Unknown; ps.len()],
                    _ => match self.name(n, *span) {
                        Ty::Companion(c) => c.fields.iter().map(|(_, t)| t.clone()).collect(),
                        _ => vec![Ty::Unknown; ps.len()],
                    },
                };
                if fields.len() != ps.len() {
                    self.diags.push(Diagnostic::error(
                        *span,
                        "wrong_arg_count",
                        vec![
                            format!("pattern {n}"),
                            fields.len().to_string(),
                            ps.len().to_string(),
                        ],
                    ));
                }
                for (i, p) in ps.iter().enumerate() {
                    self.bind_pat(p, fields.get(i).cloned().unwrap_or(Ty::Unknown));
                }
            }
            Pattern::Cons(head, tail, _) => {
                let elem = match &ty {
                    Ty::Iterable(t) | Ty::Array(t) => (**t).clone(),
                    _ => Ty::Unknown,
                };
                self.bind_pat(head, elem);
                self.bind_pat(tail, ty);
            }
            Pattern::Alt(alts, _) => {
                for p in alts {
                    self.bind_pat(p, ty.clone());
                }
            }
            Pattern::Binder(n, p, _) => {
                self.bind(n, ty.clone());
                self.bind_pat(p, ty);
            }
            Pattern::SeqRest(Some(n), _) => self.bind(n, Ty::Unknown),
            Pattern::Interp(_, names, _) => {
                for n in names.iter().flatten() {
                    self.bind(n, Ty::Str);
                }
            }
            Pattern::Wildcard(_) | Pattern::Lit(..) | Pattern::None(_) | Pattern::SeqRest(..) => {}
        }
    }

    fn stmt(&mut self, s: &Stmt) -> Ty {
        match &s.kind {
            StmtKind::Val {
                pat,
                ty,
                init,
                mutable,
                ..
            } => {
                // `val f: Int => Int = x => ...`: the lambda typed with the declared parameters.
                let lambda = self.declared_lambda(ty.as_ref(), init);
                // `val g = f` of a `def f(x: String)`: no function type is expected.
                let t = match ty {
                    _ if lambda.is_some() => lambda.unwrap_or(Ty::Unknown),
                    None if self.unapplied(init, "?") => Ty::Unknown,
                    // `val w = lines.map(_, 1)`: scalac types it `? => ?`.
                    None if self.expanded_alone(init) => match &init.kind {
                        ExprKind::Lambda { params, .. } => {
                            Ty::Fn(vec![Ty::Unknown; params.len()], Box::new(Ty::Unknown))
                        }
                        _ => Ty::Unknown,
                    },
                    _ => {
                        let own = match (pat, ty) {
                            (Pattern::Bind(n, _), None) => Some(n.clone()),
                            _ => None,
                        };
                        let open = self.scopes.len();
                        self.defining.extend(own.clone().map(|n| (n, open)));
                        let t = self.expr(init);
                        if own.is_some() {
                            self.defining.pop();
                        }
                        t
                    }
                };
                ty.iter().for_each(|t| self.small_number_type(t));
                // `val v: Any = ...`: the declared top types, which a `val` keeps.
                let declared = ty.as_ref().map(|t| match t {
                    TypeRef::Named { name, args, .. } if args.is_empty() && name == "Any" => {
                        Ty::Any
                    }
                    TypeRef::Named { name, args, .. } if args.is_empty() && name == "AnyVal" => {
                        Ty::AnyVal
                    }
                    t => self.declared(t),
                });
                if let Some(d) = &declared {
                    self.expect(d, init, &t);
                }
                let t = match declared {
                    Some(d) if d != Ty::Unknown && !matches!(t, Ty::DStream(_) | Ty::Rdd(_)) => {
                        match (d, t) {
                            // `val lines: DStream[String] = ssc.socketTextStream(...)`.
                            (Ty::DStream(_), Ty::Input(e)) => Ty::DStream(e),
                            (d, _) => d,
                        }
                    }
                    _ => t,
                };
                if let (Ty::Fn(..), Pattern::Bind(n, _), ExprKind::Lambda { params, .. }) =
                    (&t, pat, &init.kind)
                {
                    self.fn_params.push((n.clone(), params.clone(), false));
                }
                if let Pattern::Bind(n, _) = pat {
                    self.written(n, ty.is_some());
                }
                match (mutable, pat) {
                    (false, Pattern::Bind(n, _)) => self.bind_val(n, t),
                    _ => self.bind_pat(pat, t),
                }
                Ty::Unit
            }
            StmtKind::Def {
                name,
                params,
                defaults,
                ret,
                body,
                ..
            } => {
                let own = self.def_params(name, params, defaults);
                let ret = ret.as_ref().map(|r| self.declared(r));
                match (&own, &ret) {
                    (Some(ps), Some(r)) => self.bind(name, Ty::Fn(ps.clone(), Box::new(r.clone()))),
                    _ => self.bind(name, Ty::Unknown),
                }
                for d in defaults.iter().flatten() {
                    self.expr(d);
                }
                self.scopes.push(Vec::new());
                for p in params.iter().flatten() {
                    p.ty.iter().for_each(|t| self.small_number_type(t));
                    let t = p.ty.as_ref().map_or(Ty::Unknown, |t| self.declared(t));
                    self.written(&p.name, true);
                    self.bind_val(&p.name, t);
                }
                // `def f(...): Option[Int] = vs.sum`: the result against the declared type
                // (a block's last value, typed in the block; branches are left alone).
                let t = match (&ret, &body.kind) {
                    (Some(r), ExprKind::Block(stmts))
                        if matches!(stmts.last().map(|s| &s.kind), Some(StmtKind::Expr(_))) =>
                    {
                        self.scopes.push(Vec::new());
                        self.hoist(stmts);
                        self.defined_twice(stmts, true);
                        let t = self.block_stmts(stmts);
                        if let Some(StmtKind::Expr(last)) = stmts.last().map(|s| &s.kind) {
                            self.expect(r, last, &t);
                        }
                        self.scopes.pop();
                        t
                    }
                    _ => {
                        let t = self.expr(body);
                        if let Some(r) = &ret {
                            self.expect(r, body, &t);
                        }
                        t
                    }
                };
                self.scopes.pop();
                // Without a declared result, what the body gives (for what follows).
                if let (Some(ps), None, false) = (own, ret, t == Ty::Unknown) {
                    self.bind(name, Ty::Fn(ps, Box::new(t)));
                }
                Ty::Unit
            }
            StmtKind::Object(h) => {
                self.bind(&h.name, Ty::Unknown);
                self.object_body(&h.body);
                Ty::Unit
            }
            StmtKind::Assign { target, value, op } => {
                self.expr(target);
                self.expr(value);
                // `x = 2` for a `val x`, `Stats.fixed += 1` for an object's `val` (scalac's
                // words name neither). A `+=` may be a collection's own update.
                let val = match &target.kind {
                    ExprKind::Ident(n) => self.binding(n).is_some_and(|(_, v)| v).then_some(n),
                    ExprKind::Field { recv, name, .. } => match &recv.kind {
                        ExprKind::Ident(o) if self.lookup(o) == Some(Ty::Unknown) => self
                            .helpers
                            .iter()
                            .find(|h| &h.name == o)
                            .is_some_and(|h| {
                                h.body.iter().any(|m| {
                                    matches!(&m.kind, StmtKind::Val {
                                        mutable: false, pat: Pattern::Bind(f, _), ..
                                    } if f == name)
                                })
                            })
                            .then_some(name),
                        _ => None,
                    },
                    _ => None,
                };
                if let (Some(n), None) = (val, op) {
                    self.diags.push(Diagnostic::error(
                        target.span,
                        "reassign_val",
                        vec![n.clone()],
                    ));
                }
                Ty::Unit
            }
            StmtKind::CaseClass {
                name,
                name_span,
                defaults,
                methods,
                parents,
                parent_args,
                overriding,
                ..
            } => {
                if self.lookup(name).is_none() {
                    // A class in a block the hoisting did not see.
                    self.hoist(std::slice::from_ref(s));
                }
                for p in parents {
                    // scalac: "not found: type P".
                    self.name(p, *name_span);
                }
                // A field named as a parent's `val` parameter or concrete member overrides
                // it, which scalac wants said (`override val kind: String`).
                if let Some(Ty::Companion(c) | Ty::Case(c)) = self.lookup(name) {
                    for pc in self.ancestors(parents) {
                        for (f, _) in c.fields.iter().filter(|(f, _)| !overriding.contains(f)) {
                            if let Some(member) = concrete_member(&pc, f) {
                                self.diags.push(Diagnostic::error(
                                    *name_span,
                                    "override_required",
                                    vec![member],
                                ));
                            }
                        }
                    }
                }
                // A case class inherits its parents' `def`s and `val`s (see
                // `user_class::inherited_defs`), and runs none of their bodies.
                if self.ancestors(parents).iter().any(|pc| {
                    pc.body.iter().any(|m| {
                        !matches!(
                            &m.kind,
                            StmtKind::Def { .. }
                                | StmtKind::Val {
                                    mutable: false,
                                    pat: Pattern::Bind(..),
                                    ..
                                }
                        )
                    })
                }) {
                    self.diags.push(Diagnostic::error(
                        *name_span,
                        "unsupported",
                        vec![PARENT_BODY.to_string()],
                    ));
                }
                for d in defaults.iter().flatten() {
                    self.expr(d);
                }
                if let Some(Ty::Companion(c) | Ty::Case(c)) = self.lookup(name) {
                    self.scopes.push(Vec::new());
                    self.bind("this", Ty::Case(c.clone()));
                    for m in &c.methods {
                        self.bind(m, Ty::Unknown);
                    }
                    for (f, t) in &c.fields {
                        self.bind(f, t.clone());
                    }
                    for a in parent_args {
                        self.expr(super::named_args::named(a).map_or(a, |(_, v)| v));
                    }
                    self.hoist(methods);
                    for m in methods {
                        self.stmt(m);
                    }
                    self.scopes.pop();
                }
                Ty::Unit
            }
            StmtKind::Class(c) => {
                if self.lookup(&c.name).is_none() {
                    self.bind(&c.name, Ty::Unknown);
                }
                // `extends Receiver[String](...)` of an import the playground does not have:
                // said at the class, whose body (its parent's `store`) is not checked.
                let foreign = c.parents.iter().find_map(|p| {
                    let short = p.split('[').next().unwrap_or(p);
                    let known = self.lookup(short).is_some() || GLOBALS.contains(&short);
                    self.import_of(short).filter(|path| !known && foreign(path))
                });
                if let Some(path) = foreign {
                    self.diags.push(Diagnostic::error(
                        c.name_span,
                        "unsupported",
                        vec![format!("`{path}`")],
                    ));
                    return Ty::Unit;
                }
                for d in c.defaults.iter().flatten() {
                    self.expr(d);
                }
                // The body sees the parameters and `this`; its members are the instance's.
                self.scopes.push(Vec::new());
                self.bind("this", Ty::Unknown);
                self.bind("super", Ty::Unknown);
                // The members of the classes it extends, at any depth.
                for pc in self.ancestors(&c.parents) {
                    for q in &pc.params {
                        self.bind(&q.name, Ty::Unknown);
                    }
                    for name in members(&pc) {
                        self.bind(name, Ty::Unknown);
                    }
                }
                for (i, p) in c.params.iter().enumerate() {
                    let t = p.ty.as_ref().map_or(Ty::Unknown, |t| self.declared(t));
                    // A parameter not declared `var` is a `val`.
                    match c.mutable.get(i) {
                        Some(true) => self.bind(&p.name, t),
                        _ => self.bind_val(&p.name, t),
                    }
                }
                for a in &c.parent_args {
                    self.expr(super::named_args::named(a).map_or(a, |(_, v)| v));
                }
                self.hoist(&c.body);
                for m in &c.body {
                    if let StmtKind::Val {
                        pat: Pattern::Bind(n, _),
                        mutable,
                        ..
                    } = &m.kind
                    {
                        // A field may be used by a method written above it.
                        match mutable {
                            true => self.bind(n, Ty::Unknown),
                            false => self.bind_val(n, Ty::Unknown),
                        }
                    }
                }
                for m in &c.body {
                    self.stmt(m);
                }
                self.scopes.pop();
                self.listener_members(c);
                self.abstract_members(c);
                Ty::Unit
            }
            StmtKind::Trait { name, .. } => {
                if self.lookup(name).is_none() {
                    self.bind(name, Ty::Unknown);
                }
                Ty::Unit
            }
            StmtKind::Import(text) => {
                self.removed_import(text, s.span);
                self.sql_import(text, s.span);
                self.import(text);
                Ty::Unit
            }
            // `lines.map(_, 1).print()`: a `_` that is a whole argument is bound by the
            // statement, whose lambda has no expected type (scalac's "missing parameter
            // type for expanded function", and nothing of its body).
            StmtKind::Expr(e) if self.expanded_alone(e) => Ty::Unit,
            // `lines.foreachRDD` alone: a method named without its arguments.
            StmtKind::Expr(e) if self.unapplied_member(e, "?") => Ty::Unit,
            StmtKind::Expr(e) => self.expr(e),
        }
    }

    /// Inside a case class's body, `this`'s type when `f` is a bare name of one of its
    /// `Product` methods (`copy(...)`, `productArity`).
    fn member_of_this(&self, f: &ExprKind) -> Option<Ty> {
        match (f, self.lookup("this")) {
            (ExprKind::Ident(n), Some(t @ Ty::Case(_)))
                if PRODUCT_METHODS.contains(&n.as_str()) && self.lookup(n).is_none() =>
            {
                Some(t)
            }
            _ => None,
        }
    }

    /// A written type: [`declared`], and the program's case classes.
    fn declared(&self, t: &TypeRef) -> Ty {
        // `import scala.collection.mutable.Map`: `Map[String, Int]` is that one.
        if self.imported_collection(t) {
            return Ty::Unknown;
        }
        match (declared(t), t) {
            (Ty::Unknown, TypeRef::Named { name, args, .. }) if args.is_empty() => {
                match self.lookup(name) {
                    Some(Ty::Companion(c)) => Ty::Case(c),
                    _ => Ty::Unknown,
                }
            }
            (t, _) => t,
        }
    }

    /// scalac's "type mismatch: found `found`, required `required`", at `at`.
    fn mismatch_at(&mut self, at: Span, found: String, required: String) {
        (self.diags).push(Diagnostic::error(
            at,
            "type_mismatch",
            vec![found, required],
        ));
    }

    /// Notes whether name `n` has the type it was declared (scalac prints that as it is
    /// written: `Set[String]`, not `scala.collection.immutable.Set[String]`).
    fn written(&mut self, n: &str, declared: bool) {
        self.written.retain(|w| w != n);
        if declared {
            self.written.push(n.to_string());
        }
    }

    /// Whether the member at `span` is of a name of a declared type: `v.` before it.
    fn written_before(&self, span: Span) -> bool {
        let Some(before) = self.src.get(..span.start as usize) else {
            return false;
        };
        let Some(before) = before.strip_suffix('.') else {
            return false;
        };
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let n = &before[start..];
        !n.is_empty() && self.written.iter().any(|w| w == n)
    }

    /// Whether `t` names `Map` or `Set` where an import made them other than Scala's own.
    fn imported_collection(&self, t: &TypeRef) -> bool {
        match t {
            TypeRef::Named { name, args, .. } => {
                matches!(name.as_str(), "Map" | "Set") && self.lookup(name).is_some()
                    || args.iter().any(|a| self.imported_collection(a))
            }
            TypeRef::Tuple(ts, _) => ts.iter().any(|a| self.imported_collection(a)),
            TypeRef::Function(..) => false,
        }
    }

    /// The arguments of `Word(...)`, `new Word(...)` or `w.copy(...)`: named ones name fields,
    /// and a value of a certain type must suit its field's (`copy` takes any number).
    fn case_args(&mut self, c: &CaseInfo, args: &[Expr], span: Span, copy: bool) {
        // scalac's words: `W(...)` is the companion's `apply` (pointed at its parenthesis),
        // `new W(...)` the constructor (at `new`).
        let constructor = self
            .src
            .get(span.start as usize..)
            .is_some_and(|t| t.starts_with("new"));
        let (what, sig) = match constructor {
            true => (
                format!("constructor {}", c.name),
                format!("{}: {}", c.params, c.name),
            ),
            false => (
                "apply".to_string(),
                format!("{}: {1} in object {1}", c.params, c.name),
            ),
        };
        // Which argument gives each field: a named one a field given before is scalac's
        // "parameter 'n' is already specified at parameter position 1", and nothing more.
        let mut slots: Vec<Option<usize>> = vec![None; c.fields.len()];
        let mut twice = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let slot = match super::named_args::named(a) {
                Some((n, _)) => c.fields.iter().position(|(f, _)| f == n),
                None => (i < c.fields.len()).then_some(i),
            };
            match slot.map(|j| (j, slots[j])) {
                Some((j, None)) => slots[j] = Some(i),
                Some((j, Some(first))) => twice.push((i, j, first)),
                None => {}
            }
        }
        let too_many = !copy && args.len() > c.fields.len();
        if !copy && !twice.is_empty() {
            for &(i, _, first) in &twice {
                let name = super::named_args::named(&args[i]).map_or("", |(n, _)| n);
                let at = self.equals_sign(&args[i]);
                self.diags.push(Diagnostic::error(
                    at,
                    "already_specified",
                    vec![name.into(), (first + 1).to_string()],
                ));
            }
        }
        if too_many {
            // At the first argument too many; beside a parameter given twice, at the call's
            // parenthesis.
            let at = match twice.is_empty() {
                true => args[c.fields.len()].span,
                false => self.paren_after(span),
            };
            self.diags.push(Diagnostic::error(
                at,
                "too_many_args",
                vec![
                    what,
                    args.len().to_string(),
                    c.fields.len().to_string(),
                    sig,
                ],
            ));
        } else if !copy && twice.is_empty() {
            let missing: Vec<&str> = (c.fields.iter().enumerate())
                .filter(|(j, _)| !c.defaults[*j] && slots[*j].is_none())
                .map(|(_, (f, _))| f.as_str())
                .collect();
            if !missing.is_empty() {
                let at = if constructor {
                    span
                } else {
                    self.paren_after(span)
                };
                self.diags.push(Diagnostic::error(
                    at,
                    "not_enough_args",
                    vec![what, sig, missing.join(", ")],
                ));
            }
        }
        if too_many || !twice.is_empty() {
            // scalac types the arguments no further.
            for a in args {
                self.expr(super::named_args::named(a).map_or(a, |(_, v)| v));
            }
            return;
        }
        for (i, a) in args.iter().enumerate() {
            let (field, value) = match super::named_args::named(a) {
                Some((n, v)) => {
                    if !c.fields.iter().any(|(f, _)| f == n) {
                        self.diags.push(Diagnostic::error(
                            a.span,
                            "unknown_param",
                            vec![n.to_string()],
                        ));
                    }
                    (c.fields.iter().find(|(f, _)| f == n), v)
                }
                None => (c.fields.get(i), a),
            };
            let t = self.expr(value);
            if let Some((_, want)) = field {
                // A `Seq[Int]` field given an `Int`, an `Int` field a `Seq(1)`.
                let seq = |t: &Ty| matches!(t, Ty::Coll(Collection::Seq | Collection::List, e) if e.is_plain());
                let coll = seq(want) && t.is_plain() || want.is_plain() && seq(&t);
                if clashes(want, &t) || coll {
                    // A literal as scalac shows it: `Int(1)`, `String("a")`.
                    let found = match &value.kind {
                        ExprKind::Lit(l) => lit_shown(l),
                        _ => t.show(),
                    };
                    let at = self.point(value);
                    self.diags.push(Diagnostic::error(
                        at,
                        "type_mismatch",
                        vec![found, want.show()],
                    ));
                }
            }
        }
    }

    /// `recv.name(args)` on a case class instance or companion (`c`).
    fn case_member(
        &mut self,
        recv: &Ty,
        c: &Rc<CaseInfo>,
        name: &str,
        span: Span,
        args: &[Vec<Expr>],
    ) -> Ty {
        let first: &[Expr] = args.first().map(Vec::as_slice).unwrap_or(&[]);
        let instance = matches!(recv, Ty::Case(_));
        if instance {
            if let Some((_, t)) = c.fields.iter().find(|(f, _)| f == name) {
                self.exprs(args);
                return if args.is_empty() {
                    t.clone()
                } else {
                    Ty::Unknown
                };
            }
            if name == "copy" {
                self.case_args(c, first, span, true);
                self.exprs(args.get(1..).unwrap_or(&[]));
                return recv.clone();
            }
        } else if name == "apply" {
            self.case_args(c, first, span, false);
            self.exprs(args.get(1..).unwrap_or(&[]));
            return Ty::Case(c.clone());
        }
        let known: Vec<&str> = if instance {
            c.fields
                .iter()
                .map(|(f, _)| f.as_str())
                .chain(c.methods.iter().map(String::as_str))
                .chain(PRODUCT_METHODS.iter().copied())
                .collect()
        } else {
            vec!["apply", "unapply"]
        };
        if !known.contains(&name) && !ANY_METHODS.contains(&name) {
            let hint = suggest(name, &known).unwrap_or("");
            self.not_member(span, name, recv, hint);
        }
        for list in args {
            for a in list {
                self.func(a, &[]);
            }
        }
        Ty::Unknown
    }

    /// A function argument called with parameters of types `params`; its result type.
    fn func(&mut self, f: &Expr, params: &[Ty]) -> Ty {
        match &f.kind {
            // In a call whose signature failed, scalac typed a lambda with a parameter it could
            // not type no further: nothing in its body is said.
            ExprKind::Lambda { params: ps, .. }
                if self.blind && ps.iter().any(|p| p.ty.is_none()) =>
            {
                Ty::Unknown
            }
            ExprKind::Lambda { params: ps, body } => {
                if let [Ty::Tuple(ts)] = params {
                    self.untupled(ps, ts.len());
                }
                self.scopes.push(Vec::new());
                for (i, p) in ps.iter().enumerate() {
                    let t = match &p.ty {
                        Some(t) => self.declared(t),
                        None if self.blind => Ty::Unknown,
                        None => params.get(i).cloned().unwrap_or(Ty::Unknown),
                    };
                    self.bind_val(&p.name, t);
                }
                let t = self.expr(body);
                self.scopes.pop();
                t
            }
            ExprKind::CaseLambda(cases) => {
                let arg = match params {
                    [one] if !self.blind => one.clone(),
                    _ => Ty::Unknown,
                };
                self.cases(cases, arg)
            }
            _ => {
                self.expr(f);
                Ty::Unknown
            }
        }
    }

    /// scalac's errors for a lambda of `ps` given where a function of one tuple of `n` parts is
    /// expected (`pairs.collect().foreach((w, n) => ...)`): Scala 2.13 does not spread the tuple
    /// into parameters, and each untyped one is a "missing parameter type", the first with
    /// scalac's note (once: the call's own check may have said it already).
    fn untupled(&mut self, ps: &[Param], n: usize) {
        if self.blind || ps.len() != n || n < 2 || ps.iter().any(|p| p.ty.is_some()) {
            return;
        }
        let names: Vec<&str> = ps.iter().map(|p| p.name.as_str()).collect();
        for (i, p) in ps.iter().enumerate() {
            if self.diags.iter().any(|d| d.span == p.span) {
                continue;
            }
            let note = match i {
                0 => vec![n.to_string(), names.join(", ")],
                _ => vec![String::new()],
            };
            self.diags
                .push(Diagnostic::error(p.span, "missing_param_type", note));
        }
    }

    /// A case's literal patterns checked against the scrutinee's type `arg`, scalac's "type
    /// mismatch" at each that cannot be one; whether its one literal could not (scalac then
    /// types that case's body, and no case after it).
    pub(super) fn case_literals(&mut self, c: &Case, arg: &Ty) -> bool {
        // `s match { case 0 => ... }` of an `Option` or a `String`: a literal of another
        // type. scalac then types that case's body, and no case after it.
        let mut clash = false;
        let clashes = |l: &Lit| {
            let number = |t: &Ty| matches!(t, Ty::Int | Ty::Long | Ty::Double | Ty::Char);
            let lit = lit_ty(l);
            !matches!(l, Lit::Null | Lit::Unit)
                && match arg {
                    Ty::Opt(_) | Ty::Some(_) => true,
                    Ty::Str => lit != Ty::Str,
                    Ty::Bool => lit != Ty::Bool,
                    a if number(a) => matches!(lit, Ty::Str | Ty::Bool),
                    _ => false,
                }
        };
        match (&c.pat, scalac_type(arg)) {
            (Pattern::Lit(l, at), Some(want)) if clashes(l) => {
                clash = true;
                let parts = vec![lit_shown(l), want];
                self.diags
                    .push(Diagnostic::error(*at, "type_mismatch", parts));
            }
            // `case "hi" | "hello" =>` of a `Char`: each literal that cannot be one, and
            // scalac goes on to the cases after.
            (Pattern::Alt(alts, _), Some(want)) => {
                for alt in alts {
                    if let Pattern::Lit(l, at) = alt {
                        if clashes(l) {
                            let parts = vec![lit_shown(l), want.clone()];
                            self.diags
                                .push(Diagnostic::error(*at, "type_mismatch", parts));
                        }
                    }
                }
            }
            _ => {}
        }
        clash
    }

    fn cases(&mut self, cases: &[Case], arg: Ty) -> Ty {
        let mut out = None;
        for c in cases {
            let clash = self.case_literals(c, &arg);
            self.scopes.push(Vec::new());
            self.bind_pat(&c.pat, arg.clone());
            if let Some(g) = &c.guard {
                self.expr(g);
            }
            let t = self.expr(&c.body);
            self.scopes.pop();
            out = Some(match out {
                None => t,
                Some(prev) => option::join(prev, t),
            });
            if clash {
                break;
            }
        }
        out.unwrap_or(Ty::Unknown)
    }

    fn exprs(&mut self, lists: &[Vec<Expr>]) {
        for e in lists.iter().flatten() {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &Expr) -> Ty {
        if self.depth > 400 {
            return Ty::Unknown;
        }
        self.depth += 1;
        let before = self.diags.len();
        let t = self.expr_in(e);
        let try_call = match &e.kind {
            ExprKind::Apply { func, .. } => match &func.kind {
                ExprKind::Ident(n) => n == "Try" && self.lookup("Try").is_none(),
                ExprKind::Field { name, .. } => name == "Try",
                _ => false,
            },
            // `scala.util.Try(...)`.
            ExprKind::MethodCall { name, .. } => name == "Try",
            _ => false,
        };
        if try_call {
            // `Try("12x".toInt)`: what the argument can only throw, `Try` keeps.
            self.forget_throws(before);
        }
        self.depth -= 1;
        t
    }

    /// Drops the "this throws" warnings found since `before`: a `try` or `Try` catches them.
    fn forget_throws(&mut self, before: usize) {
        let mut i = before;
        while i < self.diags.len() {
            if self.diags[i].kind == "throws" {
                self.diags.remove(i);
            } else {
                i += 1;
            }
        }
    }

    fn expr_in(&mut self, e: &Expr) -> Ty {
        if let Some(t) = self.ordering_value(e) {
            return t;
        }
        match &e.kind {
            ExprKind::Lit(l) => lit_ty(l),
            ExprKind::Ident(n) => self.name(n, e.span),
            ExprKind::Field {
                recv,
                name,
                name_span,
            } => {
                self.literal_conversion(recv, name, e.span);
                self.wall_clock(recv, name, e.span);
                if self.number_object_member(recv, name, *name_span) {
                    return Ty::Unknown;
                }
                if self.removed_in_2_13(recv, name, *name_span) {
                    return Ty::Unknown;
                }
                if self.open_element_call(recv, name, *name_span, &[]) {
                    return Ty::Unknown;
                }
                if matches!(name.as_str(), "toFloat" | "toShort" | "toByte") {
                    // A number's (a `String`'s are Spark-only members, below).
                    let r = self.expr(recv);
                    if matches!(r, Ty::Int | Ty::Long | Ty::Double | Ty::Char) {
                        self.diags.push(Diagnostic::error(
                            *name_span,
                            "unsupported",
                            vec![super::lexer::FLOAT.into()],
                        ));
                        return Ty::Unknown;
                    }
                    return self.method(r, name, *name_span, &[]);
                }
                let r = self.expr(recv);
                let t = self.method(r, name, *name_span, &[]);
                if super::interp::ETA_VALUE_METHODS.contains(&name.as_str()) {
                    // Perhaps a function value (`filter(words.contains)`).
                    return Ty::Unknown;
                }
                t
            }
            ExprKind::MethodCall {
                recv,
                name,
                name_span,
                args,
                targs,
            } => {
                self.literal_conversion(recv, name, e.span);
                self.wall_clock(recv, name, e.span);
                if self.open_element_call(recv, name, *name_span, args) {
                    return Ty::Unknown;
                }
                if self.number_object_member(recv, name, *name_span) {
                    self.exprs(args);
                    return Ty::Unknown;
                }
                if let (true, Some(block)) = (args.len() >= 2, self.next_line_block(args.last())) {
                    // `lines.print()` and a block on the next line: `lines.print()({ ... })`.
                    let before = self.diags.len();
                    let partial = Expr::new(
                        ExprKind::MethodCall {
                            recv: recv.clone(),
                            name: name.clone(),
                            name_span: *name_span,
                            targs: targs.clone(),
                            args: args[..args.len() - 1].to_vec(),
                        },
                        e.span,
                    );
                    if let Some(shown) = no_params_type(&self.expr(&partial)) {
                        if !self.typed_quietly(block) {
                            self.no_params(block, shown);
                        }
                        return Ty::Unknown;
                    }
                    self.diags.truncate(before);
                }
                if let (ExprKind::Ident(o), "function") = (&recv.kind, name.as_str()) {
                    if o == "StateSpec" && self.lookup(o).is_none() {
                        return self.state_spec(args, *name_span, None);
                    }
                }
                if let ("toSet", [t], true) = (name.as_str(), targs.as_slice(), args.is_empty()) {
                    // `xs.toSet[Int]`: its element's type fixed.
                    let r = self.expr(recv);
                    return match r {
                        Ty::Coll(..) | Ty::Array(_) | Ty::Iterable(_) | Ty::Str => {
                            Ty::Coll(Collection::Set, Box::new(self.declared(t)))
                        }
                        r => self.method(r, name, *name_span, args),
                    };
                }
                let path = super::interp::qualified_name(recv);
                let builder = match (path.as_deref(), name.as_str()) {
                    (
                        Some("mutable" | "collection.mutable" | "scala.collection.mutable"),
                        n @ ("Map" | "TreeMap"),
                    ) => Some(if n == "Map" {
                        "mutable.Map"
                    } else {
                        "mutable.TreeMap"
                    }),
                    (
                        Some("immutable" | "collection.immutable" | "scala.collection.immutable"),
                        "TreeMap",
                    ) => Some("TreeMap"),
                    _ => None,
                };
                let unshadowed = ["mutable", "immutable", "collection"]
                    .iter()
                    .all(|n| self.lookup(n).is_none());
                if let (Some(builder), [a], true) = (builder, args.as_slice(), unshadowed) {
                    if !a.is_empty() {
                        return self.built(builder, a);
                    }
                    // `mutable.TreeMap[String, Int]()`.
                    return self.built_empty(builder, targs);
                }
                if let ExprKind::Ident(o) = &recv.kind {
                    if matches!(o.as_str(), "math" | "Math") && self.lookup(o).is_none() {
                        let ts: Vec<Ty> = args.iter().flatten().map(|a| self.expr(a)).collect();
                        let numeric =
                            |t: &Ty| matches!(t, Ty::Int | Ty::Long | Ty::Double | Ty::Char);
                        let shown: Option<Vec<String>> = ts.iter().map(scalac_type).collect();
                        if let (Some(alts), Some(shown)) =
                            (math_overloads(o, name, ts.len()), shown)
                        {
                            if !ts.iter().all(numeric) {
                                // `math.max(o.getOrElse(0L), 1)`: an `AnyVal` fits no overload.
                                let parts = vec![name.to_string(), alts, shown.join(", ")];
                                (self.diags).push(Diagnostic::error(
                                    *name_span,
                                    "overloaded_args",
                                    parts,
                                ));
                                return Ty::Unknown;
                            }
                        }
                        if math_of_doubles(name) {
                            // One signature of `Double`s: each argument typed against it
                            // (`math.sqrt(o.getOrElse(0))` of an `Option[Int]`).
                            for (a, t) in args.iter().flatten().zip(&ts) {
                                self.expect(&Ty::Double, a, t);
                            }
                        }
                        return math_result(name, &ts);
                    }
                }
                let r = self.expr(recv);
                let first = args.first().map(Vec::as_slice).unwrap_or(&[]);
                if matches!(r, Ty::Case(_) | Ty::Companion(_)) {
                    return self.method(r, name, *name_span, args);
                }
                if name == "copy" && r == Ty::Unknown {
                    // Perhaps a case class's: its fields are the names.
                    for a in first {
                        self.expr(super::named_args::named(a).map_or(a, |(_, v)| v));
                    }
                    self.exprs(&args[1..]);
                    return Ty::Unknown;
                }
                let named = args.len() == 1
                    && matches!(r, Ty::DStream(_) | Ty::Input(_) | Ty::Rdd(_) | Ty::Ssc)
                    && first.iter().any(|a| super::named_args::named(a).is_some());
                if named && self.named_signature(&r, name, *name_span, first) {
                    // Spark's signatures said it in scalac's words.
                    for a in first {
                        self.expr(super::named_args::named(a).map_or(a, |(_, v)| v));
                    }
                    return Ty::Unknown;
                }
                match super::named_args::resolve(name, first) {
                    Ok(None) => {
                        let before = self.diags.len();
                        if let (Ty::DStream(_) | Ty::Input(_) | Ty::Rdd(_) | Ty::Ssc, [list]) =
                            (&r, args.as_slice())
                        {
                            self.signature(&r, name, *name_span, list);
                        }
                        let signed = self.diags.len();
                        let blind = std::mem::replace(&mut self.blind, signed > before);
                        let after = std::mem::take(&mut self.after_args);
                        let t = self.method(r, name, *name_span, args);
                        self.blind = blind;
                        self.diags.extend(after);
                        if signed > before {
                            // Spark's signatures said it in scalac's words already.
                            let mut i = signed;
                            while i < self.diags.len() {
                                if self.diags[i].args.get(1).is_some_and(|a| a == "a function") {
                                    self.diags.remove(i);
                                } else {
                                    i += 1;
                                }
                            }
                        }
                        match t {
                            // `l.split(",")(2)`, `rdd.take(3)(0)`: a further argument list
                            // applies the result (its element, not known here).
                            Ty::Array(_) | Ty::Iterable(_) | Ty::Str if args.len() > 1 => {
                                Ty::Unknown
                            }
                            t => t,
                        }
                    }
                    Ok(Some(slots)) => {
                        let mut lists = args.to_vec();
                        lists[0] = super::named_args::reorder(first, &slots);
                        self.method(r, name, *name_span, &lists)
                    }
                    Err((kind, why)) => {
                        let at = first.iter().find(|a| super::named_args::named(a).is_some());
                        self.diags.push(Diagnostic::error(
                            at.map_or(e.span, |a| a.span),
                            kind,
                            why,
                        ));
                        for a in first {
                            self.expr(super::named_args::named(a).map_or(a, |(_, v)| v));
                        }
                        self.exprs(&args[1..]);
                        Ty::Unknown
                    }
                }
            }
            ExprKind::Apply { func, args, targs } => {
                if let (ExprKind::Ident(n), Some(this @ Ty::Case(_))) =
                    (&func.kind, self.member_of_this(&func.kind))
                {
                    // `copy(n = 2)` inside the case class's body.
                    return self.method(this, n, func.span, args);
                }
                let f = self.expr(func);
                if let (true, Some(block)) = (args.len() == 1, self.next_line_block(args.last())) {
                    // `val n = 5` and a block on the next line: `5({ ... })`, a constant
                    // scalac refuses before it looks at the block.
                    let shown = match &func.kind {
                        ExprKind::Lit(l) if !matches!(l, Lit::Str(_)) => Some(lit_shown(l)),
                        _ => no_params_type(&f).filter(|_| !self.typed_quietly(block)),
                    };
                    if let Some(shown) = shown {
                        self.no_params(block, shown);
                        return Ty::Unknown;
                    }
                }
                // `List(1, 2)`, `Map("a" -> 1)`, `mutable.Map("a" -> 1)`: which builder.
                // `List(1, 2)`, `Map("a" -> 1)` (`mutable.Map(...)` is a method call).
                let builder = match &func.kind {
                    ExprKind::Ident(n)
                        if matches!(
                            n.as_str(),
                            "List" | "Seq" | "Vector" | "Set" | "Map" | "Array"
                        ) && self.lookup(n).is_none() =>
                    {
                        Some(n.as_str())
                    }
                    ExprKind::Ident(n) if n == "TreeMap" && self.lookup(n).is_none() => {
                        self.tree_map_import()
                    }
                    _ => None,
                };
                match (&func.kind, args.as_slice()) {
                    (ExprKind::Ident(n), [a])
                        if a.len() == 1
                            && DURATIONS.contains(&n.as_str())
                            && self.lookup(n).is_none() =>
                    {
                        let t = self.expr(&a[0]);
                        if !matches!(t, Ty::Int | Ty::Long | Ty::Char | Ty::Unknown) {
                            let found = match &a[0].kind {
                                ExprKind::Lit(l) => lit_shown(l),
                                _ => t.show(),
                            };
                            self.diags.push(Diagnostic::error(
                                a[0].span,
                                "type_mismatch",
                                vec![found, "Long".into()],
                            ));
                        }
                    }
                    (ExprKind::Ident(n), [a])
                        if matches!(n.as_str(), "Some" | "Option") && self.lookup(n).is_none() =>
                    {
                        // `Some(vs.sum, s)`: scalac makes one tuple of several arguments.
                        let mut ts: Vec<Ty> = a.iter().map(|x| self.expr(x)).collect();
                        let inner = match ts.len() {
                            0 => Ty::Unit,
                            1 => ts.remove(0),
                            _ => Ty::Tuple(ts),
                        };
                        return match n.as_str() {
                            "Some" => Ty::Some(Box::new(inner)),
                            _ => Ty::Opt(Box::new(inner)),
                        };
                    }
                    (_, [a]) if !a.is_empty() && builder.is_some() => {
                        return self.built(builder.unwrap_or_default(), a);
                    }
                    (_, [a]) if a.is_empty() && builder.is_some() && !targs.is_empty() => {
                        // `List[Int]()`, `Map[String, Int]()`.
                        return self.built_empty(builder.unwrap_or_default(), targs);
                    }
                    (_, [a, rest @ ..]) if matches!(f, Ty::Companion(_)) => {
                        if let Ty::Companion(c) = &f {
                            self.case_args(c, a, func.span, false);
                        }
                        self.exprs(rest);
                    }
                    (ExprKind::Ident(n), _)
                        if NO_APPLY.contains(&n.as_str()) && self.lookup(n).is_none() =>
                    {
                        // scalac: `StreamingContext(conf, Seconds(1))` without `new`.
                        self.diags.push(Diagnostic::error(
                            func.span,
                            "no_apply",
                            vec![n.to_string()],
                        ));
                        self.exprs(args)
                    }
                    _ => {
                        // `greet(greeting = "yo")`: a named argument's name is the def's.
                        let mut named = false;
                        let mut ts = Vec::new();
                        // `g(x => x)` of a `def g(f: (Int, Int) => Int)`: the parameter's type.
                        let wants = match (&f, args.as_slice()) {
                            (Ty::Fn(ps, _), [list]) if list.len() == ps.len() => ps.clone(),
                            _ => Vec::new(),
                        };
                        for (i, a) in args.iter().flatten().enumerate() {
                            let value = super::named_args::named(a);
                            named |= value.is_some();
                            let arity = value.is_none()
                                && wants.get(i).is_some_and(|w| self.fn_arity(w, a));
                            ts.push(match arity {
                                true => Ty::Unknown,
                                false => self.expr(value.map_or(a, |(_, v)| v)),
                            });
                        }
                        // `g(1, 2, 3)` of a `g: (Int, Int) => Int`: scalac's "too many
                        // arguments" with the function's `apply` (or the `def`'s signature).
                        if let (Ty::Fn(ps, r), [list], false) = (&f, args.as_slice(), named) {
                            if list.len() > ps.len() && !ps.is_empty() {
                                self.too_many_for_fn(func, (ps, r), list);
                            }
                        }
                        // `f(o.getOrElse(0))` of a `def f(x: Double)` or a function value
                        // whose parameters are declared: each argument against its type.
                        if let (Ty::Fn(ps, _), [list], false) = (&f, args.as_slice(), named) {
                            if list.len() == ps.len() {
                                for ((a, t), p) in list.iter().zip(&ts).zip(ps) {
                                    self.expect(p, a, t);
                                }
                            }
                        }
                    }
                }
                let printing = matches!(&func.kind, ExprKind::Ident(n)
                    if (n == "println" || n == "print") && self.lookup(n).is_none());
                if let (true, [one]) = (printing, args.as_slice()) {
                    if let [a] = one.as_slice() {
                        self.unapplied(a, "Any");
                    }
                }
                match (&f, args.as_slice()) {
                    _ if printing => Ty::Unit,
                    (Ty::Companion(c), [_]) => Ty::Case(c.clone()),
                    (Ty::Str, [a]) if a.len() == 1 => Ty::Char,
                    (Ty::Array(t), [a]) if a.len() == 1 => (**t).clone(),
                    (Ty::MapOf(_, _, v), [a]) if a.len() == 1 => (**v).clone(),
                    (Ty::Fn(ps, r), [a]) if a.len() == ps.len() => (**r).clone(),
                    _ => Ty::Unknown,
                }
            }
            ExprKind::New { class, args } => match self.declared(class) {
                Ty::Case(c) => {
                    let first = args.first().map(Vec::as_slice).unwrap_or(&[]);
                    self.case_args(&c, first, e.span, false);
                    self.exprs(args.get(1..).unwrap_or(&[]));
                    Ty::Case(c)
                }
                t => {
                    let short = match class {
                        TypeRef::Named { name, .. } => name.rsplit('.').next(),
                        _ => None,
                    };
                    if args.iter().all(Vec::is_empty) && short == Some("Random") {
                        self.unseeded_random(e.span);
                    }
                    if args.iter().all(Vec::is_empty) && short == Some("Date") {
                        self.diags.push(Diagnostic::warning(
                            e.span,
                            "wall_clock",
                            vec!["new Date()".into()],
                        ));
                    }
                    // `new Acc("b", step = 2)`: a named argument's value.
                    let typed: Vec<Ty> = (args.iter().flatten())
                        .map(|a| self.expr(super::named_args::named(a).map_or(a, |(_, v)| v)))
                        .collect();
                    if let (Ty::Ssc, [conf @ (Ty::Conf | Ty::Sc), batch], [_]) =
                        (&t, typed.as_slice(), args.as_slice())
                    {
                        self.context_batch(e.span, conf, batch);
                    }
                    match t {
                        Ty::Conf | Ty::Sc | Ty::Ssc => t,
                        _ => Ty::Unknown,
                    }
                }
            },
            ExprKind::Tuple(items) => Ty::Tuple(items.iter().map(|i| self.expr(i)).collect()),
            ExprKind::Block(stmts) => {
                self.scopes.push(Vec::new());
                self.hoist(stmts);
                self.defined_twice(stmts, true);
                let mut t = self.block_stmts(stmts);
                if !matches!(stmts.last().map(|s| &s.kind), Some(StmtKind::Expr(_))) {
                    t = Ty::Unit;
                }
                self.scopes.pop();
                t
            }
            ExprKind::Binary {
                op,
                lhs,
                rhs,
                op_span,
            } => {
                let (a, b) = (self.expr(lhs), self.expr(rhs));
                if self.open_operand(lhs, (*op, *op_span), rhs, &b) {
                    return Ty::Unknown;
                }
                // `line - 1`: an operator the left operand's type does not have.
                let arithmetic = matches!(
                    op,
                    BinOp::Sub
                        | BinOp::Mul
                        | BinOp::Div
                        | BinOp::Rem
                        | BinOp::Lt
                        | BinOp::Le
                        | BinOp::Gt
                        | BinOp::Ge
                        | BinOp::And
                        | BinOp::Or
                );
                let boxed = option::no_arithmetic(&a);
                let missing = match (&a, op) {
                    (_, BinOp::Cons | BinOp::Arrow | BinOp::Eq | BinOp::Ne) => false,
                    _ if boxed => arithmetic,
                    (Ty::Str, _) => !matches!(
                        op,
                        BinOp::Add
                            | BinOp::Mul
                            | BinOp::Lt
                            | BinOp::Le
                            | BinOp::Gt
                            | BinOp::Ge
                            | BinOp::Concat
                    ),
                    (t, _) => super::value_members::has_member(&t.show(), op.text()) == Some(false),
                };
                if missing {
                    let names = super::value_members::members(&a.show());
                    let hint = suggest(op.text(), &names).unwrap_or("");
                    self.not_member(*op_span, op.text(), &a, hint);
                    return Ty::Unknown;
                }
                // `n % "a"`: none of the number's overloads of the operator takes the right
                // side; `s >= 2.5`: a `String` compares with `String`s only.
                let certain = b.is_value() && !matches!(b, Ty::Tuple(_) | Ty::Case(_));
                let b_shown = scalac_type(&b).unwrap_or_default();
                if let Some(list) = (certain && !b_shown.is_empty())
                    .then(|| {
                        super::value_members::operator_overloads(&a.show(), op.text(), &b_shown)
                    })
                    .flatten()
                {
                    self.diags.push(Diagnostic::error(
                        *op_span,
                        "overloaded_args",
                        vec![op.text().to_string(), list, b_shown],
                    ));
                    return Ty::Unknown;
                }
                // A `String` or a `Boolean` compares with its own type only (`Ordered`), a
                // `Boolean`'s `&&` takes a `Boolean`, a `String` repeats an `Int` times.
                let compare = matches!(op, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
                let logic = matches!(
                    op,
                    BinOp::And | BinOp::Or | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor
                );
                let wants = match (&a, op) {
                    (Ty::Str | Ty::Bool, _) if compare => a.clone(),
                    (Ty::Bool, _) if logic => Ty::Bool,
                    (Ty::Str, BinOp::Mul) => Ty::Int,
                    // `any2stringadd`: an `Option`, a tuple or a `Boolean` plus a `String`.
                    (_, BinOp::Add) if boxed || a == Ty::Bool => Ty::Str,
                    _ => Ty::Unknown,
                };
                let takes = b == wants || (wants == Ty::Int && b == Ty::Char);
                if certain && wants != Ty::Unknown && !takes {
                    let found = match &rhs.kind {
                        ExprKind::Lit(l) => lit_shown(l),
                        _ => b.show(),
                    };
                    let at = self.point(rhs);
                    self.diags.push(Diagnostic::error(
                        at,
                        "type_mismatch",
                        vec![found, wants.show()],
                    ));
                    return Ty::Unknown;
                }
                match op {
                    BinOp::Add if a == Ty::Str || b == Ty::Str => Ty::Str,
                    BinOp::Mul if a == Ty::Str => Ty::Str,
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem => {
                        // The wider of two numbers (a `Char` counts as an `Int`).
                        let rank = |t: &Ty| match t {
                            Ty::Int | Ty::Char => Some(0),
                            Ty::Long => Some(1),
                            Ty::Double => Some(2),
                            _ => None,
                        };
                        match rank(&a).zip(rank(&b)).map(|(x, y)| x.max(y)) {
                            Some(0) => Ty::Int,
                            Some(1) => Ty::Long,
                            Some(_) => Ty::Double,
                            None => Ty::Unknown,
                        }
                    }
                    BinOp::Eq
                    | BinOp::Ne
                    | BinOp::Lt
                    | BinOp::Le
                    | BinOp::Gt
                    | BinOp::Ge
                    | BinOp::And
                    | BinOp::Or => Ty::Bool,
                    BinOp::Arrow => Ty::Tuple(vec![a, b]),
                    BinOp::Concat => concatenated(a, b),
                    // `x :: xs`: a `List` of what the two have in common.
                    BinOp::Cons => match b {
                        Ty::Coll(Collection::List, e) => match option::lub(a, *e) {
                            Ty::Unknown => Ty::Unknown,
                            t => Ty::Coll(Collection::List, Box::new(t)),
                        },
                        _ => Ty::Unknown,
                    },
                    _ => Ty::Unknown,
                }
            }
            ExprKind::Unary { op, expr } => match (op, self.expr(expr)) {
                (UnOp::Not, Ty::Bool) => Ty::Bool,
                (UnOp::Neg, Ty::Char) => Ty::Int,
                (UnOp::Neg, t @ (Ty::Int | Ty::Long | Ty::Double)) => t,
                _ => Ty::Unknown,
            },
            ExprKind::Lambda { params, .. } if params.iter().all(|p| p.ty.is_some()) => {
                // Every parameter declared: a function value of a known type.
                let r = self.func(e, &[]);
                let ps = (params.iter().filter_map(|p| p.ty.as_ref()))
                    .map(|t| self.declared(t))
                    .collect();
                Ty::Fn(ps, Box::new(r))
            }
            ExprKind::Lambda { .. } | ExprKind::CaseLambda(_) => {
                self.func(e, &[]);
                Ty::Unknown
            }
            ExprKind::If { cond, then, else_ } => {
                self.expr(cond);
                let t = self.expr(then);
                match else_ {
                    Some(x) => {
                        let u = self.expr(x);
                        option::join(t, u)
                    }
                    // No `else` is an `else ()`: `if (c) 1` is an `AnyVal`.
                    None => option::lub(t, Ty::Unit),
                }
            }
            ExprKind::Match { scrutinee, cases } => {
                let s = self.expr(scrutinee);
                self.cases(cases, s)
            }
            ExprKind::Interpolated {
                parts,
                interpolator,
            } => {
                if interpolator == "f" {
                    self.f_interpolated(parts, e.span);
                    return Ty::Str;
                }
                for p in parts {
                    if let InterpPart::Expr(x) = p {
                        self.expr(x);
                    }
                }
                Ty::Str
            }
            ExprKind::Ascribe(x, t) => {
                let got = self.expr(x);
                match self.declared(t) {
                    Ty::Unknown => got,
                    d => d,
                }
            }
            ExprKind::While { cond, body } => {
                self.expr(cond);
                self.expr(body);
                Ty::Unit
            }
            ExprKind::For {
                gens,
                is_yield,
                body,
            } => {
                self.scopes.push(Vec::new());
                for (p, coll, guard) in gens {
                    let c = self.expr(coll);
                    if self.open_generator(p, coll, guard.is_some()) {
                        self.scopes.pop();
                        return Ty::Unknown;
                    }
                    self.bind_pat(p, c.elem());
                    if let Some(g) = guard {
                        self.expr(g);
                    }
                }
                self.expr(body);
                self.scopes.pop();
                if *is_yield {
                    Ty::Unknown
                } else {
                    Ty::Unit
                }
            }
            ExprKind::Return(x) => {
                if let Some(x) = x {
                    self.expr(x);
                }
                Ty::Unknown
            }
            ExprKind::Throw(x) => {
                self.expr(x);
                Ty::Unknown
            }
            ExprKind::Try {
                body,
                cases,
                finally,
            } => {
                let before = self.diags.len();
                let t = self.expr(body);
                if !cases.is_empty() {
                    // What the body can only throw may be what the cases catch.
                    self.forget_throws(before);
                }
                let caught = self.cases(cases, Ty::Unknown);
                if let Some(f) = finally {
                    self.expr(f);
                }
                if cases.is_empty() || caught == t {
                    t
                } else {
                    Ty::Unknown
                }
            }
            ExprKind::Error => Ty::Unknown,
        }
    }

    /// Which `TreeMap` the program imports by name (`import scala.collection.mutable._`
    /// makes it the mutable one), as a builder's name.
    fn tree_map_import(&self) -> Option<&'static str> {
        self.imported.iter().rev().find_map(|p| {
            let p = p.trim_start_matches("scala.");
            match p {
                "collection.immutable.TreeMap" | "collection.immutable._" => Some("TreeMap"),
                "collection.mutable.TreeMap" | "collection.mutable._" => Some("mutable.TreeMap"),
                _ => None,
            }
        })
    }

    /// What a builder gives of no elements, by its type arguments: `List[Int]()`,
    /// `mutable.TreeMap[String, Int]()`.
    fn built_empty(&self, builder: &str, targs: &[TypeRef]) -> Ty {
        let t = |i: usize| Box::new(self.declared(&targs[i]));
        match (builder, map_class(builder), targs.len()) {
            (_, Some(c), 2) => Ty::MapOf(c, t(0), t(1)),
            ("Array", None, 1) => Ty::Array(t(0)),
            ("List", None, 1) => Ty::Coll(Collection::List, t(0)),
            ("Seq", None, 1) => Ty::Coll(Collection::Seq, t(0)),
            ("Vector", None, 1) => Ty::Coll(Collection::Vector, t(0)),
            ("Set", None, 1) => Ty::Coll(Collection::Set, t(0)),
            _ => Ty::Unknown,
        }
    }

    /// What a builder gives of its elements: `List(1, 2)`, `Map("a" -> 1)`,
    /// `mutable.Map("a" -> 1)` (`builder` is `mutable.Map` for that one).
    fn built(&mut self, builder: &str, a: &[Expr]) -> Ty {
        // `List(1, 2)`, `Map("a" -> 1)`: a collection of the elements' type,
        // when they agree, or of the widest of numbers (`List(1, 2L)` is a
        // `List[Long]`), of plain values else `AnyVal` or `Any`; scalac's other least
        // upper bounds are not worked out.
        let ts: Vec<Ty> = a.iter().map(|x| self.expr(x)).collect();
        let one = ts.iter().all(|t| *t == ts[0] && !t.show().contains('?'));
        // `Set('c', 1.5)`: a `Char` widens to the other numbers.
        let number = |t: &&Ty| matches!(t, Ty::Int | Ty::Long | Ty::Double | Ty::Char);
        let elem = if one {
            ts[0].clone()
        } else if ts.iter().all(|t| number(&t)) {
            [Ty::Double, Ty::Long, Ty::Int]
                .into_iter()
                .find(|w| ts.contains(w))
                .unwrap_or(Ty::Unknown)
        } else if ts.iter().all(Ty::is_plain) {
            // `Set('c', true)` a `Set[AnyVal]`, `Set("a", 2L)` a `Set[Any]`.
            match ts.contains(&Ty::Str) {
                true => Ty::Any,
                false => Ty::AnyVal,
            }
        } else {
            Ty::Unknown
        };
        match (builder, elem) {
            ("Array", elem) => Ty::Array(Box::new(elem)),
            (n, Ty::Tuple(kv)) if kv.len() == 2 && map_class(n).is_some() => Ty::MapOf(
                map_class(n).unwrap_or(Collection::ImmutableMap),
                Box::new(kv[0].clone()),
                Box::new(kv[1].clone()),
            ),
            (n, _) if map_class(n).is_some() => Ty::Unknown,
            (n, elem) => {
                let c = match n {
                    "List" => Collection::List,
                    "Seq" => Collection::Seq,
                    "Vector" => Collection::Vector,
                    _ => Collection::Set,
                };
                Ty::Coll(c, Box::new(elem))
            }
        }
    }

    /// Where `e` has branches (`if`, `match`, a block's last value), each against `want`:
    /// `val d: Double = if (c) o.getOrElse(0) else 1` says "found AnyVal, required Double" at
    /// the `getOrElse`, `val n: Int = if (c) "a" else 1` the literal. A branch whose type is
    /// not known without typing it again is left alone, and so is a name inside a block or a
    /// case (what it names is gone with their scope). Whether `e` has branches.
    fn expect_branches(&mut self, want: &Ty, e: &Expr, scoped: bool) -> bool {
        let branches: Vec<(&Expr, bool)> = match &e.kind {
            ExprKind::If {
                then,
                else_: Some(els),
                ..
            } => vec![(then, scoped), (els, scoped)],
            ExprKind::Match { cases, .. } => cases.iter().map(|c| (&c.body, true)).collect(),
            ExprKind::Block(stmts) => match stmts.last().map(|s| &s.kind) {
                Some(StmtKind::Expr(last)) => vec![(last, true)],
                _ => vec![],
            },
            _ => return false,
        };
        for (b, scoped) in branches {
            if self.expect_branches(want, b, scoped) {
                continue;
            }
            let got = match &b.kind {
                ExprKind::Lit(l) => lit_ty(l),
                ExprKind::Ident(n) if n == "None" && self.lookup(n).is_none() => Ty::NoneT,
                ExprKind::Ident(n) if !scoped => self.lookup(n).unwrap_or(Ty::Unknown),
                ExprKind::MethodCall { name, .. } if name == "getOrElse" => Ty::Unknown,
                _ => continue,
            };
            self.expect(want, b, &got);
        }
        true
    }

    /// `e`, of type `got`, where a `want` is declared (a typed `val`, `State[Int]`'s
    /// `update`): scalac's "type mismatch" where the checker is sure. A literal of another
    /// type (`val n: Int = "a"`, `st.update(1L)`); an `Option` for a plain value or the other
    /// way round (`val n: Int = o`, `val o: Option[Int] = 3`); a name or a member of another
    /// type (`val s: String = o.get`, `val p: Option[String] = o`). Branches scalac types
    /// against `want` and says it there (`expect_branches`).
    fn expect(&mut self, want: &Ty, e: &Expr, got: &Ty) {
        if self.expect_branches(want, e, false) {
            return;
        }
        // `("a", 1L)` where a `(String, Int)` is wanted: each part against its own.
        if let (Ty::Tuple(ws), ExprKind::Tuple(parts)) = (want, &e.kind) {
            if ws.len() == parts.len() {
                for (w, p) in ws.iter().zip(parts) {
                    let before = self.diags.len();
                    let t = self.expr(p);
                    self.diags.truncate(before);
                    self.expect(w, p, &t);
                }
                return;
            }
        }
        // `val r: Option[String] = Some(3)`: the argument against the `Option`'s type.
        if let (Ty::Opt(w), ExprKind::Apply { func, args, .. }) = (want, &e.kind) {
            if let (ExprKind::Ident(n), [list], Ty::Some(x) | Ty::Opt(x)) =
                (&func.kind, args.as_slice(), got)
            {
                if matches!(n.as_str(), "Some" | "Option")
                    && list.len() == 1
                    && self.lookup(n).is_none()
                {
                    return self.expect(w, &list[0], x);
                }
            }
        }
        if self.expect_elements(want, e) {
            return;
        }
        // `val s: String = n + 1`: scalac's ambiguous views of a number.
        if self.arithmetic_expected(want, e, got, false) {
            return;
        }
        let optional = |t: &Ty| matches!(t, Ty::Opt(_) | Ty::Some(_) | Ty::NoneT);
        let plain = Ty::is_plain;
        // `val n: Int = o.getOrElse(0L)`: the default is typed against the declared type
        // first (there: "found Long(0L), required Int"); one that fits makes it `B` when the
        // `Option`'s type is it too, else `B` is their `lub` ("found AnyVal, required Long"
        // at the call).
        let mut widened = None;
        // `a max b` of numbers: typed as surely as a name.
        let number_call = matches!(&e.kind, ExprKind::MethodCall { name, .. } if matches!(name.as_str(), "max" | "min"))
            && matches!(got, Ty::Int | Ty::Long | Ty::Double);
        // `f(1 to 3)` of a `def f(xs: List[Int])`: a range where another collection is wanted.
        let infix_range = matches!(got, Ty::Range(_));
        // `scala.collection.mutable.Map(...)`, a builder called as a method.
        let mutable = matches!(e.kind, ExprKind::MethodCall { .. })
            && matches!(got, Ty::MapOf(Collection::MutableMap, ..));
        if let (ExprKind::MethodCall { name, args, .. }, false) = (
            &e.kind,
            number_call || infix_range || mutable || class_of(got).is_some(),
        ) {
            let default = match args.as_slice() {
                // An `Option`'s `getOrElse(d)`, a map's `getOrElse(k, d)`.
                [l] if name == "getOrElse" && matches!(l.len(), 1 | 2) => &l[l.len() - 1],
                _ => return,
            };
            let (t, u) = match self
                .or_else
                .iter()
                .rev()
                .find(|(at, ..)| *at == default.span)
            {
                Some((_, t, u)) if *u != Ty::Unknown => (t.clone(), u.clone()),
                _ => return,
            };
            if !conforms(&u, want) {
                return self.expect(want, default, &u);
            }
            if t == *want || t == Ty::Unknown {
                return;
            }
            // The default (widened to the declared type) beside the `Option`'s type.
            widened = Some(option::lub(t, want.clone()));
        }
        let got = widened.as_ref().unwrap_or(got);
        let widened = widened.is_some();
        let named = matches!(e.kind, ExprKind::Ident(_) | ExprKind::Field { .. }) || number_call;
        let literal = matches!(e.kind, ExprKind::Lit(_));
        let tuple = matches!(e.kind, ExprKind::Tuple(_));
        let applied = matches!(e.kind, ExprKind::Apply { .. });
        // `vs.sum + 1` where an `Option[Int]` is declared, `a + b` of `Long`s where an `Int`
        // is, `a > b` where a `Double` is: "found Int" at the operator (a number's `+` where
        // a `String` is wanted is `numbers_for_string`'s).
        let operator = matches!(e.kind, ExprKind::Binary { .. })
            && (matches!(want, Ty::Opt(_)) && plain(got)
                || plain(want) && plain(got) && clashes(want, got));
        // `f(Seq(1, 2))` of a `def f(xs: List[Int])`: a collection of another class, or of
        // other elements; a name of a declared type prints as it is written.
        let found = match &e.kind {
            ExprKind::Ident(n) if self.written.iter().any(|w| w == n) => required(got.show()),
            _ => got.show(),
        };
        if self.expect_mapped(want, e, got) {
            return;
        }
        let fixed = named || infix_range || mutable;
        // A method's collection is of its class whatever is declared, but for the methods
        // whose type parameters scalac would infer from the declared type.
        let other_class = match (want, class_of(want), class_of(got)) {
            (Ty::Opt(_), _, Some(_)) => true,
            (_, Some((w, _)), Some((g, _))) => !class_fits(w, g),
            _ => false,
        };
        if self.empty_builder(want, e)
            || self.polymorphic_set(want, e)
            || self.open_element_expected(want, e)
        {
            return;
        }
        let method = matches!(&e.kind, ExprKind::MethodCall { name, .. }
            if !matches!(name.as_str(), "toSet" | "toMap" | "toArray" | "toBuffer" | "to"))
            && other_class;
        if fixed || applied || method {
            if let Some(message) = coll_mismatch(want, got, found, fixed) {
                let at = self.point(e);
                let message = message.to_vec();
                self.diags
                    .push(Diagnostic::error(at, "type_mismatch", message));
                return;
            }
        }
        if !(named || literal || widened || tuple || applied || operator) {
            return;
        }
        let inner = |t: &Ty| match t {
            Ty::Opt(x) | Ty::Some(x) => Some((**x).clone()),
            _ => None,
        };
        let top = |t: &Ty| matches!(t, Ty::Any | Ty::AnyVal | Ty::Serializable);
        let pair = |t: &Ty| matches!(t, Ty::Tuple(_));
        let clash = (named || widened) && plain(want) && top(got)
            || (named || tuple) && plain(want) && pair(got)
            || (named || tuple || literal || applied) && pair(want) && plain(got)
            || optional(want) && plain(got)
            || operator
            || plain(want) && optional(got)
            || (named || literal || applied) && plain(want) && plain(got) && clashes(want, got)
            || named
                && matches!(want, Ty::Opt(_))
                && matches!(got, Ty::Opt(_) | Ty::Some(_))
                && inner(want) != inner(got);
        if let ((Some(want), Some(got)), true) = ((scalac_type(want), scalac_type(got)), clash) {
            let found = match folded(e) {
                Some(l) => lit_shown(&l),
                None => got,
            };
            let at = self.point(e);
            self.diags
                .push(Diagnostic::error(at, "type_mismatch", vec![found, want]));
        }
    }

    /// `val xs: List[String] = List(1, 2)`: scalac types a collection's elements against the
    /// declared element type, each on its own ("found Int(1), required String"). Whether `e`
    /// was such a collection.
    fn expect_elements(&mut self, want: &Ty, e: &Expr) -> bool {
        use Collection as C;
        // `mutable.Map("a" -> "b")` where a `mutable.Map[String, Int]` is declared.
        if let (
            Ty::MapOf(C::MutableMap, k, v),
            ExprKind::MethodCall {
                recv, name, args, ..
            },
        ) = (want, &e.kind)
        {
            let path = super::interp::qualified_name(recv);
            let mutable = matches!(
                path.as_deref(),
                Some("mutable" | "collection.mutable" | "scala.collection.mutable")
            ) && self.lookup("mutable").is_none();
            let ([list], true) = (args.as_slice(), mutable && name == "Map") else {
                return false;
            };
            for a in list {
                self.expect_pair(k, v, a);
            }
            return true;
        }
        let ExprKind::Apply { func, targs, args } = &e.kind else {
            return false;
        };
        let (ExprKind::Ident(n), [list], true) = (&func.kind, args.as_slice(), targs.is_empty())
        else {
            return false;
        };
        if let (Ty::MapOf(C::ImmutableMap, k, v), "Map") = (want, n.as_str()) {
            if self.lookup(n).is_some() {
                return false;
            }
            for a in list {
                self.expect_pair(k, v, a);
            }
            return true;
        }
        let w = match (want, n.as_str()) {
            (Ty::Coll(C::List, w), "List")
            // A `List` or a `Vector` is a `Seq`: its element is the declared one.
            | (Ty::Coll(C::Seq, w), "Seq" | "List" | "Vector")
            | (Ty::Coll(C::Vector, w), "Vector")
            | (Ty::Coll(C::Set, w), "Set")
            | (Ty::Array(w), "Array") => (**w).clone(),
            _ => return false,
        };
        if self.lookup(n).is_some() {
            return false;
        }
        for a in list {
            // Typed again, quietly: the caller said what typing it says.
            let before = self.diags.len();
            let t = self.expr(a);
            self.diags.truncate(before);
            self.expect(&w, a, &t);
        }
        true
    }

    /// `val f: (Int, Int) => Int = (a, b) => a.toString`: a lambda whose parameters the
    /// declared function type gives, typed with them, its body against the declared result
    /// ("found String, required Int"). The declared type, when `init` is such a lambda.
    fn declared_lambda(&mut self, ty: Option<&TypeRef>, init: &Expr) -> Option<Ty> {
        let d = self.declared(ty?);
        // `val f: (Int, Int) => Int = x => x`: of another parameter count.
        if self.fn_arity(&d, init) {
            return Some(d);
        }
        let (Ty::Fn(ps, r), ExprKind::Lambda { params, body }) = (&d, &init.kind) else {
            return None;
        };
        if params.len() != ps.len() || params.iter().any(|p| p.ty.is_some()) || self.blind {
            return None;
        }
        self.scopes.push(Vec::new());
        for (p, t) in params.iter().zip(ps) {
            self.bind_val(&p.name, t.clone());
        }
        let t = self.expr(body);
        if **r != Ty::Unknown {
            self.expect(r, body, &t);
        }
        self.scopes.pop();
        Some(d)
    }

    /// `g(1, 2, 3)` of a function value `g` of two parameters ("too many arguments (found 3,
    /// expected 2) for method apply: (v1: Int, v2: Int): Int in trait Function2") or of a
    /// `def g(a: Int, b: Int)` ("... for method g: (a: Int, b: Int): Int"), at the first
    /// argument too many.
    fn too_many_for_fn(&mut self, func: &Expr, (ps, r): (&[Ty], &Ty), list: &[Expr]) {
        let ExprKind::Ident(n) = &func.kind else {
            return;
        };
        let def = (self.fn_params.iter().rev()).find(|(m, ps2, _)| m == n && ps2.len() == ps.len());
        let Some(result) = scalac_type(r) else {
            return;
        };
        let (what, sig) = match def {
            Some((_, params, true)) => {
                let shown: Option<Vec<String>> = params
                    .iter()
                    .map(|p| Some(format!("{}: {}", p.name, written(p.ty.as_ref()?)?)))
                    .collect();
                let Some(shown) = shown else { return };
                (n.clone(), format!("({}): {result}", shown.join(", ")))
            }
            _ => {
                let shown: Option<Vec<String>> = (ps.iter().enumerate())
                    .map(|(i, p)| Some(format!("v{}: {}", i + 1, scalac_type(p)?)))
                    .collect();
                let Some(shown) = shown else { return };
                let sig = format!(
                    "({}): {result} in trait Function{}",
                    shown.join(", "),
                    ps.len()
                );
                ("apply".to_string(), sig)
            }
        };
        self.diags.push(Diagnostic::error(
            list[ps.len()].span,
            "too_many_args",
            vec![what, list.len().to_string(), ps.len().to_string(), sig],
        ));
    }

    /// `check`, run with the lambda `f`'s one parameter bound to `p` (its body's names known).
    fn typed_body(&mut self, f: &Expr, p: &Ty, check: impl FnOnce(&mut Self)) {
        let ExprKind::Lambda { params, .. } = &f.kind else {
            return;
        };
        self.scopes.push(Vec::new());
        for q in params {
            self.bind_val(&q.name, p.clone());
        }
        check(self);
        self.scopes.pop();
    }

    /// `val v: List[Int] = xs.toSet`: `toSet[B >: A]` leaves `B` to the declared type, which no
    /// `Set[B]` is: scalac's "polymorphic expression cannot be instantiated to expected type"
    /// with the open type. Whether it was said.
    fn polymorphic_set(&mut self, want: &Ty, e: &Expr) -> bool {
        let ExprKind::Field { recv, name, .. } = &e.kind else {
            return false;
        };
        let other = match (want, class_of(want)) {
            (Ty::Opt(_), _) => true,
            (_, Some((w, _))) => !class_fits(w, Some(Collection::Set)),
            _ => false,
        };
        // `val s: Set[String] = xs.toSet` of `Int`s: `B` both above `Int` and `String`.
        let set_of = match want {
            Ty::Coll(Collection::Set, w) if definite(w) => Some((**w).clone()),
            _ => None,
        };
        if name != "toSet" || !(other || set_of.is_some()) {
            return false;
        }
        let before = self.diags.len();
        let r = self.expr(recv);
        self.diags.truncate(before);
        if class_of(&r).is_none() && !matches!(r, Ty::Str) {
            return false;
        }
        let elem_ty = r.elem();
        let Some(elem) = scalac_type(&elem_ty).filter(|_| definite(&elem_ty)) else {
            return false;
        };
        if let Some(w) = set_of {
            // The least type above both, of which the set is: scalac's note that `Set` is
            // invariant ("Note: Any >: String, but trait Set is invariant in type A").
            let plain = definite(&elem_ty) && definite(&w) && elem_ty != w;
            // Of tuples, part by part (`(String, AnyVal)`).
            fn lub(a: Ty, b: Ty) -> Ty {
                match (a, b) {
                    (Ty::Tuple(x), Ty::Tuple(y)) if x.len() == y.len() => {
                        Ty::Tuple(x.into_iter().zip(y).map(|(a, b)| lub(a, b)).collect())
                    }
                    (a, b) => option::lub(a, b),
                }
            }
            let lub = lub(elem_ty, w.clone());
            let (Some(lub), Some(w), true) = (scalac_type(&lub), scalac_type(&w), plain) else {
                return false;
            };
            let found = format!("scala.collection.immutable.Set[{lub}]");
            let message = vec![found, required(want.show()), lub, w];
            let at = self.point(e);
            (self.diags).push(Diagnostic::error(at, "invariant_set", message));
            return true;
        }
        let found = format!("[B >: {elem}]scala.collection.immutable.Set[B]");
        let at = self.point(e);
        let message = vec![found, required(want.show())];
        self.diags
            .push(Diagnostic::error(at, "polymorphic_mismatch", message));
        true
    }

    /// `val s: Set[Int] = List()`: an empty builder (or `Nil`, or `None`) of another class
    /// than the declared one. A `List()`, `Seq()` or `Vector()` is of `Nothing`s ("found
    /// List[Nothing], required Set[Int]"); a `Set()`, `Map()` or `Array()` stays polymorphic
    /// (scalac's "polymorphic expression cannot be instantiated to expected type", with no
    /// view of an `Array` to a `Seq` either). Whether it was said.
    fn empty_builder(&mut self, want: &Ty, e: &Expr) -> bool {
        use Collection as C;
        // The declared class: a collection's (`None` an `Array`'s), or an `Option`.
        let w = match (want, class_of(want)) {
            (Ty::Opt(_), _) => None,
            (_, Some((w, _))) => Some(w),
            _ => return false,
        };
        let poly = "polymorphic_mismatch";
        // What scalac finds, and the builder's class (`None` an `Array`'s; for `None`, of no
        // collection at all, `Some(None)`).
        let (kind, found, class) = match &e.kind {
            ExprKind::Ident(n) if self.lookup(n).is_none() => match (n.as_str(), w) {
                ("Nil", _) => (
                    "type_mismatch",
                    "collection.immutable.Nil.type",
                    Some(C::List),
                ),
                ("None", Some(_)) => ("type_mismatch", "None.type", None),
                _ => return false,
            },
            ExprKind::Apply { func, targs, args } if targs.is_empty() => {
                let (ExprKind::Ident(n), [list]) = (&func.kind, args.as_slice()) else {
                    return false;
                };
                if !list.is_empty() || self.lookup(n).is_some() {
                    return false;
                }
                match n.as_str() {
                    "List" => ("type_mismatch", "List[Nothing]", Some(C::List)),
                    "Seq" => ("type_mismatch", "Seq[Nothing]", Some(C::Seq)),
                    "Vector" => (
                        "type_mismatch",
                        "scala.collection.immutable.Vector[Nothing]",
                        Some(C::Vector),
                    ),
                    "Set" => (poly, "[A]scala.collection.immutable.Set[A]", Some(C::Set)),
                    "Map" => (
                        poly,
                        "[K]scala.collection.immutable.Map[K,Nothing]",
                        Some(C::ImmutableMap),
                    ),
                    "Array" => (poly, "[T]Array[T]", None),
                    _ => return false,
                }
            }
            _ => return false,
        };
        let fits = match (w, class) {
            _ if found == "None.type" => false,
            // An `Array()` only for an `Array` (no view of a polymorphic one to a `Seq`).
            (Some(w), None) => w.is_none(),
            (Some(w), g) => class_fits(w, g),
            (None, _) => false,
        };
        if fits {
            return false;
        }
        let at = self.point(e);
        let mut message = vec![found.to_string(), required(want.show())];
        // `Map()` for a `mutable.Map[K, V]`: both print as `Map`, so scalac says where each is
        // from, aligned ("Map             (in scala.collection.immutable)").
        if let Some(w) = message[1].strip_prefix("scala.collection.mutable.") {
            let short = found.rsplit('.').next().unwrap_or(found);
            let short = short
                .split(['[', ']'])
                .find(|p| p.len() > 1)
                .unwrap_or(short);
            if w.starts_with(short) {
                let width = w.len();
                message = vec![
                    format!("{short:<width$} (in scala.collection.immutable)"),
                    format!("{w} (in scala.collection.mutable)"),
                ];
            }
        }
        self.diags.push(Diagnostic::error(at, kind, message));
        true
    }

    /// `val v: List[Long] = xs.map(_.toString)`: scalac infers `map`'s result type from the
    /// declared collection (of `map`'s class or one it is), so the function's result is typed
    /// against the declared element ("found String, required Long" at `toString`), a tuple's
    /// parts each against theirs. Whether `e` was such a `map`.
    fn expect_mapped(&mut self, want: &Ty, e: &Expr, got: &Ty) -> bool {
        let ExprKind::MethodCall { name, args, .. } = &e.kind else {
            return false;
        };
        let ([list], "map") = (args.as_slice(), name.as_str()) else {
            return false;
        };
        let (Some((w, we)), Some((g, ge))) = (class_of(want), class_of(got)) else {
            return false;
        };
        if !(class_fits(w, g) && definite(&we) && definite(&ge) && we != ge) {
            return false;
        }
        let f = match list.as_slice() {
            [f] => f,
            _ => return false,
        };
        let f = match &f.kind {
            ExprKind::Block(stmts) => match stmts.as_slice() {
                [Stmt {
                    kind: StmtKind::Expr(f),
                    ..
                }] => f,
                _ => return false,
            },
            _ => f,
        };
        let body = match &f.kind {
            ExprKind::Lambda { body, .. } => &**body,
            ExprKind::CaseLambda(cases) if cases.len() == 1 => &cases[0].body,
            _ => return false,
        };
        match (&body.kind, &we, &ge) {
            (ExprKind::Tuple(parts), Ty::Tuple(ws), Ty::Tuple(gs))
                if parts.len() == ws.len() && parts.len() == gs.len() =>
            {
                for ((p, w), g) in parts.iter().zip(ws).zip(gs) {
                    self.expect(w, p, g);
                }
            }
            _ => self.expect(&we, body, &ge),
        }
        true
    }

    /// An element of `Map(...)` where a `Map[K, V]` is declared: a tuple's parts each against
    /// its type; of `k -> v` the key as it is (`ArrowAssoc` took it before), then the value
    /// against `V` (scalac infers `->`'s from it when the key fits): `Map(1 -> 2)` for a
    /// `Map[Long, Double]` is "found (Int, Int), required (Long, Double)" at the arrow.
    fn expect_pair(&mut self, k: &Ty, v: &Ty, a: &Expr) {
        let quiet = |c: &mut Self, e: &Expr| {
            let before = c.diags.len();
            let t = c.expr(e);
            c.diags.truncate(before);
            t
        };
        match &a.kind {
            ExprKind::Tuple(xs) if xs.len() == 2 => {
                let (tk, tv) = (quiet(self, &xs[0]), quiet(self, &xs[1]));
                self.expect(k, &xs[0], &tk);
                self.expect(v, &xs[1], &tv);
            }
            ExprKind::Binary {
                op: BinOp::Arrow,
                op_span,
                lhs,
                rhs,
            } => {
                let (tk, tv) = (quiet(self, lhs), quiet(self, rhs));
                if !(tk.is_plain() && k.is_plain() && tk != *k) {
                    return self.expect(v, rhs, &tv);
                }
                let found = scalac_type(&Ty::Tuple(vec![tk, tv]));
                let required = scalac_type(&Ty::Tuple(vec![k.clone(), v.clone()]));
                if let (Some(found), Some(required)) = (found, required) {
                    self.mismatch_at(*op_span, found, required);
                }
            }
            // `Map(kv)` of a `val kv = ("k", 2)`: a pair is no other pair.
            ExprKind::Ident(_) | ExprKind::Field { .. } => {
                let want = Ty::Tuple(vec![k.clone(), v.clone()]);
                let got = quiet(self, a);
                if definite(&want) && definite(&got) && got != want {
                    let at = self.point(a);
                    self.mismatch_at(at, got.show(), want.show());
                }
            }
            _ => {}
        }
    }

    /// The one parameter of `first`'s lambda when it is declared a value type other than
    /// `elem` (both plain values or tuples of them): where its `=>` is, and the declared type.
    fn declared_param_clash(&self, first: &[Expr], elem: &Ty) -> Option<(Span, Ty)> {
        let [f] = first else { return None };
        let ExprKind::Lambda { params, .. } = &f.kind else {
            return None;
        };
        let [p] = params.as_slice() else { return None };
        let decl = self.declared(p.ty.as_ref()?);
        let simple = |t: &Ty| match t {
            Ty::Tuple(ts) => ts.iter().all(Ty::is_plain),
            t => t.is_plain(),
        };
        (simple(&decl) && simple(elem) && decl != *elem).then(|| (self.arrow(f, params), decl))
    }

    /// `pairs.map((a: String) => a)`: a parameter declared another type than the element
    /// (scalac: "found String => String, required ((String, Int)) => ?"), said when every part
    /// is known (`t` the lambda's result). Whether it was.
    fn param_clash(&mut self, clash: Option<(Span, Ty)>, t: &Ty, elem: &Ty, name: &str) -> bool {
        let Some((at, decl)) = clash else {
            return false;
        };
        let (Some(d), Some(r), Some(e)) = (scalac_type(&decl), scalac_type(t), scalac_type(elem))
        else {
            return false;
        };
        // A tuple parameter in its own parentheses.
        let paren = |t: &Ty, s: String| match t {
            Ty::Tuple(_) => format!("({s})"),
            _ => s,
        };
        let (d, e) = (paren(&decl, d), paren(elem, e));
        let result = if name == "filter" { "Boolean" } else { "?" };
        self.diags.push(Diagnostic::error(
            at,
            "type_mismatch",
            vec![format!("{d} => {r}"), format!("{e} => {result}")],
        ));
        true
    }

    /// A lambda's `=>`, where scalac points at it (the tree keeps no span of it).
    fn arrow(&self, f: &Expr, params: &[Param]) -> Span {
        let ExprKind::Lambda { body, .. } = &f.kind else {
            return f.span;
        };
        let from = params.last().map_or(f.span.start, |p| p.span.end) as usize;
        let to = body.span.start as usize;
        match self.src.get(from..to).and_then(|t| t.rfind("=>")) {
            Some(i) => Span::new(from + i, from + i + 2),
            // A placeholder lambda (`_ + 1`) has none: scalac points at its body.
            None => self.point(body),
        }
    }

    /// Whether an error (not a warning) was reported since there were `before` diagnostics.
    fn errors_since(&self, before: usize) -> bool {
        (self.diags.get(before..).unwrap_or(&[]).iter())
            .any(|d| d.severity == super::diag::Severity::Error)
    }

    /// The `(` or `{` of the arguments after `at` (a call's name), where scalac points at a
    /// call; `at` itself when none follows.
    fn paren_after(&self, at: Span) -> Span {
        let from = at.end as usize;
        let rest = self.src.get(from..).unwrap_or("");
        let gap = rest.len() - rest.trim_start().len();
        match rest.trim_start().chars().next() {
            Some('(' | '{') => Span::new(from + gap, from + gap + 1),
            _ => at,
        }
    }

    /// Where scalac points at `e` in a message: an operator, a member's name, a call's
    /// parenthesis, a block's or a branch's result.
    fn point(&self, e: &Expr) -> Span {
        match &e.kind {
            ExprKind::Binary { op_span, .. } => *op_span,
            ExprKind::Field { name_span, .. } => *name_span,
            ExprKind::MethodCall { name_span, .. } => self.paren_after(*name_span),
            ExprKind::Apply { func, .. } => self.paren_after(func.span),
            ExprKind::Block(stmts) => match stmts.last().map(|s| &s.kind) {
                Some(StmtKind::Expr(x)) => self.point(x),
                _ => e.span,
            },
            ExprKind::If { then, .. } => self.point(then),
            ExprKind::Match { cases, .. } => cases.first().map_or(e.span, |c| self.point(&c.body)),
            // A lambda at its `=>`; `_._2`, which has none, where its body is.
            ExprKind::Lambda { params, .. } => self.arrow(e, params),
            _ => e.span,
        }
    }

    /// `value prnt is not a member of org.apache.spark.streaming.dstream.DStream[String]`, as
    /// scalac says it (with our nearest name, `hint`, on a line of its own as scalac puts its
    /// own); the short type too, for the Chinese.
    fn not_member(&mut self, span: Span, name: &str, recv: &Ty, hint: &str) {
        let full = match recv {
            Ty::NoneT => "object None".to_string(),
            // `v.foo` of a `val v: Map[String, Int]`: the type as it is written.
            Ty::Coll(..) | Ty::MapOf(..) if self.written_before(span) => required(recv.show()),
            _ => scalac_type(recv).unwrap_or_else(|| recv.show()),
        };
        let stream = matches!(recv, Ty::DStream(_) | Ty::Input(_) | Ty::Mapped(_));
        let private = match recv {
            _ if stream => DSTREAM_PRIVATE
                .iter()
                .find(|m| m.0 == name)
                .map(|m| (m.1, "DStream")),
            // `case class Time(private val millis: Long)`.
            Ty::Time if name == "millis" => Some(("value", "Time")),
            _ => None,
        };
        if let Some((word, class)) = private {
            // `private[streaming]` or `private`: there, but only Spark's own code reaches it.
            let from = self.object_name.map(|o| format!(" from object {o}"));
            self.diags.push(Diagnostic::error(
                span,
                "not_accessible",
                vec![
                    format!("{word} {name}"),
                    full,
                    from.unwrap_or_default(),
                    class.into(),
                ],
            ));
            return;
        }
        self.diags.push(Diagnostic::error(
            span,
            "unknown_method",
            vec![name.to_string(), full, hint.to_string(), recv.show()],
        ));
    }

    /// `Int.MAX_VALUE`, `Double.parseDouble(s)`: a member the number object (unshadowed) does
    /// not have, reported as scalac does (see [`NUMBER_OBJECTS`]); whether it was.
    fn number_object_member(&mut self, recv: &Expr, name: &str, span: Span) -> bool {
        let ExprKind::Ident(o) = &recv.kind else {
            return false;
        };
        let Some((_, members)) = NUMBER_OBJECTS.iter().find(|(n, _)| n == o) else {
            return false;
        };
        if members.contains(&name) || self.lookup(o).is_some() || self.defined_later(o) {
            return false;
        }
        let hint = suggest(name, members).unwrap_or("");
        self.diags.push(Diagnostic::error(
            span,
            "unknown_method",
            vec![name.into(), format!("object {o}"), hint.into(), o.clone()],
        ));
        true
    }

    /// The block that is the whole of argument list `list` when its `{` opens a line: a
    /// block scalac read as an argument of the expression on the line before.
    fn next_line_block<'e>(&self, list: Option<&'e Vec<Expr>>) -> Option<&'e Expr> {
        let [block] = list?.as_slice() else {
            return None;
        };
        if !matches!(block.kind, ExprKind::Block(_)) {
            return None;
        }
        let before = self.src.get(..block.span.start as usize)?;
        let line = &before[before.rfind('\n')? + 1..];
        let opens = self.src.as_bytes().get(block.span.start as usize) == Some(&b'{');
        (opens && line.trim().is_empty()).then_some(block)
    }

    /// Types `block` (an argument of what takes none): whether that reported an error, which
    /// is then scalac's only one (`recursive value xs needs type`).
    fn typed_quietly(&mut self, block: &Expr) -> bool {
        let before = self.diags.len();
        self.expr(block);
        self.diags.len() > before
    }

    /// scalac's `Unit does not take parameters`, at the block's `{`.
    fn no_params(&mut self, block: &Expr, shown: String) {
        let at = block.span.start as usize;
        self.diags.push(Diagnostic::error(
            Span::new(at, at + 1),
            "no_params",
            vec![shown],
        ));
    }

    /// `f"$x%.2f"`: scalac's checks of each format (its macro's words): the argument's type
    /// against its conversion, a conversion letter it knows, and a `%` other than `%%` and
    /// `%n` only right after an argument.
    fn f_interpolated(&mut self, parts: &[InterpPart], span: Span) {
        // Where in the source each text part starts: after `f"`, or after its argument (and
        // the `}` of a `${...}`).
        let mut at = span.start as usize + 2;
        let mut arg: Option<(Ty, Span)> = None;
        for p in parts {
            let text = match p {
                InterpPart::Expr(x) => {
                    arg = Some((self.expr(x), x.span));
                    let mut end = x.span.end as usize;
                    let braced = self
                        .src
                        .get(..x.span.start as usize)
                        .is_some_and(|b| b.ends_with('{'));
                    if braced {
                        let rest = self.src.get(end..).unwrap_or("");
                        end += rest.find('}').map_or(0, |k| k + 1);
                    }
                    at = end;
                    continue;
                }
                InterpPart::Text(t) => t,
            };
            let mut skip = 0;
            if let Some((ty, arg_span)) = arg.take() {
                if let Some(conv) = super::java_format::leading_conversion(text) {
                    if conv != 'n' && conv != '%' {
                        let k = text.find(conv).unwrap_or(0);
                        skip = k + 1;
                        if !"bBhHsScCdoxXeEfgGaAtT".contains(conv) {
                            let sp = Span::new(at + k, at + k + 1);
                            let args = vec![conv.to_string()];
                            self.diags
                                .push(Diagnostic::error(sp, "illegal_conversion", args));
                        } else if let Some(dot) =
                            text[..k].find('.').filter(|_| "doxXcC".contains(conv))
                        {
                            let sp = Span::new(at + dot, at + dot + 1);
                            self.diags
                                .push(Diagnostic::error(sp, "precision_not_allowed", vec![]));
                        } else if let Some(comma) =
                            text[..k].find(',').filter(|_| "oxX".contains(conv))
                        {
                            let sp = Span::new(at + comma, at + comma + 1);
                            self.diags
                                .push(Diagnostic::error(sp, "group_only_d", vec![]));
                        } else if let Some(want) = f_wants(conv, &ty) {
                            let sp = Span::new(arg_span.start as usize, arg_span.end as usize);
                            let args = vec![ty.show(), want.into()];
                            self.diags
                                .push(Diagnostic::error(sp, "type_mismatch", args));
                        }
                    }
                }
            }
            // Any other `%`: `%%` and `%n` stand alone; a conversion needs an argument.
            let bytes = text.as_bytes();
            let mut i = skip;
            while let Some(k) = text[i..].find('%').map(|k| k + i) {
                let sp = Span::new(at + k, at + k + 1);
                match super::java_format::leading_conversion(&text[k..]) {
                    Some('%' | 'n') => {}
                    Some(_) => {
                        self.diags
                            .push(Diagnostic::error(sp, "conversion_without_splice", vec![]));
                    }
                    None => {
                        self.diags
                            .push(Diagnostic::error(sp, "missing_conversion", vec![]));
                    }
                }
                i = k + 1 + usize::from(bytes.get(k + 1) == Some(&b'%'));
            }
            at += text.len();
        }
    }

    /// `new Random()` or the `Random` object: numbers Spark draws differently on every run.
    fn unseeded_random(&mut self, span: Span) {
        let seed = super::random_obj::UNSEEDED.to_string();
        self.diags
            .push(Diagnostic::warning(span, "unseeded_random", vec![seed]));
    }

    /// `System.currentTimeMillis()`, `System.nanoTime()`: the wall clock, which Spark reads
    /// differently on every run (the playground reads virtual time).
    fn wall_clock(&mut self, recv: &Expr, name: &str, span: Span) {
        if matches!(&recv.kind, ExprKind::Ident(m) if m == "System")
            && matches!(name, "currentTimeMillis" | "nanoTime")
            && self.lookup("System").is_none()
        {
            self.diags.push(Diagnostic::warning(
                span,
                "wall_clock",
                vec![format!("System.{name}()")],
            ));
        }
    }

    /// `"hello".toInt` on a literal that is no number: it can only throw, and what it throws
    /// is the JVM's exception, word for word.
    fn literal_conversion(&mut self, recv: &Expr, name: &str, span: Span) {
        if let ExprKind::Lit(Lit::Str(s)) = &recv.kind {
            if let Some(Err(x)) = parse_number(name, s) {
                let x = x.into_info();
                self.diags.push(Diagnostic::warning(
                    span,
                    "throws",
                    vec![x.class, x.message],
                ));
            }
        }
    }

    /// `recv.name(args)`: report an unknown member, walk the arguments (typing the lambdas'
    /// parameters from the receiver), and give the result's type; after an error in an
    /// argument, not known (scalac gives the call its error type, and says nothing more of
    /// what is asked of it: `Option(c).filter(_.nonEmpty).map(_.capitalize)` on a `Char` is one
    /// error).
    fn method(&mut self, recv: Ty, name: &str, span: Span, args: &[Vec<Expr>]) -> Ty {
        let errors = |c: &Checker| {
            c.diags
                .iter()
                .filter(|d| d.severity == super::diag::Severity::Error)
                .count()
        };
        if let [list] = args {
            // `xs.size()`, `o.get()`, `xs.sum()`: Java's empty parentheses.
            if list.is_empty() && self.empty_args(&recv, name, span) {
                return Ty::Unknown;
            }
        }
        let (before, kept) = (errors(self), self.kept);
        let t = self.member_call(recv, name, span, args);
        // Errors said since (some may have been taken back), beyond those that leave the
        // call typed.
        if errors(self).saturating_sub(before) > self.kept - kept {
            Ty::Unknown
        } else {
            t
        }
    }

    fn member_call(&mut self, recv: Ty, name: &str, span: Span, args: &[Vec<Expr>]) -> Ty {
        // `x.getClass.getSimpleName`: a `String` (`match` results of it join as strings).
        match (name, &recv, args) {
            ("getClass", _, []) => return Ty::Class,
            ("getSimpleName" | "getName" | "getCanonicalName" | "getTypeName", Ty::Class, _) => {
                self.exprs(args);
                return Ty::Str;
            }
            _ => {}
        }
        if let Ty::Case(c) | Ty::Companion(c) = &recv {
            return self.case_member(&recv, &c.clone(), name, span, args);
        }
        if let (Ty::Mapped(ts), "stateSnapshots") = (&recv, name) {
            self.exprs(args);
            return Ty::DStream(Box::new(Ty::Tuple(vec![ts[0].clone(), ts[2].clone()])));
        }
        if let Some((known, spark_only)) = recv.members() {
            // `s ++= t` on a `var s: String`: `s = s ++ t`, when `++` is a member (an
            // operator's the run checks).
            let assigned = name.strip_suffix('=').is_some_and(|op| {
                !op.is_empty()
                    && (known.contains(&op) || op.chars().all(|c| c.is_ascii_punctuation()))
            });
            // A pair stream's or RDD's own (`saveAsHadoopFiles`, `partitionBy`) is no member
            // of one of other elements.
            let pairs_only = pairs_only_spark(name);
            let not_pairs = match recv.elem() {
                Ty::Tuple(ts) => ts.len() != 2,
                Ty::Unknown => false,
                _ => true,
            };
            if !known.contains(&name) && !ANY_METHODS.contains(&name) && !assigned {
                if spark_only.contains(&name) && !(pairs_only && not_pairs) {
                    let class = recv.show();
                    let class = class.split('[').next().unwrap_or("");
                    self.diags.push(Diagnostic::error(
                        span,
                        "unsupported",
                        vec![format!("`{class}.{name}`")],
                    ));
                } else {
                    let hint = suggest(name, known).unwrap_or("");
                    self.not_member(span, name, &recv, hint);
                }
                self.exprs(args);
                return Ty::Unknown;
            }
        }
        if let Ty::Fn(ps, r) = &recv {
            // A function value's members: of one whose types are known, or the `? => ?` of
            // a placeholder expanded alone (`val w = lines.map(_, 1)`; scalac's second error).
            let expanded = ps.iter().chain([&**r]).all(|t| *t == Ty::Unknown);
            let known = ps.iter().chain([&**r]).all(Ty::is_plain);
            if (expanded || known) && !super::value_members::function_has(name) {
                self.not_member(span, name, &recv, "");
                self.exprs(args);
                return Ty::Unknown;
            }
        }
        let coll = match &recv {
            Ty::Coll(c, _) | Ty::MapOf(c, ..) => Some(*c),
            Ty::Range(_) => Some(Collection::Range),
            Ty::Iterable(_) => Some(Collection::Iterable),
            _ => None,
        };
        if let Some(c) = coll {
            // `xs.lenght`: scalac's words and its "did you mean length? or perhaps lengthIs?".
            // `xs ::= x` on a `var` is `xs = x :: xs`.
            let assigned = name
                .strip_suffix('=')
                .is_some_and(|op| !matches!(op, "" | "=" | "!" | "<" | ">") && c.has(op));
            if !c.has(name) && !assigned && !recv.show().contains('?') {
                let hint = scalac_suggest(name, &c.members()).unwrap_or_default();
                self.not_member(span, name, &recv, &hint);
                self.exprs(args);
                return Ty::Unknown;
            }
        }
        if super::value_members::has_member(&recv.show(), name) == Some(false) {
            // `lines.map(_.length).map(_.toUpperCase)`: not a member of `Int` in Scala at all.
            let names = super::value_members::members(&recv.show());
            let hint = suggest(name, &names).unwrap_or("");
            self.not_member(span, name, &recv, hint);
            self.exprs(args);
            return Ty::Unknown;
        }
        // As scalac names the receiver (`...dstream.ReceiverInputDStream[String]`).
        let full_name = scalac_type(&recv).unwrap_or_else(|| recv.show());
        // Past its members, the input stream is a `DStream` like any other.
        let recv = match recv {
            Ty::Input(t) => Ty::DStream(t),
            Ty::Mapped(ts) => Ty::DStream(Box::new(ts[3].clone())),
            r => r,
        };
        let elem = recv.elem();
        let stream = matches!(recv, Ty::DStream(_) | Ty::Rdd(_));
        let not_pairs = match &elem {
            Ty::Unknown => false,
            Ty::Tuple(ts) => ts.len() != 2,
            _ => true,
        };
        if stream && not_pairs && PAIR_METHODS.contains(&name) {
            self.diags.push(Diagnostic::error(
                span,
                "needs_pairs",
                vec![name.to_string(), recv.show(), full_name],
            ));
            self.exprs(args);
            return Ty::Unknown;
        }
        let first: &[Expr] = args.first().map(Vec::as_slice).unwrap_or(&[]);
        let pairs = match &recv {
            Ty::Array(e) | Ty::Iterable(e) | Ty::Coll(_, e) => Some((**e).clone()),
            Ty::MapOf(..) => Some(recv.elem()),
            _ => None,
        };
        if let (Some(e), "toMap", [a]) = (&pairs, name, first) {
            // `pairs.toMap("a")`: the argument is `toMap`'s implicit evidence, not a key.
            if let Some(elem) = scalac_type(e) {
                let found = match &a.kind {
                    ExprKind::Lit(l) => lit_shown(l),
                    _ => self.expr(a).show(),
                };
                self.diags.push(Diagnostic::error(
                    a.span,
                    "type_mismatch",
                    vec![found, format!("{elem} <:< (?, ?)")],
                ));
                return Ty::Unknown;
            }
        }
        if self.implicit_arg(&recv, name, args) {
            return Ty::Unknown;
        }
        // The DStream's `combineByKey` has no overload without a partitioner (the RDD's has).
        if matches!(recv, Ty::DStream(_)) && name == "combineByKey" && first.len() == 3 {
            self.diags.push(Diagnostic::error(
                span,
                "missing_arg",
                vec!["method combineByKey".into(), "partitioner".into()],
            ));
        }
        let rest = args.get(1..).unwrap_or(&[]);
        let needs_fn = stream && FUNCTION_FIRST.contains(&name);
        // The function argument of a one-function method, typed with `params`.
        let pair_elem = elem.clone();
        let with_fn = |c: &mut Checker, params: &[Ty]| -> Ty {
            let mut out = Ty::Unknown;
            for (i, a) in first.iter().enumerate() {
                let lambda = matches!(a.kind, ExprKind::Lambda { .. } | ExprKind::CaseLambda(_));
                if i == 0 && needs_fn && !lambda {
                    let t = c.expr(a);
                    if let Ty::Fn(ps, r) = &t {
                        // `lines.map(g)` of a function value `g`.
                        if ps.len() == params.len() {
                            out = (**r).clone();
                        }
                    }
                    if t.is_value() {
                        c.diags.push(Diagnostic::error(
                            a.span,
                            "type_mismatch",
                            vec![t.show(), "a function".into()],
                        ));
                    }
                } else if i == 0 {
                    out = c.func(a, params);
                } else if i == 5 && name == "reduceByKeyAndWindow" {
                    // `filterFunc`, of the pairs: `((K, V)) => Boolean`.
                    c.func(a, std::slice::from_ref(&pair_elem));
                } else {
                    c.func(a, params);
                }
            }
            c.exprs(rest);
            out
        };
        let (k, v) = elem.pair();
        match (&recv, name) {
            // Every value's, whatever else is known of it.
            (_, "toString") if args.len() <= 1 && first.is_empty() => Ty::Str,
            (Ty::Conf, _) => {
                with_fn(self, &[]);
                match name {
                    "setMaster" | "setAppName" | "set" => Ty::Conf,
                    _ => Ty::Unknown,
                }
            }
            (Ty::Ssc, _) => {
                with_fn(self, &[]);
                match name {
                    "socketTextStream" => Ty::Input(Box::new(Ty::Str)),
                    "sparkContext" => Ty::Sc,
                    "start" | "stop" | "awaitTermination" | "checkpoint" | "remember" => Ty::Unit,
                    "awaitTerminationOrTimeout" => Ty::Bool,
                    "queueStream" | "union" | "transform" => Ty::DStream(Box::new(Ty::Unknown)),
                    _ => Ty::Unknown,
                }
            }
            (Ty::Sc, "broadcast") => {
                let t = first.first().map(|a| self.expr(a)).unwrap_or(Ty::Unknown);
                self.exprs(rest);
                Ty::Broadcast(Box::new(t))
            }
            (Ty::Sc, "parallelize") if !first.is_empty() => {
                if self.array_for_seq(&first[0], first.len() == 1) {
                    self.exprs(args);
                    return Ty::Unknown;
                }
                // `parallelize(Seq(("a", 1)))`: an `RDD` of the collection's elements.
                let data = self.expr(&first[0]);
                for a in first[1..].iter().chain(rest.iter().flatten()) {
                    self.expr(a);
                }
                match data {
                    Ty::Coll(_, e) | Ty::Array(e) => Ty::Rdd(e),
                    _ => Ty::Rdd(Box::new(Ty::Unknown)),
                }
            }
            (Ty::Sc, _) => {
                with_fn(self, &[]);
                match name {
                    "parallelize" | "makeRDD" | "emptyRDD" | "union" => {
                        Ty::Rdd(Box::new(Ty::Unknown))
                    }
                    "range" => Ty::Rdd(Box::new(Ty::Long)),
                    "getConf" => Ty::Conf,
                    "isLocal" => Ty::Bool,
                    "defaultParallelism" | "defaultMinPartitions" => Ty::Int,
                    _ => Ty::Unknown,
                }
            }
            (Ty::DStream(_), "context") if args.is_empty() => Ty::Ssc,
            (Ty::Time, _) => self.time_member(name, args),
            (Ty::Broadcast(t), "value") => {
                with_fn(self, &[]);
                (**t).clone()
            }
            (Ty::State(t), "get") => {
                with_fn(self, &[]);
                (**t).clone()
            }
            (Ty::State(t), "getOption") => {
                with_fn(self, &[]);
                Ty::Opt(t.clone())
            }
            (Ty::State(t), "update") if args.len() == 1 && first.len() == 1 => {
                let got = self.expr(&first[0]);
                self.expect(t, &first[0], &got);
                Ty::Unit
            }
            (Ty::Spec(_), "timeout" | "numPartitions" | "partitioner" | "initialState") => {
                self.exprs(args);
                recv.clone()
            }
            (Ty::Opt(t) | Ty::Some(t), _) => self.option_method((**t).clone(), name, args),
            (Ty::NoneT, "getOrElse") => {
                let t = first.first().map_or(Ty::Unknown, |d| self.expr(d));
                self.exprs(rest);
                t
            }
            // `1 to 5`: a range of `Int`s (of `Long`s or `Char`s another class).
            (Ty::Int, "to" | "until") if first.len() == 1 && rest.is_empty() => {
                match self.expr(&first[0]) {
                    Ty::Int => Ty::Range(name == "to"),
                    _ => Ty::Unknown,
                }
            }
            (Ty::Coll(c, e), "zip") if first.len() == 1 && rest.is_empty() => {
                // `words.zip(counts)`: a collection of pairs of the receiver's class.
                match self.expr(&first[0]) {
                    Ty::Coll(_, f) | Ty::Array(f) => {
                        Ty::Coll(*c, Box::new(Ty::Tuple(vec![(**e).clone(), *f])))
                    }
                    _ => Ty::Unknown,
                }
            }
            (Ty::Range(_), _) if args.is_empty() => match name {
                "toList" => Ty::Coll(Collection::List, Box::new(Ty::Int)),
                "toSeq" => Ty::Coll(Collection::Seq, Box::new(Ty::Int)),
                "toVector" => Ty::Coll(Collection::Vector, Box::new(Ty::Int)),
                "sum" | "max" | "min" | "head" | "last" | "size" | "length" | "start" | "end"
                | "step" => Ty::Int,
                "isEmpty" | "nonEmpty" | "isInclusive" => Ty::Bool,
                // `Range` overrides them to keep a `Range`.
                "reverse" | "distinct" => Ty::Range(false),
                "headOption" | "lastOption" => Ty::Opt(Box::new(Ty::Int)),
                _ => Ty::Unknown,
            },
            (Ty::Range(_), _) if one_param(first) && COLLECTION_FNS.contains(&name) => {
                // What the lambda gives: a `Range`'s `map` is an `IndexedSeq`.
                let t = with_fn(self, &[Ty::Int]);
                match name {
                    "map" => Ty::Coll(Collection::IndexedSeq, Box::new(t)),
                    "exists" | "forall" => Ty::Bool,
                    "count" => Ty::Int,
                    "foreach" => Ty::Unit,
                    _ => Ty::Unknown,
                }
            }
            // `a max b` of numbers (`RichDouble`'s): the receiver's type, an argument widened
            // to it.
            (Ty::Int | Ty::Long | Ty::Double, "max" | "min")
                if first.len() == 1 && rest.is_empty() =>
            {
                let a = self.expr(&first[0]);
                match (&recv, &a) {
                    (x, y) if x == y => recv.clone(),
                    (Ty::Double, Ty::Int | Ty::Long | Ty::Char)
                    | (Ty::Long, Ty::Int | Ty::Char) => recv.clone(),
                    _ => Ty::Unknown,
                }
            }
            (Ty::Int | Ty::Long | Ty::Double | Ty::Char, _) if args.is_empty() => match name {
                "toInt" => Ty::Int,
                "toLong" => Ty::Long,
                "toDouble" => Ty::Double,
                "toChar" => Ty::Char,
                // `RichDouble`'s and `RichInt`'s (`RichLong`'s).
                "round" if recv == Ty::Double => Ty::Long,
                "floor" | "ceil" if recv == Ty::Double => Ty::Double,
                "round" | "abs" if recv != Ty::Char => recv.clone(),
                "isNaN" | "isInfinity" | "isWhole" if recv == Ty::Double => Ty::Bool,
                _ => Ty::Unknown,
            },
            (Ty::DStream(_) | Ty::Rdd(_), _) => {
                let wrap = |t: Ty| match recv {
                    Ty::Rdd(_) => Ty::Rdd(Box::new(t)),
                    _ => Ty::DStream(Box::new(t)),
                };
                match name {
                    "map" | "filter" => {
                        // `pairs.map((a: String) => a)`: a parameter declared another type
                        // than the element (scalac: "found String => String, required ((String,
                        // Int)) => ?"), when every part is known.
                        let clash = self.declared_param_clash(first, &elem);
                        let t = with_fn(self, std::slice::from_ref(&elem));
                        // `filter(x => x.length)`: the body is typed against `Boolean` first.
                        if let ("filter", [f], Some(body)) = (name, first, lambda_body(first)) {
                            let before = self.diags.len();
                            let p = clash.as_ref().map_or(elem.clone(), |c| c.1.clone());
                            self.typed_body(f, &p, |c| c.expect(&Ty::Bool, body, &t));
                            if self.diags.len() > before {
                                return Ty::Unknown;
                            }
                        }
                        if self.param_clash(clash, &t, &elem, name) {
                            return Ty::Unknown;
                        }
                        match name {
                            "map" => wrap(t),
                            _ => recv.clone(),
                        }
                    }
                    "flatMap" => {
                        let t = with_fn(self, std::slice::from_ref(&elem));
                        // `flatMap(x => x.length)`: a value where a collection is wanted.
                        if let (Some(body), true) = (lambda_body(first), t.is_plain()) {
                            if t != Ty::Str {
                                let at = self.point(body);
                                let message = vec![t.show(), "IterableOnce[?]".into()];
                                self.diags
                                    .push(Diagnostic::error(at, "type_mismatch", message));
                                return Ty::Unknown;
                            }
                        }
                        wrap(t.elem())
                    }
                    "mapValues" => {
                        let t = with_fn(self, std::slice::from_ref(&v));
                        wrap(Ty::Tuple(vec![k, t]))
                    }
                    "reduceByKey" | "reduceByKeyAndWindow" => {
                        with_fn(self, &[v.clone(), v]);
                        recv.clone()
                    }
                    "reduce" | "reduceByWindow" => {
                        with_fn(self, &[elem.clone(), elem.clone()]);
                        // An RDD's `reduce` is an action: the value itself.
                        match recv {
                            Ty::Rdd(_) => elem,
                            _ => recv.clone(),
                        }
                    }
                    "sortBy" => {
                        if let Ty::Case(c) = with_fn(self, std::slice::from_ref(&elem)) {
                            self.diags.push(Diagnostic::error(
                                span,
                                "no_ordering",
                                vec![c.name.clone()],
                            ));
                        }
                        recv.clone()
                    }
                    "sortByKey" if matches!(k, Ty::Case(_)) => {
                        // Only keys with an `Ordering` get `OrderedRDDFunctions`.
                        self.not_member(span, name, &recv, "");
                        with_fn(self, &[]);
                        recv.clone()
                    }
                    "keyBy" => {
                        let t = with_fn(self, std::slice::from_ref(&elem));
                        wrap(Ty::Tuple(vec![t, elem]))
                    }
                    "keys" => {
                        with_fn(self, &[]);
                        wrap(k)
                    }
                    "values" => {
                        with_fn(self, &[]);
                        wrap(v)
                    }
                    "sortByKey" | "distinct" | "subtract" | "subtractByKey" | "intersection"
                    | "coalesce" => {
                        with_fn(self, &[]);
                        recv.clone()
                    }
                    "window" | "repartition" | "cache" | "persist" | "checkpoint" | "union" => {
                        with_fn(self, &[]);
                        recv.clone()
                    }
                    "count" | "countByWindow" => {
                        with_fn(self, &[]);
                        match recv {
                            Ty::Rdd(_) => Ty::Long,
                            _ => wrap(Ty::Long),
                        }
                    }
                    "countByValue" | "countByValueAndWindow" => {
                        with_fn(self, &[]);
                        // An RDD's `countByValue` is an action: a `Map[T, Long]`.
                        match recv {
                            Ty::Rdd(_) => {
                                Ty::MapOf(Collection::Map, Box::new(elem), Box::new(Ty::Long))
                            }
                            _ => wrap(Ty::Tuple(vec![elem, Ty::Long])),
                        }
                    }
                    // Actions giving a `scala.collection.Map` (of pairs' parts).
                    "collectAsMap" | "countByKey" if matches!(recv, Ty::Rdd(_)) => {
                        with_fn(self, &[]);
                        let v = if name == "countByKey" { Ty::Long } else { v };
                        Ty::MapOf(Collection::Map, Box::new(k), Box::new(v))
                    }
                    "mapWithState" if matches!(recv, Ty::DStream(_)) => {
                        self.map_with_state(args, &k, &v)
                    }
                    "groupByKey" | "groupByKeyAndWindow" => {
                        with_fn(self, &[]);
                        wrap(Ty::Tuple(vec![k, Ty::Iterable(Box::new(v))]))
                    }
                    "updateStateByKey" => {
                        // The function's result is checked with Spark's signature
                        // (`check/call/update_func.rs`).
                        let values = Ty::Coll(Collection::Seq, Box::new(v));
                        let t = with_fn(self, &[values, Ty::Unknown]);
                        let state = match t {
                            Ty::Opt(s) | Ty::Some(s) => *s,
                            _ => Ty::Unknown,
                        };
                        wrap(Ty::Tuple(vec![k, state]))
                    }
                    "transform" => {
                        let t = with_fn(self, &[Ty::Rdd(Box::new(elem)), Ty::Time]);
                        match t {
                            Ty::Rdd(x) => Ty::DStream(x),
                            _ => Ty::DStream(Box::new(Ty::Unknown)),
                        }
                    }
                    "foreachRDD" => {
                        with_fn(self, &[Ty::Rdd(Box::new(elem)), Ty::Time]);
                        Ty::Unit
                    }
                    // A partition is an `Iterator` of the elements.
                    "foreachPartition" => {
                        with_fn(self, &[Ty::Coll(Collection::Iterator, Box::new(elem))]);
                        Ty::Unit
                    }
                    "mapPartitions" => {
                        match with_fn(self, &[Ty::Coll(Collection::Iterator, Box::new(elem))]) {
                            Ty::Coll(Collection::Iterator, t) => wrap(*t),
                            _ => Ty::Unknown,
                        }
                    }
                    "foreach" => {
                        with_fn(self, &[elem]);
                        Ty::Unit
                    }
                    "print" => {
                        with_fn(self, &[]);
                        Ty::Unit
                    }
                    "collect" if !first.is_empty() => {
                        // `collect { case ... }`: a transformation.
                        let t = with_fn(self, &[elem]);
                        wrap(t)
                    }
                    "collect" => {
                        with_fn(self, &[]);
                        Ty::Array(Box::new(elem))
                    }
                    "take" | "top" | "takeOrdered" => {
                        with_fn(self, &[]);
                        Ty::Array(Box::new(elem))
                    }
                    "max" | "min" if matches!(recv, Ty::Rdd(_)) => {
                        with_fn(self, &[]);
                        elem
                    }
                    "first" => {
                        with_fn(self, &[]);
                        elem
                    }
                    "isEmpty" => {
                        with_fn(self, &[]);
                        Ty::Bool
                    }
                    _ => {
                        with_fn(self, &[]);
                        Ty::Unknown
                    }
                }
            }
            // `StringOps.map`: a `String` of `Char`s, else an `IndexedSeq[B]`.
            (Ty::Str, "map") if one_param(first) && rest.is_empty() => {
                // `"cab".map((x: Int) => x)`: "found Int => Int, required Char => ?".
                let clash = self.declared_param_clash(first, &Ty::Char);
                let t = with_fn(self, &[Ty::Char]);
                if self.param_clash(clash, &t, &Ty::Char, name) {
                    return Ty::Unknown;
                }
                match t {
                    Ty::Char => Ty::Str,
                    t if t.is_plain() || matches!(t, Ty::Tuple(_)) => {
                        Ty::Coll(Collection::IndexedSeq, Box::new(t))
                    }
                    _ => Ty::Unknown,
                }
            }
            (Ty::Str, _) => {
                with_fn(self, &[Ty::Char]);
                match name {
                    "split" => Ty::Array(Box::new(Ty::Str)),
                    "toList" => Ty::Coll(Collection::List, Box::new(Ty::Char)),
                    "toInt" | "length" | "size" | "indexOf" | "lastIndexOf" | "count"
                    | "indexWhere" | "compareTo" | "hashCode" => Ty::Int,
                    "toLong" => Ty::Long,
                    "toDouble" => Ty::Double,
                    // `StringOps`' and `String`'s own: a `String` in, a `String` out.
                    "trim" | "toUpperCase" | "toLowerCase" | "substring" | "replace"
                    | "replaceAll" | "replaceFirst" | "concat" | "format" | "toString"
                    | "filter" | "filterNot" | "take" | "drop" | "takeRight" | "dropRight"
                    | "takeWhile" | "dropWhile" | "slice" | "reverse" | "distinct" | "sorted"
                    | "capitalize" | "stripPrefix" | "stripSuffix" | "strip" | "stripLeading"
                    | "stripTrailing" | "repeat" | "mkString" => Ty::Str,
                    "head" | "last" if args.is_empty() => Ty::Char,
                    "charAt" => Ty::Char,
                    "headOption" | "lastOption" => Ty::Opt(Box::new(Ty::Char)),
                    "toCharArray" => Ty::Array(Box::new(Ty::Char)),
                    "isEmpty" | "nonEmpty" | "contains" | "startsWith" | "endsWith" | "exists"
                    | "forall" | "matches" | "equalsIgnoreCase" | "equals" | "isBlank" => Ty::Bool,
                    _ => Ty::Unknown,
                }
            }
            // `xs.iterator`; an iterator's own `hasNext` and `next()`.
            (Ty::Array(e) | Ty::Iterable(e) | Ty::Coll(_, e), "iterator") if first.is_empty() => {
                Ty::Coll(Collection::Iterator, e.clone())
            }
            (Ty::Coll(Collection::Iterator, _), "hasNext") if args.is_empty() => Ty::Bool,
            (Ty::Coll(Collection::Iterator, e), "next") if first.is_empty() => (**e).clone(),
            (Ty::Array(e) | Ty::Iterable(e) | Ty::Coll(_, e), "toList" | "toSeq" | "toVector")
                if args.is_empty() =>
            {
                let c = match name {
                    "toList" => Collection::List,
                    "toSeq" => Collection::Seq,
                    _ => Collection::Vector,
                };
                Ty::Coll(c, e.clone())
            }
            (Ty::Array(e) | Ty::Coll(_, e), "toMap") if args.is_empty() => match &**e {
                Ty::Tuple(kv) if kv.len() == 2 => Ty::MapOf(
                    Collection::ImmutableMap,
                    Box::new(kv[0].clone()),
                    Box::new(kv[1].clone()),
                ),
                _ => Ty::Unknown,
            },
            (Ty::Array(e), "head" | "last") if args.is_empty() => (**e).clone(),
            (Ty::Array(e), "headOption" | "lastOption") if args.is_empty() => Ty::Opt(e.clone()),
            (Ty::MapOf(..), "head" | "last") if args.is_empty() => recv.elem(),
            (Ty::MapOf(..), "headOption" | "lastOption") if args.is_empty() => {
                Ty::Opt(Box::new(recv.elem()))
            }
            (Ty::MapOf(_, k, v), "getOrElse") if args.len() == 1 && first.len() == 2 => {
                // `getOrElse[V1 >: V](key: K, default: => V1)`: as an `Option`'s (`expect`
                // types the default against what the call wants).
                let key = self.expr(&first[0]);
                let before = self.diags.len();
                self.expect(k, &first[0], &key);
                let u = self.expr(&first[1]);
                if self.diags.len() > before {
                    // The call failed: it has no type, but its default is still typed against
                    // what the call wants (`expect`), with no value type to widen.
                    (self.or_else).push((first[1].span, Ty::Unknown, u));
                    return Ty::Unknown;
                }
                (self.or_else).push((first[1].span, (**v).clone(), u.clone()));
                match **v {
                    Ty::Unknown => Ty::Unknown,
                    _ => option::lub((**v).clone(), u),
                }
            }
            (Ty::MapOf(c, k, v), "map" | "filter" | "filterNot")
                if args.len() == 1 && one_param(first) =>
            {
                // `m.map { case (a, b) => (a, b + 1) }`: a map again when it gives pairs.
                let pair = Ty::Tuple(vec![(**k).clone(), (**v).clone()]);
                match (name, with_fn(self, std::slice::from_ref(&pair))) {
                    ("map", Ty::Tuple(kv)) if kv.len() == 2 => {
                        Ty::MapOf(*c, Box::new(kv[0].clone()), Box::new(kv[1].clone()))
                    }
                    ("map", _) => Ty::Unknown,
                    _ => recv.clone(),
                }
            }
            (Ty::MapOf(c, k, v), _) if args.is_empty() => match name {
                "keys" => Ty::Coll(Collection::Iterable, k.clone()),
                "values" => Ty::Coll(Collection::Iterable, v.clone()),
                "keySet" if *c == Collection::ImmutableMap => Ty::Coll(Collection::Set, k.clone()),
                "toList" | "toSeq" => {
                    let c = match name {
                        "toList" => Collection::List,
                        _ => Collection::Seq,
                    };
                    Ty::Coll(c, Box::new(recv.elem()))
                }
                "size" => Ty::Int,
                "isEmpty" | "nonEmpty" => Ty::Bool,
                _ => Ty::Unknown,
            },
            (Ty::Coll(_, e) | Ty::Array(e), _)
                if one_param(first) && COLLECTION_FNS.contains(&name) =>
            {
                let clash = match (&recv, name) {
                    (Ty::Coll(..), "map" | "filter") => self.declared_param_clash(first, e),
                    _ => None,
                };
                let t = with_fn(self, std::slice::from_ref(e));
                if self.param_clash(clash, &t, e, name) {
                    return Ty::Unknown;
                }
                match name {
                    "map" => match &recv {
                        Ty::Coll(c, _) => Ty::Coll(*c, Box::new(t)),
                        _ => Ty::Array(Box::new(t)),
                    },
                    "groupBy" => Ty::MapOf(
                        Collection::ImmutableMap,
                        Box::new(t),
                        Box::new(recv.clone()),
                    ),
                    "exists" | "forall" => Ty::Bool,
                    "count" => Ty::Int,
                    "foreach" => Ty::Unit,
                    _ => recv.clone(),
                }
            }
            (Ty::Array(_), "sorted" | "reverse" | "distinct" | "tail" | "init")
                if args.is_empty() =>
            {
                recv.clone()
            }
            (Ty::Iterable(e) | Ty::Array(e) | Ty::Coll(_, e), "sum")
                if args.is_empty()
                    && matches!(**e, Ty::Str | Ty::Bool | Ty::Tuple(_) | Ty::Opt(_))
                    && scalac_type(e).is_some() =>
            {
                // `vs.sum` of words: no `Numeric` for them.
                let shown = scalac_type(e).unwrap_or_default();
                self.diags
                    .push(Diagnostic::error(span, "no_numeric", vec![shown]));
                Ty::Unknown
            }
            (Ty::Coll(c, e), _) if args.is_empty() => match name {
                "sorted" | "reverse" | "distinct" | "tail" | "init" => recv.clone(),
                "head" | "last" => (**e).clone(),
                "headOption" | "lastOption" => Ty::Opt(e.clone()),
                "zipWithIndex" => Ty::Coll(*c, Box::new(Ty::Tuple(vec![(**e).clone(), Ty::Int]))),
                "flatten" => match &**e {
                    Ty::Coll(_, x) | Ty::Array(x) => Ty::Coll(*c, x.clone()),
                    _ => Ty::Unknown,
                },
                "size" | "length" => Ty::Int,
                "isEmpty" | "nonEmpty" => Ty::Bool,
                "mkString" => Ty::Str,
                "sum" | "max" | "min" if matches!(**e, Ty::Int | Ty::Long | Ty::Double) => {
                    (**e).clone()
                }
                _ => Ty::Unknown,
            },
            (Ty::Coll(..), "take" | "drop" | "takeRight" | "dropRight") => {
                self.exprs(args);
                recv.clone()
            }
            (Ty::Coll(..), "mkString") => {
                self.exprs(args);
                Ty::Str
            }
            (Ty::Iterable(_) | Ty::Array(_), "size" | "length") if args.is_empty() => Ty::Int,
            (Ty::Iterable(_) | Ty::Array(_), "isEmpty" | "nonEmpty") if args.is_empty() => Ty::Bool,
            (Ty::Iterable(e) | Ty::Array(e), "sum")
                if args.is_empty() && matches!(**e, Ty::Int | Ty::Long | Ty::Double) =>
            {
                // `values.sum` of an `updateStateByKey` function's `Seq[Int]`.
                (**e).clone()
            }
            (Ty::Tuple(ts), _) if args.is_empty() => name
                .strip_prefix('_')
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| ts.get(i.wrapping_sub(1)).cloned())
                .unwrap_or(Ty::Unknown),
            _ => {
                // `rdd.collect().foreach((w, n) => ...)`: a lambda of the pair's parts where
                // a function of the pair is expected.
                if let (Ty::Iterable(e) | Ty::Array(e) | Ty::Coll(_, e), true, [a]) =
                    (&recv, FUNCTION1_METHODS.contains(&name), args)
                {
                    if let (Ty::Tuple(ts), [f]) = (&**e, a.as_slice()) {
                        if let ExprKind::Lambda { params, .. } = &f.kind {
                            let before = self.diags.len();
                            self.untupled(params, ts.len());
                            // Then the lambda against the function type: its result is a
                            // `Boolean` for a predicate, else left to infer.
                            if let (true, Some(pair)) = (self.diags.len() > before, scalac_type(e))
                            {
                                let result = match name {
                                    "filter" | "filterNot" | "exists" | "forall" | "count"
                                    | "find" | "partition" | "takeWhile" | "dropWhile" => "Boolean",
                                    _ => "?",
                                };
                                let found = format!("({}) => ?", vec!["?"; ts.len()].join(", "));
                                let at = self.arrow(f, params);
                                self.diags.push(Diagnostic::error(
                                    at,
                                    "type_mismatch",
                                    vec![found, format!("({pair}) => {result}")],
                                ));
                            }
                        }
                    }
                }
                with_fn(self, &[]);
                Ty::Unknown
            }
        }
    }
}

/// A collection's methods whose one argument is a function of one element.
/// A typed collection's methods of one function of an element, which type the result
/// (`map`, `filter`, `groupBy`) or check the function only.
const COLLECTION_FNS: &[&str] = &[
    "map",
    "filter",
    "filterNot",
    "takeWhile",
    "dropWhile",
    "sortBy",
    "groupBy",
    "exists",
    "forall",
    "count",
    "foreach",
];

/// Whether a call's arguments are one function of one parameter (`_.length`, `w => ...`,
/// `{ case ... }`).
fn one_param(first: &[Expr]) -> bool {
    match first {
        [f] => match &f.kind {
            ExprKind::Lambda { params, .. } => params.len() == 1,
            ExprKind::CaseLambda(_) => true,
            _ => false,
        },
        _ => false,
    }
}

const FUNCTION1_METHODS: &[&str] = &[
    "foreach",
    "map",
    "flatMap",
    "filter",
    "filterNot",
    "exists",
    "forall",
    "count",
    "find",
    "sortBy",
    "groupBy",
    "partition",
    "takeWhile",
    "dropWhile",
    "maxBy",
    "minBy",
];

/// The overloads of `object.name` of `n` numbers (Scala's `math`, Java's `Math`) as scalac
/// lists them, for `max`, `min`, `abs`, `signum` and `round`.
fn math_overloads(object: &str, name: &str, n: usize) -> Option<String> {
    let scala = object == "math";
    let names = match scala {
        true => ["x", "y"],
        false => ["x$1", "x$2"],
    };
    let alts: &[(&str, &str)] = match (name, n, scala) {
        ("max" | "min", 2, _) | ("abs", 1, _) | ("signum", 1, true) => &[
            ("Double", "Double"),
            ("Float", "Float"),
            ("Long", "Long"),
            ("Int", "Int"),
        ],
        ("round", 1, true) => &[("Double", "Long"), ("Float", "Int"), ("Long", "Long")],
        _ => return None,
    };
    let shown: Vec<String> = (alts.iter())
        .map(|(t, r)| {
            let ps: Vec<String> = names[..n].iter().map(|p| format!("{p}: {t}")).collect();
            format!("  ({}){r}", ps.join(","))
        })
        .collect();
    Some(shown.join(" <and>\n"))
}

/// The map a builder makes: `Map(...)`, `mutable.Map(...)`, `TreeMap(...)`,
/// `mutable.TreeMap(...)`.
fn map_class(builder: &str) -> Option<Collection> {
    Some(match builder {
        "Map" => Collection::ImmutableMap,
        "mutable.Map" => Collection::MutableMap,
        "TreeMap" => Collection::TreeMap,
        "mutable.TreeMap" => Collection::MutableTreeMap,
        _ => return None,
    })
}

/// Whether `math.name` (Scala's `math`, Java's `Math`) has one signature, of `Double`s.
fn math_of_doubles(name: &str) -> bool {
    matches!(
        name,
        "sqrt"
            | "cbrt"
            | "pow"
            | "exp"
            | "log"
            | "log10"
            | "sin"
            | "cos"
            | "tan"
            | "atan"
            | "atan2"
            | "hypot"
            | "ceil"
            | "floor"
            | "rint"
            | "toRadians"
            | "toDegrees"
    )
}

/// What `math.name(args)` (Scala's `math`, Java's `Math`) gives, from its arguments' types:
/// a `Double` from the functions of real numbers, the widest argument's type from `abs`,
/// `max` and `min`, a `Long` from `round` of a `Double`.
fn math_result(name: &str, args: &[Ty]) -> Ty {
    let rank = |t: &Ty| match t {
        Ty::Int | Ty::Char => Some(0),
        Ty::Long => Some(1),
        Ty::Double => Some(2),
        _ => None,
    };
    let widest = || {
        let ranks: Option<Vec<u8>> = args.iter().map(rank).collect();
        match ranks?.into_iter().max()? {
            0 => Some(Ty::Int),
            1 => Some(Ty::Long),
            _ => Some(Ty::Double),
        }
    };
    match name {
        _ if math_of_doubles(name) || name == "random" => Ty::Double,
        "abs" | "max" | "min" => widest().unwrap_or(Ty::Unknown),
        "round" if args == [Ty::Double] => Ty::Long,
        _ => Ty::Unknown,
    }
}

/// `t` as scalac prints it in a signature (`org.apache.spark.streaming.dstream.DStream[...]`),
/// or `None` when the checker does not know all of it.
fn scalac_type(t: &Ty) -> Option<String> {
    let list = |ts: &[Ty]| ts.iter().map(scalac_type).collect::<Option<Vec<_>>>();
    Some(match t {
        Ty::DStream(e) => format!(
            "org.apache.spark.streaming.dstream.DStream[{}]",
            scalac_type(e)?
        ),
        Ty::Input(e) => format!(
            "org.apache.spark.streaming.dstream.ReceiverInputDStream[{}]",
            scalac_type(e)?
        ),
        Ty::Rdd(e) => format!("org.apache.spark.rdd.RDD[{}]", scalac_type(e)?),
        Ty::Tuple(ts) => format!("({})", list(ts)?.join(", ")),
        Ty::Array(e) => format!("Array[{}]", scalac_type(e)?),
        Ty::Iterable(e) => format!("Iterable[{}]", scalac_type(e)?),
        Ty::Opt(e) => format!("Option[{}]", scalac_type(e)?),
        Ty::Fn(ps, r) => {
            let ps: Option<Vec<String>> = ps.iter().map(scalac_type).collect();
            super::signatures::show_function(&ps?, &scalac_type(r)?)
        }
        Ty::Time => "org.apache.spark.streaming.Time".into(),
        // scalac prints several type arguments of a class without spaces.
        Ty::Spec(ts) => format!(
            "org.apache.spark.streaming.StateSpec[{}]",
            list(&ts[..])?.join(",")
        ),
        Ty::Mapped(ts) => format!(
            "org.apache.spark.streaming.dstream.MapWithStateDStream[{}]",
            list(&ts[..])?.join(",")
        ),
        Ty::Some(e) => format!("Some[{}]", scalac_type(e)?),
        Ty::State(e) => format!("org.apache.spark.streaming.State[{}]", scalac_type(e)?),
        Ty::Broadcast(e) => format!("org.apache.spark.broadcast.Broadcast[{}]", scalac_type(e)?),
        // Not named in signatures' messages: they are not compared with Spark's parameters.
        Ty::Unknown | Ty::Companion(_) | Ty::Coll(..) | Ty::MapOf(..) => return None,
        Ty::Conf => "org.apache.spark.SparkConf".into(),
        Ty::Sc => "org.apache.spark.SparkContext".into(),
        Ty::Ssc => "org.apache.spark.streaming.StreamingContext".into(),
        other => other.show(),
    })
}

/// A declared type as scalac prints it in a function's type: `Seq[Int]`, `Option[(Int,
/// Int)]`; `None` for what this does not print.
pub(super) fn written(t: &TypeRef) -> Option<String> {
    match t {
        TypeRef::Named { name, args, .. } => {
            let short = name.rsplit('.').next().unwrap_or(name);
            if args.is_empty() {
                return scalac_type(&declared(t)).or_else(|| {
                    matches!(short, "Any" | "AnyVal" | "AnyRef").then(|| short.to_string())
                });
            }
            let inner: Vec<String> = args.iter().map(written).collect::<Option<_>>()?;
            let generic = matches!(
                short,
                "Seq"
                    | "List"
                    | "Iterable"
                    | "Vector"
                    | "Array"
                    | "IndexedSeq"
                    | "Set"
                    | "Option"
                    | "Some"
                    | "ArrayBuffer"
                    | "LazyList"
            );
            match generic {
                true => Some(format!("{short}[{}]", inner.join(", "))),
                false => scalac_type(&declared(t)),
            }
        }
        TypeRef::Tuple(ts, _) => {
            let inner: Vec<String> = ts.iter().map(written).collect::<Option<_>>()?;
            Some(format!("({})", inner.join(", ")))
        }
        TypeRef::Function(..) => None,
    }
}

/// Whether `e` makes a `Duration`: `Seconds(2)`, `Milliseconds(500)`.
fn is_duration(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Apply { func, .. }
        if matches!(&func.kind, ExprKind::Ident(d) if DURATIONS.contains(&d.as_str())))
}

/// A literal's type as scalac shows it in a type mismatch: `Int(30)`, `String("5")`.
/// What an `f""` conversion takes when `t` is not it, in scalac's words (`%d` of a `Double`:
/// "required Int, Long, Byte, Short, BigInt"); `None` when `t` will do (an `Int` for `%f`
/// is widened) or is not known.
fn f_wants(conv: char, t: &Ty) -> Option<&'static str> {
    let known = matches!(
        t,
        Ty::Str | Ty::Bool | Ty::Double | Ty::Long | Ty::Int | Ty::Char
    );
    let (ok, want): (&[Ty], &str) = match conv.to_ascii_lowercase() {
        'd' | 'o' | 'x' => (
            &[Ty::Int, Ty::Long, Ty::Char],
            "Int, Long, Byte, Short, BigInt",
        ),
        'e' | 'f' | 'g' => (
            &[Ty::Int, Ty::Long, Ty::Char, Ty::Double],
            "Double, Float, BigDecimal",
        ),
        'c' => (&[Ty::Char, Ty::Int], "Char, Byte, Short, Int"),
        _ => return None,
    };
    (known && !ok.contains(t)).then_some(want)
}

/// How scalac names a type that takes no parameters (`Unit does not take parameters`), when
/// `t` is one.
fn no_params_type(t: &Ty) -> Option<String> {
    match t {
        Ty::Unit | Ty::Int | Ty::Long | Ty::Double | Ty::Bool | Ty::Char => Some(t.show()),
        Ty::DStream(_) | Ty::Input(_) | Ty::Rdd(_) => scalac_type(t),
        _ => None,
    }
}

/// A constant scalac folds: literals joined by `+`, `-`, `*` (numbers of one type, or
/// `Int`s with a `Long`) or `+` of two strings; comparisons of numbers. `"a" + "b"` where an
/// `Int` is declared is "found String("ab")".
fn folded(e: &Expr) -> Option<Lit> {
    let ExprKind::Binary { op, lhs, rhs, .. } = &e.kind else {
        return match &e.kind {
            ExprKind::Lit(l) => Some(l.clone()),
            _ => None,
        };
    };
    use BinOp as B;
    let (a, b) = (folded(lhs)?, folded(rhs)?);
    let long = |l: &Lit| match l {
        Lit::Int(n) => Some(i64::from(*n)),
        Lit::Long(n) => Some(*n),
        _ => None,
    };
    Some(match (op, &a, &b) {
        (B::Add, Lit::Str(x), Lit::Str(y)) => Lit::Str(format!("{x}{y}").into()),
        (B::Add | B::Sub | B::Mul, Lit::Int(x), Lit::Int(y)) => Lit::Int(match op {
            B::Add => x.wrapping_add(*y),
            B::Sub => x.wrapping_sub(*y),
            _ => x.wrapping_mul(*y),
        }),
        (B::Add | B::Sub | B::Mul, Lit::Int(_) | Lit::Long(_), Lit::Int(_) | Lit::Long(_)) => {
            let (x, y) = (long(&a)?, long(&b)?);
            Lit::Long(match op {
                B::Add => x.wrapping_add(y),
                B::Sub => x.wrapping_sub(y),
                _ => x.wrapping_mul(y),
            })
        }
        (B::Lt | B::Le | B::Gt | B::Ge, _, _) => {
            let (x, y) = (long(&a)?, long(&b)?);
            Lit::Bool(match op {
                B::Lt => x < y,
                B::Le => x <= y,
                B::Gt => x > y,
                _ => x >= y,
            })
        }
        _ => return None,
    })
}

fn lit_shown(l: &Lit) -> String {
    match l {
        Lit::Int(n) => format!("Int({n})"),
        Lit::Long(n) => format!("Long({n}L)"),
        Lit::Double(d) => format!("Double({d:?})"),
        Lit::Str(s) => format!("String({s:?})"),
        Lit::Char(c) => format!("Char({c:?})"),
        Lit::Bool(b) => format!("Boolean({b})"),
        Lit::Unit => "Unit".into(),
        Lit::Null => "Null(null)".into(),
    }
}

/// How scalac names `class`'s concrete member `name` that a case class's field would
/// override: `val kind: String (defined in class Shape)` for a `val` parameter; the member's
/// kind and name for one of its body (whose class may be a trait).
fn concrete_member(c: &super::ast::ClassDef, name: &str) -> Option<String> {
    let param = c.params.iter().enumerate().find(|(_, p)| p.name == name);
    if let Some((i, p)) = param {
        let kw = match (c.mutable.get(i), c.public.get(i)) {
            (Some(true), _) => "var",
            (_, Some(true)) => "val",
            _ => return None,
        };
        return Some(match &p.ty {
            Some(t) => format!(
                "{kw} {name}: {} (defined in class {})",
                super::printer::print_type(t),
                c.name
            ),
            None => format!("{kw} {name}"),
        });
    }
    c.body.iter().find_map(|m| match &m.kind {
        StmtKind::Def { name: n, body, .. }
            if n == name && !matches!(body.kind, ExprKind::Error) =>
        {
            Some(format!("def {name}"))
        }
        StmtKind::Val {
            pat: Pattern::Bind(n, _),
            mutable,
            ..
        } if n == name => Some(format!("{} {name}", if *mutable { "var" } else { "val" })),
        _ => None,
    })
}

/// The names a class's body defines: its `def`s and its `val`s and `var`s.
fn members(c: &super::ast::ClassDef) -> impl Iterator<Item = &str> {
    c.body.iter().filter_map(|m| match &m.kind {
        StmtKind::Def { name, .. }
        | StmtKind::Val {
            pat: Pattern::Bind(name, _),
            ..
        } => Some(name.as_str()),
        _ => None,
    })
}
