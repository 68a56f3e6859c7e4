//! Spark's classes as the program sees them: `SparkConf`, `SparkContext`, `StreamingContext`,
//! `DStream`, `RDD`, `Broadcast`, `StateSpec`, `State`, durations and companion objects.
//!
//! DStream methods build the graph through the operator constructors in `ops/`, with Spark's
//! overloads and defaults (`numPartitions = defaultParallelism`, `slide = this.slideDuration`)
//! and Spark's errors at the moment Spark raises them.

use std::rc::Rc;

use super::ast::Span;
use super::interp::{as_rdd, iterate, rdd_value, AWAIT_CLASS};
use crate::exec::{Exn, Func, Phase, Runtime};
use crate::graph::{NodeId, OutputOp, StateSpecData, StateUpdate};
use crate::ops;
use crate::rdd::{self, AggFn, Aggregator, Narrow, Partitioner, Rdd};
use crate::time::{Duration, Time};
use crate::value::{Object, SeqKind, Value};

type R = Result<Value, Exn>;

macro_rules! object {
    ($t:ident, $name:expr) => {
        impl Object for $t {
            fn class_name(&self) -> String {
                $name.into()
            }
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
    };
}

/// Methods every object has (`toString`, `hashCode`...), accepted on every receiver.
pub const ANY_METHODS: &[&str] = &[
    "toString",
    "hashCode",
    "equals",
    "getClass",
    "isInstanceOf",
    "asInstanceOf",
    "##",
];

/// The `SparkConf` methods the playground runs.
pub const CONF_METHODS: &[&str] = &[
    "setMaster",
    "setAppName",
    "set",
    "get",
    "getOption",
    "contains",
    "getInt",
    "getLong",
    "getDouble",
    "getBoolean",
    "setIfMissing",
    "remove",
];

/// The `SparkContext` methods the playground runs.
pub const SC_METHODS: &[&str] = &[
    "setLogLevel",
    "stop",
    "setCheckpointDir",
    "broadcast",
    "longAccumulator",
    "doubleAccumulator",
    "collectionAccumulator",
    "parallelize",
    "makeRDD",
    "emptyRDD",
    "defaultParallelism",
    "version",
    "appName",
    "master",
    "getConf",
    "isLocal",
    "defaultMinPartitions",
    "range",
    "union",
];

/// The `StreamingContext` methods the playground runs.
pub const SSC_METHODS: &[&str] = &[
    "sparkContext",
    "getState",
    "checkpoint",
    "socketTextStream",
    "socketStream",
    "rawSocketStream",
    "queueStream",
    "remember",
    "union",
    "transform",
    "start",
    "awaitTermination",
    "awaitTerminationOrTimeout",
    "stop",
    "addStreamingListener",
    "removeStreamingListener",
];

/// The `DStream` methods the playground runs.
pub const DSTREAM_METHODS: &[&str] = &[
    "map",
    "slice",
    "dependencies",
    "flatMap",
    "filter",
    "mapValues",
    "flatMapValues",
    "mapPartitions",
    "glom",
    "union",
    "transform",
    "transformWith",
    "reduceByKey",
    "groupByKey",
    "combineByKey",
    "countByValue",
    "count",
    "reduce",
    "window",
    "reduceByKeyAndWindow",
    "reduceByWindow",
    "countByWindow",
    "countByValueAndWindow",
    "groupByKeyAndWindow",
    "updateStateByKey",
    "mapWithState",
    "stateSnapshots",
    "join",
    "leftOuterJoin",
    "rightOuterJoin",
    "fullOuterJoin",
    "cogroup",
    "repartition",
    "checkpoint",
    "cache",
    "persist",
    "print",
    "foreachRDD",
    "saveAsTextFiles",
    "saveAsObjectFiles",
    "slideDuration",
    "context",
];

/// The `RDD` methods the playground runs.
pub const RDD_METHODS: &[&str] = &[
    "dependencies",
    "map",
    "flatMap",
    "filter",
    "mapValues",
    "flatMapValues",
    "mapPartitions",
    "glom",
    "reduceByKey",
    "groupByKey",
    "union",
    "join",
    "leftOuterJoin",
    "rightOuterJoin",
    "fullOuterJoin",
    "cogroup",
    "groupWith",
    "repartition",
    "partitionBy",
    "repartitionAndSortWithinPartitions",
    "distinct",
    "keys",
    "values",
    "keyBy",
    "sortByKey",
    "sortBy",
    "top",
    "takeOrdered",
    "collectAsMap",
    "reduceByKeyLocally",
    "histogram",
    "stats",
    "mean",
    "stdev",
    "variance",
    "sampleStdev",
    "sampleVariance",
    "popStdev",
    "popVariance",
    "zipWithIndex",
    "zipWithUniqueId",
    "takeSample",
    "coalesce",
    "unpersist",
    "checkpoint",
    "isCheckpointed",
    "partitioner",
    "setName",
    "name",
    "toLocalIterator",
    "zip",
    "zipPartitions",
    "cartesian",
    "filterByRange",
    "combineByKeyWithClassTag",
    "groupBy",
    "subtract",
    "subtractByKey",
    "intersection",
    "lookup",
    "mapPartitionsWithIndex",
    "sample",
    "sampleByKey",
    "fold",
    "aggregate",
    "treeAggregate",
    "treeReduce",
    "randomSplit",
    "aggregateByKey",
    "foldByKey",
    "combineByKey",
    "max",
    "min",
    "sum",
    "countByKey",
    "countByValue",
    "cache",
    "persist",
    "foreach",
    "foreachPartition",
    "collect",
    "count",
    "take",
    "first",
    "isEmpty",
    "reduce",
    "getNumPartitions",
    "getStorageLevel",
    "partitions",
    "id",
    "sparkContext",
    "context",
    "toDebugString",
    "saveAsTextFile",
    "saveAsObjectFile",
];

/// The `State` methods (of `mapWithState`).
pub const STATE_METHODS: &[&str] = &[
    "exists",
    "get",
    "getOption",
    "update",
    "remove",
    "isTimingOut",
];

/// The methods of a partitioner.
pub const PARTITIONER_METHODS: &[&str] = &["numPartitions", "getPartition"];

/// One of an RDD's `dependencies`: its class (`org.apache.spark.OneToOneDependency`,
/// `ShuffleDependency`, a `UnionRDD`'s `RangeDependency`, a `coalesce`'s anonymous
/// `NarrowDependency`) and the RDD it depends on.
pub struct DependencyObj {
    /// The JVM's name of its class.
    pub class: String,
    /// The parent RDD.
    pub rdd: Rc<Rdd>,
}

impl Object for DependencyObj {
    fn class_name(&self) -> String {
        self.class
            .rsplit('.')
            .next()
            .unwrap_or(&self.class)
            .to_string()
    }
    /// `Object.toString`: an identity hash the JVM makes up; the parent's id here.
    fn to_string_scala(&self) -> String {
        format!("{}@{:x}", self.class, 0x1b6d_3586 + self.rdd.id)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `rdd.dependencies` as Spark 4.3's RDD classes give them: a `List` (a `UnionRDD`'s
/// `ArrayBuffer` made one by `toSeq`), empty for an input's or `parallelize`'s.
fn dependencies(r: &Rc<Rdd>) -> R {
    if r.checkpoint_rdd.borrow().is_some() {
        return Err(Exn::unsupported("`dependencies` of a checkpointed RDD"));
    }
    let class = r.class.get();
    let deps: Vec<Value> = (r.debug_dependencies().into_iter().enumerate())
        .map(|(i, (rdd, shuffle))| {
            let class = match (class, shuffle) {
                (_, true) => "org.apache.spark.ShuffleDependency".to_string(),
                ("UnionRDD", _) => "org.apache.spark.RangeDependency".into(),
                ("PartitionPruningRDD", _) => "org.apache.spark.rdd.PruneDependency".into(),
                ("CoalescedRDD" | "CartesianRDD", _) => {
                    format!("org.apache.spark.rdd.{class}$$anon${}", i + 1)
                }
                _ => "org.apache.spark.OneToOneDependency".into(),
            };
            Value::Obj(Rc::new(DependencyObj { class, rdd }))
        })
        .collect();
    Ok(Value::Seq(SeqKind::List, Rc::new(deps)))
}

/// `dep.rdd`, `dep.getClass`.
pub fn dependency_method(d: &DependencyObj, name: &str) -> R {
    match name {
        "rdd" => Ok(rdd_value(d.rdd.clone())),
        "getClass" => Ok(Value::Obj(Rc::new(super::class_obj::ClassObj(
            d.class.clone(),
        )))),
        "toString" => Ok(Value::str(&d.to_string_scala())),
        _ => Err(not_member(name, "Dependency", &["rdd"])),
    }
}

/// The `Broadcast` methods.
pub const BROADCAST_METHODS: &[&str] = &["value", "id", "unpersist", "destroy"];

/// The `StateSpec` methods.
pub const STATE_SPEC_METHODS: &[&str] =
    &["numPartitions", "timeout", "initialState", "partitioner"];

/// The `Duration` methods.
pub const DURATION_METHODS: &[&str] = &[
    "milliseconds",
    "+",
    "-",
    "*",
    "/",
    "div",
    "isMultipleOf",
    "isZero",
    "<",
    "<=",
    ">",
    ">=",
    "min",
    "max",
    "less",
    "lessEq",
    "greater",
    "greaterEq",
    "toFormattedString",
    "prettyPrint",
];

/// Spark's `Time` methods the playground has.
pub const TIME_METHODS: &[&str] = &[
    "milliseconds",
    "+",
    "-",
    "floor",
    "isMultipleOf",
    "<",
    "<=",
    ">",
    ">=",
    "min",
    "max",
    "less",
    "lessEq",
    "greater",
    "greaterEq",
    "plus",
    "minus",
    "until",
    "to",
];

/// `Time`'s members the playground does not run: a case class's own.
pub const TIME_SPARK_ONLY: &[&str] = &[
    "copy",
    "canEqual",
    "productArity",
    "productElement",
    "productElementName",
    "productElementNames",
    "productIterator",
    "productPrefix",
];

/// `<`, `<=`, `>`, `>=` (and Spark's `less`, `lessEq`, ...) of two millisecond counts.
fn compare(name: &str, a: i64, b: i64) -> Option<bool> {
    Some(match name {
        "<" | "less" => a < b,
        "<=" | "lessEq" => a <= b,
        ">" | "greater" => a > b,
        ">=" | "greaterEq" => a >= b,
        _ => return None,
    })
}

/// What the wall clock reads on virtual time: the batch's time and what it has slept so far
/// in a batch, the driver's clock outside one.
fn virtual_now(rt: &Runtime) -> i64 {
    match rt.now {
        Some(t) => t.0.saturating_add(rt.cur.sleep_ms),
        None => rt.driver_clock_ms,
    }
}

/// A method of Spark's `Time` (what `foreachRDD((rdd, time) => ...)` hands out): `time +
/// Seconds(1)`, `time - other` (a `Duration`), `floor`, comparisons, in Spark's words.
pub fn time_method(t: Time, name: &str, args: &[Value]) -> R {
    let time = |v: &Value| -> Result<Time, Exn> {
        match v.obj::<super::interp::TimeObj>() {
            Some(o) => Ok(o.0),
            None => Err(Exn::unsupported(format!(
                "type mismatch in Time.{name}: found {}, required Time",
                class_of(v)
            ))),
        }
    };
    let a = || get(args, 0, name);
    if let Some(b) = args.first().and_then(|v| v.obj::<super::interp::TimeObj>()) {
        if let Some(c) = compare(name, t.0, b.0 .0) {
            return Ok(Value::Bool(c));
        }
    }
    Ok(match name {
        "milliseconds" => Value::Long(t.0),
        "toString" => Value::str(&t.to_string()),
        "hashCode" | "##" => Value::Int(super::interp::time_value(t).hash_code()),
        "equals" => Value::Bool(
            args.first()
                .and_then(|v| v.obj::<super::interp::TimeObj>())
                .is_some_and(|o| o.0 == t),
        ),
        "+" | "plus" => super::interp::time_value(Time(t.0 + dur(&a()?, name)?.0)),
        "until" | "to" => {
            // `(this.milliseconds) until (that.milliseconds) by (interval.milliseconds) map
            // (new Time(_))`: a `Vector`.
            let end = time(&a()?)?.0;
            let step = dur(&get(args, 1, name)?, name)?.0;
            let (until, mut at, mut items) = (name == "until", t.0, Vec::new());
            if step == 0 {
                return Err(Exn::new(
                    "java.lang.IllegalArgumentException",
                    "step cannot be 0.",
                ));
            }
            while (step > 0 && (at < end || !until && at == end))
                || (step < 0 && (at > end || !until && at == end))
            {
                if items.len() == 10_000_000 {
                    return Err(Exn::unsupported("a range of more than 10 million numbers"));
                }
                items.push(super::interp::time_value(Time(at)));
                at = match at.checked_add(step) {
                    Some(n) => n,
                    None => break,
                };
            }
            Value::Seq(SeqKind::Vector, Rc::new(items))
        }
        "-" | "minus" => match a()? {
            v if v.obj::<DurationObj>().is_some() => {
                super::interp::time_value(Time(t.0 - dur(&v, name)?.0))
            }
            v => duration_value(Duration(t.0 - time(&v)?.0)),
        },
        "floor" | "isMultipleOf" => {
            let d = dur(&a()?, name)?.0;
            if d == 0 {
                return Err(Exn::by_zero());
            }
            if name == "floor" {
                super::interp::time_value(Time(t.0 / d * d))
            } else {
                Value::Bool(t.0 % d == 0)
            }
        }
        "min" | "max" => {
            let b = time(&a()?)?;
            let pick = if (name == "min") == (t.0 < b.0) { t } else { b };
            super::interp::time_value(pick)
        }
        _ => return Err(not_member(name, "Time", TIME_METHODS)),
    })
}

/// Scala's "value x is not a member of T" for the playground's own classes, with the nearest
/// member of `members` as a hint ("; did you mean y?") when `name` looks like a typo of one.
pub fn not_member(name: &str, class: &str, members: &[&str]) -> Exn {
    let msg = match super::diag::suggest(name, members) {
        Some(s) => format!("value {name} is not a member of {class}; did you mean {s}?"),
        None => format!("value {name} is not a member of {class}"),
    };
    Exn::unsupported(msg)
}

/// `new SparkConf()`: the configuration lives in the runtime.
pub struct ConfObj;
object!(ConfObj, "SparkConf");
/// A `SparkContext`.
pub struct ScObj;
object!(ScObj, "SparkContext");
/// A `StreamingContext`.
pub struct SscObj;
object!(SscObj, "StreamingContext");
/// A companion object or package (`StateSpec`, `Thread`, `math`).
pub struct Module(pub &'static str);

/// Objects that have no `apply`: `StreamingContext(conf, Seconds(1))` without `new` is
/// scalac's "StreamingContext.type does not take parameters".
pub const NO_APPLY: &[&str] = &[
    "StateSpec",
    "TaskContext",
    "Thread",
    "System",
    "StorageLevel",
    "math",
    "Math",
    "SparkContext",
    "StreamingContext",
    "Integer",
    "KafkaUtils",
    "LocationStrategies",
    "ConsumerStrategies",
    "Pattern",
    "object",
];
object!(Module, "object");
/// A `Broadcast[T]`.
pub struct BroadcastObj(pub Value, pub u32);
/// A `StateSpec`.
pub struct SpecObj(pub StateSpecData);
object!(SpecObj, "StateSpec");
/// A partitioner as a value: `new HashPartitioner(n)`, or what `rdd.partitioner` gives.
pub struct PartitionerObj(pub Partitioner);

impl PartitionerObj {
    /// A program's own partitioner: its instance.
    fn custom(&self) -> Option<&Value> {
        match self.0 .1.as_deref() {
            Some(rdd::Rule::Custom(v)) => Some(v),
            _ => None,
        }
    }
}

impl Object for PartitionerObj {
    fn class_name(&self) -> String {
        match self.0 .1.as_deref() {
            None => "HashPartitioner".into(),
            Some(rdd::Rule::Custom(v)) => v.type_name(),
            Some(_) => "RangePartitioner".into(),
        }
    }

    /// A program's own partitioner is its instance (printed, compared and hashed as it).
    fn as_value(&self) -> Option<Value> {
        self.custom().cloned()
    }

    /// `Object.toString`: the class, `@`, the hash code in hex (`HashPartitioner`'s is its
    /// partition count; `RangePartitioner`'s folds its bounds' and direction's hashes by 31).
    fn to_string_scala(&self) -> String {
        format!(
            "org.apache.spark.{}@{:x}",
            self.class_name(),
            partitioner_hash(&self.0)
        )
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `hashCode` of a partitioner (see [`PartitionerObj::to_string_scala`]).
fn partitioner_hash(p: &Partitioner) -> i32 {
    match p.1.as_deref() {
        Some(rdd::Rule::Range(range)) => {
            let mut h: i32 = 1;
            for b in &range.bounds {
                h = h.wrapping_mul(31).wrapping_add(b.hash_code());
            }
            h.wrapping_mul(31)
                .wrapping_add(if range.ascending { 1231 } else { 1237 })
        }
        _ => p.0 as i32,
    }
}

impl Object for BroadcastObj {
    fn class_name(&self) -> String {
        "Broadcast".into()
    }
    fn to_string_scala(&self) -> String {
        format!("Broadcast({})", self.1)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A `Duration` (`Seconds(5)`).
pub struct DurationObj(pub Duration);

impl Object for DurationObj {
    fn class_name(&self) -> String {
        "Duration".into()
    }
    fn same(&self, other: &dyn Object) -> bool {
        other
            .as_any()
            .downcast_ref::<DurationObj>()
            .is_some_and(|o| o.0 == self.0)
    }
    fn to_string_scala(&self) -> String {
        self.0.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A DStream handle.
pub struct DStreamObj {
    /// The stream.
    pub id: NodeId,
    /// For `mapWithState`'s stream: its internal state stream (for `stateSnapshots`).
    pub internal: Option<NodeId>,
}

impl Object for DStreamObj {
    fn class_name(&self) -> String {
        "DStream".into()
    }
    fn to_string_scala(&self) -> String {
        format!(
            "org.apache.spark.streaming.dstream.DStream@{:x}",
            0x5e4c_0000u32 + self.id as u32
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A duration value.
pub fn duration_value(d: Duration) -> Value {
    Value::Obj(Rc::new(DurationObj(d)))
}

fn dstream(id: NodeId) -> Value {
    Value::Obj(Rc::new(DStreamObj { id, internal: None }))
}

/// A companion object as a value.
pub fn module(name: &str) -> Value {
    let n: &'static str = match name {
        "StateSpec" => "StateSpec",
        "Thread" => "Thread",
        "System" => "System",
        "StorageLevel" => "StorageLevel",
        "TaskContext" => "TaskContext",
        "math" => "math",
        "Math" => "Math",
        "Character" => "Character",
        "sys" => "sys",
        "List" => "List",
        "Seq" => "Seq",
        "Array" => "Array",
        "Some" => "Some",
        "Option" => "Option",
        "Either" => "Either",
        "Seconds" => "Seconds",
        "Milliseconds" => "Milliseconds",
        "Minutes" => "Minutes",
        "Durations" => "Durations",
        "Duration" => "Duration",
        "StreamingContext" => "StreamingContext",
        "SparkContext" => "SparkContext",
        "Integer" => "Integer",
        "Int" => "Int",
        "Long" => "Long",
        "Double" => "Double",
        "Logger" => "Logger",
        "Level" => "Level",
        "MutableMap" => "MutableMap",
        "ListBuffer" => "ListBuffer",
        "String" => "String",
        "MutableSet" => "MutableSet",
        "TreeMap" => "TreeMap",
        "TreeSet" => "TreeSet",
        "MutableTreeMap" => "MutableTreeMap",
        "MutableTreeSet" => "MutableTreeSet",
        "LinkedHashMap" => "LinkedHashMap",
        "LinkedHashSet" => "LinkedHashSet",
        "Ordering" => "Ordering",
        "Iterator" => "Iterator",
        "Vector" => "Vector",
        "Set" => "Set",
        "ArrayBuffer" => "ArrayBuffer",
        "Queue" => "Queue",
        "Stack" => "Stack",
        _ => super::kafka_api::module_name(name).unwrap_or("object"),
    };
    Value::Obj(Rc::new(Module(n)))
}

/// The class of a value, for messages.
pub fn class_of(v: &Value) -> String {
    if let Some(m) = v.obj::<Module>() {
        return m.0.to_string();
    }
    v.type_name()
}

fn dur(v: &Value, what: &str) -> Result<Duration, Exn> {
    match v.obj::<DurationObj>() {
        Some(d) => Ok(d.0),
        None => Err(Exn::unsupported(format!(
            "type mismatch in {what}: found {}, required Duration",
            class_of(v)
        ))),
    }
}

fn func(v: &Value, what: &str) -> Result<Func, Exn> {
    match v.obj::<Func>() {
        Some(f) => Ok(f.clone()),
        None => Err(Exn::unsupported(format!(
            "type mismatch in {what}: found {}, required a function",
            class_of(v)
        ))),
    }
}

fn int(v: &Value, what: &str) -> Result<i64, Exn> {
    match v {
        Value::Int(i) => Ok(*i as i64),
        Value::Long(l) => Ok(*l),
        other => Err(Exn::unsupported(format!(
            "type mismatch in {what}: found {}, required Int",
            class_of(other)
        ))),
    }
}

fn get(args: &[Value], i: usize, what: &str) -> R {
    args.get(i)
        .cloned()
        .ok_or_else(|| Exn::unsupported(format!("{what}: not enough arguments")))
}

/// `new Class(args)`.
pub fn construct(rt: &mut Runtime, class: &str, args: Vec<Value>, span: Span) -> R {
    let _ = span;
    match class {
        "SparkConf" => Ok(Value::Obj(Rc::new(ConfObj))),
        "Date" => super::date_obj::new_date(&args, virtual_now(rt)),
        "SimpleDateFormat" => super::date_obj::new_format(&args),
        // `new Time(ms)` (and `Time(ms)`, the case class's apply).
        "Time" => Ok(super::interp::time_value(Time(int(
            &get(&args, 0, "Time")?,
            "Time",
        )?))),
        "SparkContext" => {
            one_spark_context(rt)?;
            Ok(Value::Obj(Rc::new(ScObj)))
        }
        "StreamingContext" => {
            // From a conf it makes its own SparkContext; from `sc` it shares that one.
            if args.first().and_then(Value::obj::<ConfObj>).is_some() {
                one_spark_context(rt)?;
            }
            let d = dur(
                &get(&args, 1, "new StreamingContext")?,
                "new StreamingContext",
            )?;
            if d.0 <= 0 {
                return Err(
                    Exn::require(format!("batch duration must be positive, found {d}")).with_note(),
                );
            }
            rt.batch = Some(d);
            let master = rt.conf.master.clone().unwrap_or_default();
            if master == "local" || master == "local[1]" {
                rt.warn(
                    "org.apache.spark.streaming.StreamingContext",
                    "spark.master should be set as local[n], n > 1 in local mode if you have receivers to get data, otherwise Spark jobs will not get resources to process the received data.",
                );
            }
            Ok(Value::Obj(Rc::new(SscObj)))
        }
        "Duration" => Ok(duration_value(Duration(int(
            &get(&args, 0, "Duration")?,
            "Duration",
        )?))),
        "Queue" | "Stack" => Ok(super::queue::construct(rt, class == "Stack", args)),
        "HashPartitioner" => {
            let n = int(&get(&args, 0, class)?, class)?;
            if n < 0 {
                return Err(Exn::require(format!(
                    "Number of partitions ({n}) cannot be negative."
                )));
            }
            if n == 0 {
                return Err(zero_partitions());
            }
            Ok(Value::Obj(Rc::new(PartitionerObj(Partitioner::hash(
                Exn::check_partitions(n as usize)?,
            )))))
        }
        "ArrayBuffer" => Ok(Value::Seq(SeqKind::ArrayBuffer, Rc::new(args))),
        "ListBuffer" => Ok(Value::Seq(SeqKind::ListBuffer, Rc::new(args))),
        "StringBuilder" => Ok(super::string_builder::construct(&args)),
        // `new String(chars)`, `new String(chars, offset, count)`: the characters as text.
        "String" => match args.as_slice() {
            [] => Ok(Value::str("")),
            [Value::Str(s)] => Ok(Value::Str(s.clone())),
            [Value::Seq(SeqKind::Array, cs), rest @ ..] if rest.is_empty() || rest.len() == 2 => {
                let chars: Vec<char> = cs
                    .iter()
                    .map(|c| match c {
                        Value::Char(c) => Ok(*c),
                        other => Err(Exn::unsupported(format!(
                            "new String of an Array of {}",
                            other.type_name()
                        ))),
                    })
                    .collect::<Result<_, _>>()?;
                let (from, count) = match rest {
                    [o, n] => (int(o, "new String")?, int(n, "new String")?),
                    _ => (0, chars.len() as i64),
                };
                let len = chars.len() as i64;
                if from < 0 || count < 0 || from > len - count {
                    return Err(Exn::new(
                        "java.lang.StringIndexOutOfBoundsException",
                        format!("offset {from}, count {count}, length {len}"),
                    ));
                }
                let (from, count) = (from as usize, count as usize);
                Ok(Value::str(
                    &chars[from..from + count].iter().collect::<String>(),
                ))
            }
            _ => Err(Exn::unsupported("new String of these arguments")),
        },
        "Random" => super::random_obj::construct(&args),
        // `new mutable.HashMap[K, V]()`: the default table, whatever the arguments.
        "HashMap" => super::mutable_map::from(true, Vec::new()),
        "HashSet" => super::mutable_map::from(false, Vec::new()),
        // `new mutable.TreeMap[K, V]()`, `new mutable.LinkedHashSet[T]`: empty.
        "TreeMap" | "MutableTreeMap" => {
            super::builtins::sorted_or_linked("MutableTreeMap", Vec::new())
        }
        "TreeSet" | "MutableTreeSet" => {
            super::builtins::sorted_or_linked("MutableTreeSet", Vec::new())
        }
        c @ ("LinkedHashMap" | "LinkedHashSet") => super::builtins::sorted_or_linked(c, Vec::new()),
        "RuntimeException"
        | "Exception"
        | "IllegalArgumentException"
        | "IllegalStateException"
        | "NumberFormatException"
        | "ArithmeticException"
        | "UnsupportedOperationException"
        | "IndexOutOfBoundsException"
        | "ArrayIndexOutOfBoundsException"
        | "NullPointerException"
        | "ClassCastException"
        | "NoSuchElementException" => {
            let package = match class {
                "NoSuchElementException" => "java.util",
                _ => "java.lang",
            };
            Ok(Value::Obj(Rc::new(super::interp::ExnObj(Exn::new(
                &format!("{package}.{class}"),
                args.first().map(|v| v.to_string()).unwrap_or_default(),
            )))))
        }
        other => super::kafka_api::construct(other, &args)
            .unwrap_or_else(|| Err(Exn::unsupported(format!("`new {other}`")))),
    }
}

/// A new `SparkContext`: refused when one runs already, with Spark's words (its message goes
/// on with the stack where the first was made).
fn one_spark_context(rt: &mut Runtime) -> Result<(), Exn> {
    if std::mem::replace(&mut rt.spark_context, true) {
        return Err(Exn::spark(
            "Only one SparkContext should be running in this JVM (see SPARK-2243).The currently running SparkContext was created at:",
        ));
    }
    // `local[100000000]` or `spark.default.parallelism`: every shuffle would make that many
    // tasks.
    Exn::check_partitions(rt.conf.default_parallelism()).map(|_| ())
}

trait Note {
    fn with_note(self) -> Exn;
}

impl Note for Exn {
    fn with_note(self) -> Exn {
        self
    }
}

/// Gives the RDDs of `node` a creation site inside Spark's own code (`join at
/// PairDStreamFunctions.scala:618`): a stream Spark makes with `transform` in its sources
/// (lines of Spark 4.3.0, asked of the oracle).
fn spark_site(rt: &mut Runtime, node: NodeId, site: &str) {
    rt.graph.nodes[node].site = Some(crate::rdd::Site(Rc::from(site), 0));
}

/// Gives the streams made from `first` on the creation site of the method that made them.
fn sited(rt: &mut Runtime, first: usize, name: &str, span: Span) {
    if rt.graph.nodes.len() > first {
        let site = crate::rdd::Site(Rc::from(name), span.start);
        for n in &mut rt.graph.nodes[first..] {
            // A site inside Spark's own code (`repartition at DStream.scala:586`) stays.
            if !n.site.as_ref().is_some_and(|s| s.0.contains(" at ")) {
                n.site = Some(site.clone());
            }
        }
    }
}

/// Keeps the functions among `args` as the DStream graph's (see `InterpState::graph_funcs`).
fn keep_funcs(rt: &mut Runtime, args: &[Value]) {
    for a in args {
        if matches!(a.obj::<Func>(), Some(Func::Scala(_))) {
            rt.interp.graph_funcs.push(a.clone());
        }
    }
}

/// `recv.name(args)` for Spark objects.
pub fn call_method(rt: &mut Runtime, recv: Value, name: &str, args: Vec<Value>, span: Span) -> R {
    if let Some(r) = super::kafka_api::call_method(rt, &recv, name, &args) {
        return r;
    }
    if recv.obj::<ConfObj>().is_some() {
        return conf_method(rt, recv, name, args);
    }
    if recv.obj::<ScObj>().is_some() {
        return rt.at_site(name, span.start, |rt| sc_method(rt, name, args));
    }
    if recv.obj::<SscObj>().is_some() {
        if name == "transform" {
            super::user_class::check_closures(rt, &args)?;
            keep_funcs(rt, &args);
        }
        let first = rt.graph.nodes.len();
        let r = ssc_method(rt, name, args, span);
        sited(rt, first, name, span);
        return r;
    }
    let args = if recv.obj::<DStreamObj>().is_some()
        || recv.obj::<super::interp::RddObj>().is_some()
        || recv.obj::<SpecObj>().is_some()
    {
        super::user_class::partitioner_args(rt, args)?
    } else {
        args
    };
    // `foreachRDD` and `transform` run their function on the driver: Spark cleans it without
    // the check.
    if (recv.obj::<DStreamObj>().is_some()
        && !matches!(
            name,
            "foreachRDD" | "foreach" | "transform" | "transformWith"
        ))
        || recv.obj::<super::interp::RddObj>().is_some()
    {
        super::user_class::check_closures(rt, &args)?;
    }
    if let Some(d) = recv.obj::<DStreamObj>() {
        keep_funcs(rt, &args);
        let (id, internal) = (d.id, d.internal);
        if rt.graph.started
            && !matches!(
                name,
                "toString" | "hashCode" | "slideDuration" | "slice" | "context" | "dependencies"
            )
        {
            return Err(Exn::new(
                "java.lang.IllegalStateException",
                "Adding new inputs, transformations, and output operations after starting a context is not supported",
            ));
        }
        let first = rt.graph.nodes.len();
        let r = dstream_method(rt, id, internal, name, args, span);
        sited(rt, first, name, span);
        return r;
    }
    if let Some(r) = recv.obj::<super::interp::RddObj>() {
        // An RDD a task's function holds came to the task without its context: all but
        // what it carries along fails (SPARK-5063).
        if matches!(rt.scope, crate::trace::Scope::Task { .. })
            && !matches!(
                name,
                "id" | "name"
                    | "toString"
                    | "hashCode"
                    | "partitioner"
                    | "getNumPartitions"
                    | "partitions"
            )
        {
            return Err(Exn::new(
                "org.apache.spark.SparkException",
                crate::rdd::LACKS_SPARK_CONTEXT,
            ));
        }
        let r = r.0.clone();
        // `a ++ b` is `union`, made where the program called `$plus$plus`.
        let site = if name == "++" { "$plus$plus" } else { name };
        return rt.at_site(site, span.start, |rt| rdd_method(rt, r, name, args));
    }
    if let Some(s) = recv.obj::<super::stat_counter::StatCounter>() {
        return s.method(name);
    }
    if let Some(t) = recv.obj::<super::try_obj::TryObj>() {
        return t.method(rt, name, args);
    }
    if let Some(e) = recv.obj::<super::interp::ExnObj>() {
        return match name {
            "getMessage" | "getLocalizedMessage" => Ok(if e.0.message.is_empty() {
                Value::Null
            } else {
                Value::str(&e.0.message)
            }),
            "toString" => Ok(Value::str(&e.0.describe())),
            _ => Err(not_member(
                name,
                &e.class_name(),
                &["getMessage", "toString"],
            )),
        };
    }
    if let Some(a) = recv.obj::<super::accumulator::AccumulatorObj>() {
        return a.method(rt, name, &args);
    }
    if let Some(b) = recv.obj::<BroadcastObj>() {
        return match name {
            "value" => Ok(b.0.clone()),
            "id" => Ok(Value::Long(b.1 as i64)),
            "unpersist" | "destroy" => Ok(Value::Unit),
            _ => Err(not_member(name, "Broadcast", BROADCAST_METHODS)),
        };
    }
    if let Some(s) = recv.obj::<ops::map_with_state::StateObj>() {
        return match name {
            "exists" => Ok(Value::Bool(s.exists())),
            "get" => s.get(),
            "getOption" => Ok(Value::option(s.inner.borrow().value.clone())),
            "update" => s.update(get(&args, 0, "update")?).map(|_| Value::Unit),
            "remove" => s.remove().map(|_| Value::Unit),
            "isTimingOut" => Ok(Value::Bool(s.inner.borrow().timing_out)),
            "toString" => Ok(Value::str(&s.to_string_scala())),
            _ => Err(not_member(name, "State", STATE_METHODS)),
        };
    }
    if let Some(p) = recv.obj::<PartitionerObj>() {
        if let Some(inst) = p.custom() {
            return call_method(rt, inst.clone(), name, args, span);
        }
        return match name {
            "numPartitions" => Ok(Value::Int(p.0 .0 as i32)),
            "getPartition" => Ok(Value::Int(p.0.partition(rt, &get(&args, 0, name)?)? as i32)),
            "hashCode" => Ok(Value::Int(partitioner_hash(&p.0))),
            "toString" => Ok(Value::str(&p.to_string_scala())),
            "equals" => Ok(Value::Bool(
                get(&args, 0, name)?
                    .obj::<PartitionerObj>()
                    .is_some_and(|o| o.0 == p.0),
            )),
            _ => Err(not_member(name, &p.class_name(), PARTITIONER_METHODS)),
        };
    }
    if let Some(spec) = recv.obj::<SpecObj>() {
        let mut data = spec.0.clone();
        match name {
            "numPartitions" => {
                data.partitions = Some(Exn::check_partitions(
                    int(&get(&args, 0, name)?, name)?.max(1) as usize,
                )?)
            }
            "timeout" => data.timeout = Some(dur(&get(&args, 0, name)?, name)?),
            "initialState" => data.initial = as_rdd(&get(&args, 0, name)?),
            "partitioner" => {
                let p = get(&args, 0, name)?;
                let p = p.obj::<PartitionerObj>().ok_or_else(|| {
                    Exn::unsupported("StateSpec.partitioner needs a `new HashPartitioner(n)`")
                })?;
                data.partitions = Some(p.0 .0);
            }
            _ => return Err(not_member(name, "StateSpec", STATE_SPEC_METHODS)),
        }
        return Ok(Value::Obj(Rc::new(SpecObj(data))));
    }
    if let Some(d) = recv.obj::<DurationObj>() {
        let d = d.0;
        return match name {
            "milliseconds" => Ok(Value::Long(d.0)),
            "+" | "-" => {
                let o = dur(&get(&args, 0, name)?, name)?;
                Ok(duration_value(Duration(if name == "+" {
                    d.0 + o.0
                } else {
                    d.0 - o.0
                })))
            }
            "*" => Ok(duration_value(Duration(
                d.0 * int(&get(&args, 0, name)?, name)?,
            ))),
            "isMultipleOf" => Ok(Value::Bool(
                d.is_multiple_of(dur(&get(&args, 0, name)?, name)?)
                    .ok_or_else(Exn::by_zero)?,
            )),
            // `Duration / Duration` (and `div`): a Double, as Spark divides the millis.
            "/" | "div" => {
                let o = dur(&get(&args, 0, name)?, name)?;
                Ok(Value::Double(d.0 as f64 / o.0 as f64))
            }
            "isZero" => Ok(Value::Bool(d.0 == 0)),
            "toFormattedString" => Ok(Value::str(&d.0.to_string())),
            // Spark's `Utils.msDurationToString`: ms, then seconds, minutes and hours of a
            // `Float`, formatted as Java formats it.
            "prettyPrint" => {
                let ms = d.0;
                let (fmt, unit) = match ms {
                    t if t < 1000 => return Ok(Value::str(&format!("{t} ms"))),
                    t if t < 60_000 => ("%.1f s", 1000.0),
                    t if t < 3_600_000 => ("%.1f m", 60_000.0),
                    _ => ("%.2f h", 3_600_000.0),
                };
                let x = f64::from(ms as f32 / unit as f32);
                super::java_format::format(fmt, &[Value::Double(x)]).map(|t| Value::str(&t))
            }
            "min" | "max" => {
                let o = dur(&get(&args, 0, name)?, name)?;
                let pick = if (name == "min") == (d.0 < o.0) { d } else { o };
                Ok(duration_value(pick))
            }
            "toString" => Ok(Value::str(&d.to_string())),
            _ if compare(name, 0, 0).is_some() => {
                let o = dur(&get(&args, 0, name)?, name)?;
                Ok(Value::Bool(compare(name, d.0, o.0).unwrap_or(false)))
            }
            _ => Err(not_member(name, "Duration", DURATION_METHODS)),
        };
    }
    if let Some(z) = recv.obj::<super::lazy_zip::LazyZip>() {
        return super::lazy_zip::method(rt, z, name, &args);
    }
    if let Some(q) = recv.obj::<super::queue::QueueObj>() {
        return super::queue::method(rt, q, &recv, name, args, span);
    }
    if let Some(m) = recv.obj::<Module>() {
        return module_method(rt, m.0, name, args, span);
    }
    if let Some(d) = recv.obj::<super::date_obj::DateObj>() {
        return super::date_obj::date_method(d, name, &args);
    }
    if let Some(f) = recv.obj::<super::date_obj::FormatObj>() {
        return super::date_obj::format_method(rt, f, name, &args);
    }
    if let Some(p) = recv.obj::<super::either::LeftProjection>() {
        return super::either::left_method(rt, p, name, args);
    }
    if let Some(w) = recv.obj::<super::with_filter::WithFilter>() {
        return super::with_filter::method(rt, w, name, &args);
    }
    if let Some(r) = recv.obj::<super::regex_obj::RegexObj>() {
        return super::regex_obj::method(rt, r, name, &args);
    }
    if let Some(m) = recv.obj::<super::regex_obj::MatchObj>() {
        return super::regex_obj::match_method(m, name, &args);
    }
    if let Some(o) = recv.obj::<super::ordering_obj::OrderingObj>() {
        return super::ordering_obj::method(rt, o, name, &args);
    }
    if let Some(h) = recv.obj::<super::interp::HelperObj>() {
        return super::interp::helper_member(rt, h, name, args, span);
    }
    if let Some(i) = recv.obj::<super::user_class::Instance>() {
        return super::user_class::method(rt, i, &recv, name, args, span);
    }
    if let Some(s) = recv.obj::<super::user_class::SuperRef>() {
        return super::user_class::super_method(rt, s, name, args, span);
    }
    if let Some(super::user_class::Companion(_, Some(object))) =
        recv.obj::<super::user_class::Companion>()
    {
        return call_method(rt, object.clone(), name, args, span);
    }
    if let Some(b) = recv.obj::<super::string_builder::StringBuilderObj>() {
        return super::string_builder::method(rt, b, &recv, name, args, span);
    }
    if let Some(t) = recv.obj::<super::task_context::TaskContextObj>() {
        return super::task_context::method(t, name);
    }
    if let Some(r) = recv.obj::<super::random_obj::RandomObj>() {
        return super::random_obj::method(r, name, &args);
    }
    if let Some(l) = recv.obj::<super::log4j::LoggerObj>() {
        return super::log4j::method(rt, l, name, &args);
    }
    Err(Exn::unsupported(format!(
        "value {name} is not a member of {}",
        class_of(&recv)
    )))
}

/// `Integer.parseInt(s, radix)`: Java's digits of the radix (letters from 10, either case),
/// an optional sign; its `NumberFormatException` texts.
fn parse_int_radix(s: &str, radix: i64) -> R {
    if !(2..=36).contains(&radix) {
        let bound = if radix < 2 {
            "less than Character.MIN_RADIX"
        } else {
            "greater than Character.MAX_RADIX"
        };
        return Err(Exn::new(
            "java.lang.NumberFormatException",
            format!("radix {radix} {bound}"),
        ));
    }
    if radix == 10 {
        return super::builtins::parse_int(s);
    }
    let bad = || {
        Exn::new(
            "java.lang.NumberFormatException",
            format!("For input string: \"{s}\" under radix {radix}"),
        )
    };
    super::java_lang::parse_integer(s, radix as u32, i32::MIN.into(), i32::MAX.into())
        .map(|n| Value::Int(n as i32))
        .ok_or_else(bad)
}

/// Module methods a program may pass as a function value (`reduceByKey(math.max)`).
const ETA_METHODS: &[(&str, &str)] = &[
    ("math", "max"),
    ("math", "min"),
    ("math", "abs"),
    ("math", "pow"),
    ("math", "sqrt"),
    ("math", "floor"),
    ("math", "ceil"),
    ("math", "log"),
    ("math", "log10"),
    ("math", "exp"),
    ("math", "signum"),
    ("math", "round"),
    ("Integer", "parseInt"),
    ("Integer", "valueOf"),
    ("String", "valueOf"),
];

fn module_method(rt: &mut Runtime, module: &str, name: &str, args: Vec<Value>, span: Span) -> R {
    if let Some(r) = super::log4j::module_method(module, name, &args) {
        return r;
    }
    if let Some((m, n)) = super::java_lang::method(module, name).filter(|_| args.is_empty()) {
        // `w.forall(Character.isLetter)`: Java's static method as a function value.
        let f = move |_: &mut Runtime, a: &[Value]| {
            super::java_lang::module_method(m, n, a).unwrap_or_else(|| {
                Err(Exn::unsupported(format!(
                    "value {n} is not a member of object {m}"
                )))
            })
        };
        return Ok(Func::native(n, f).into_value());
    }
    if let Some(r) = super::java_lang::module_method(module, name, &args) {
        return r;
    }
    // Java's `Math` has Scala's `math` members besides its own (above).
    let module = if module == "Math" { "math" } else { module };
    if args.is_empty() {
        // `reduceByKey(math.max)`, `map(Integer.parseInt)`: the method as a function value
        // (eta-expansion).
        let eta = ETA_METHODS.iter().find(|(m, n)| *m == module && *n == name);
        if let Some(&(module, name)) = eta {
            let f = move |rt: &mut Runtime, a: &[Value]| {
                module_method(rt, module, name, a.to_vec(), span)
            };
            return Ok(Func::native(name, f).into_value());
        }
    }
    if module == "TaskContext" {
        if let Some(r) = super::task_context::module_method(rt, name) {
            return r;
        }
    }
    if module == "Ordering" {
        if let Some(r) = super::ordering_obj::module_member(name, &args) {
            return r;
        }
    }
    match (module, name) {
        // Java's `Durations.seconds(1)`: Scala's `Seconds(1)`.
        ("Durations", "milliseconds" | "seconds" | "minutes") => {
            let unit = match name {
                "milliseconds" => "Milliseconds",
                "seconds" => "Seconds",
                _ => "Minutes",
            };
            super::builtins::call_global(rt, unit, args, span)
        }
        ("StateSpec", "function") => {
            // `ClosureCleaner.clean(mappingFunction, checkSerializable = true)`.
            super::user_class::check_closures(rt, &args)?;
            keep_funcs(rt, &args);
            let f = func(&get(&args, 0, "StateSpec.function")?, "StateSpec.function")?;
            Ok(Value::Obj(Rc::new(SpecObj(StateSpecData {
                func: f,
                partitions: None,
                timeout: None,
                initial: None,
            }))))
        }
        ("Thread", "sleep") => {
            let ms = int(&get(&args, 0, "Thread.sleep")?, "Thread.sleep")?;
            if ms < 0 {
                return Err(Exn::new(
                    "java.lang.IllegalArgumentException",
                    "timeout value is negative",
                ));
            }
            if rt.graph.started && rt.scope == crate::trace::Scope::Application {
                // `main` after `ssc.start()`: the driver waits while batches run.
                rt.driver_clock_ms = rt.driver_clock_ms.saturating_add(ms);
            } else {
                rt.cur.sleep_ms += ms;
            }
            Ok(Value::Unit)
        }
        // The wall clock, read on virtual time (the checker says so beside the code): the
        // batch's time and what it has slept so far in a batch, the driver's clock outside.
        ("System", "currentTimeMillis" | "nanoTime") => {
            let ms = virtual_now(rt);
            Ok(Value::Long(if name == "nanoTime" {
                ms.saturating_mul(1_000_000)
            } else {
                ms
            }))
        }
        // `sys.error(message)`: a `RuntimeException`.
        ("sys", "error") => Err(Exn::new(
            "java.lang.RuntimeException",
            get(&args, 0, name)?.to_string(),
        )),
        // `System.out.println(x)`: the console, as `println`.
        ("System", "out") => Ok(Value::Obj(Rc::new(Module("System.out")))),
        ("System.out", "println" | "print") => {
            let global = super::builtins::global(rt, name, span)?;
            super::interp::apply_value(rt, global, args, span)
        }
        ("System", "err") => Err(Exn::unsupported(
            "System.err (the playground's console shows what a program prints to standard output)",
        )),
        // `Array.concat(xs, ys)`, `List.concat(...)`: one collection of the companion's kind.
        (m @ ("Array" | "List" | "Seq" | "Vector"), "concat") => {
            let mut all = Vec::new();
            for a in &args {
                match a {
                    Value::Seq(_, items) => all.extend(items.iter().cloned()),
                    other => {
                        return Err(Exn::unsupported(format!(
                            "type mismatch in {m}.concat: found {}, required a collection",
                            class_of(other)
                        )))
                    }
                }
            }
            let kind = match m {
                "Array" => SeqKind::Array,
                "Vector" => SeqKind::Vector,
                _ => SeqKind::List,
            };
            Ok(Value::Seq(kind, Rc::new(all)))
        }
        ("StorageLevel", level) => Ok(Value::str(&crate::to_debug_string::level_value(level))),
        ("Int" | "Integer", "MaxValue" | "MAX_VALUE") => Ok(Value::Int(i32::MAX)),
        ("Int" | "Integer", "MinValue" | "MIN_VALUE") => Ok(Value::Int(i32::MIN)),
        ("Long", "MaxValue" | "MAX_VALUE") => Ok(Value::Long(i64::MAX)),
        ("Long", "MinValue" | "MIN_VALUE") => Ok(Value::Long(i64::MIN)),
        ("Double", "MaxValue" | "MAX_VALUE") => Ok(Value::Double(f64::MAX)),
        ("Double", "MinValue") => Ok(Value::Double(f64::MIN)),
        ("Double", "MinPositiveValue" | "MIN_VALUE") => Ok(Value::Double(f64::from_bits(1))),
        ("Double", "PositiveInfinity" | "POSITIVE_INFINITY") => Ok(Value::Double(f64::INFINITY)),
        ("Double", "NegativeInfinity" | "NEGATIVE_INFINITY") => {
            Ok(Value::Double(f64::NEG_INFINITY))
        }
        ("Double", "NaN") => Ok(Value::Double(f64::NAN)),
        // `Math.floorMod(a, b)`, `Math.floorDiv(a, b)`: rounded toward negative infinity
        // (Longs when either is one); Java's `/ by zero`.
        ("math", "floorMod" | "floorDiv") => {
            let (a, b) = (get(&args, 0, name)?, get(&args, 1, name)?);
            let long = matches!(a, Value::Long(_)) || matches!(b, Value::Long(_));
            let (x, y) = (int(&a, name)?, int(&b, name)?);
            if y == 0 {
                return Err(Exn::new("java.lang.ArithmeticException", "/ by zero"));
            }
            let mut q = x.wrapping_div(y);
            if x.wrapping_rem(y) != 0 && ((x < 0) != (y < 0)) {
                q -= 1;
            }
            let r = if name == "floorMod" {
                x.wrapping_sub(q.wrapping_mul(y))
            } else {
                q
            };
            Ok(if long {
                Value::Long(r)
            } else {
                Value::Int(r as i32)
            })
        }
        ("math", "toRadians" | "toDegrees") => {
            let x = to_f64(&get(&args, 0, name)?);
            Ok(Value::Double(if name == "toRadians" {
                x.to_radians()
            } else {
                x.to_degrees()
            }))
        }
        // Each of these would bring its own code into the page's download; streaming
        // programs rarely need them.
        (
            "math",
            "sin" | "cos" | "tan" | "asin" | "acos" | "atan" | "atan2" | "sinh" | "cosh" | "tanh"
            | "cbrt" | "hypot" | "log1p" | "expm1",
        ) => Err(Exn::unsupported(format!(
            "math.{name} (trigonometric and other special functions are left out of the playground, to keep the page small)"
        ))),
        ("math", "Pi") => Ok(Value::Double(std::f64::consts::PI)),
        ("math", "E") => Ok(Value::Double(std::f64::consts::E)),
        ("math", "floor" | "ceil" | "log" | "log10" | "exp" | "signum" | "rint") => {
            let x = to_f64(&get(&args, 0, name)?);
            Ok(Value::Double(match name {
                "floor" => x.floor(),
                "ceil" => x.ceil(),
                "log" => x.ln(),
                "log10" => x.log10(),
                "exp" => x.exp(),
                "rint" => x.round_ties_even(),
                _ => {
                    if x == 0.0 || x.is_nan() {
                        x
                    } else {
                        x.signum()
                    }
                }
            }))
        }
        // `math.round(x)`: a `Long` of a `Double` (`Int` of a `Float`), halves up.
        ("math", "round") => {
            let x = to_f64(&get(&args, 0, name)?);
            Ok(Value::Long(super::builtins::round_half_up(x)))
        }
        ("math", "max" | "min" | "abs" | "pow" | "sqrt") => {
            let a = get(&args, 0, name)?;
            match name {
                "abs" => super::builtins::call_method(rt, a, "abs", vec![], span),
                "sqrt" => Ok(Value::Double(to_f64(&a).sqrt())),
                "pow" => Ok(Value::Double(
                    to_f64(&a).powf(to_f64(&get(&args, 1, name)?)),
                )),
                // The overload of the wider type: `math.min(2.0, 1)` is `1.0`.
                _ => {
                    let b = get(&args, 1, name)?;
                    let (a, b) = match (&a, &b) {
                        (Value::Double(_), _) | (_, Value::Double(_)) => {
                            (Value::Double(to_f64(&a)), Value::Double(to_f64(&b)))
                        }
                        (Value::Long(_), Value::Int(i)) => (a, Value::Long(i64::from(*i))),
                        (Value::Int(i), Value::Long(_)) => (Value::Long(i64::from(*i)), b),
                        _ => (a, b),
                    };
                    super::builtins::call_method(rt, a, name, vec![b], span)
                }
            }
        }
        ("StreamingContext", "getOrCreate" | "getActiveOrCreate") => {
            let (path, create) = match (name, args.as_slice()) {
                ("getActiveOrCreate", [f]) => (None, f.clone()),
                (_, [p, f, ..]) => (Some(p.to_string()), f.clone()),
                _ => {
                    return Err(Exn::unsupported(format!(
                        "StreamingContext.{name}: not enough arguments"
                    )))
                }
            };
            match path {
                Some(p) => crate::checkpoint::get_or_create(rt, &p, create),
                None => super::interp::apply_value(rt, create, Vec::new(), span),
            }
        }
        // Java's statics: `String.format(fmt, args...)` is Scala's `fmt.format(args...)`.
        ("String", "format") => {
            let mut args = args.into_iter();
            let fmt = args.next().unwrap_or(Value::str(""));
            super::builtins::call_method(rt, fmt, "format", args.collect(), span)
        }
        // `String.valueOf(chars)`: an array of characters is its text.
        ("String", "valueOf" | "copyValueOf") => match get(&args, 0, name)? {
            Value::Seq(SeqKind::Array, cs) if cs.iter().all(|c| matches!(c, Value::Char(_))) => {
                construct(rt, "String", args, span)
            }
            v => Ok(Value::str(&v.to_text())),
        },
        ("Integer", "valueOf") => match get(&args, 0, name)? {
            Value::Str(s) => super::builtins::parse_int(&s),
            v => Ok(v),
        },
        ("Integer", "parseInt") => {
            let s = get(&args, 0, name)?.to_string();
            match args.get(1) {
                Some(radix) => parse_int_radix(&s, int(radix, name)?),
                None => super::builtins::parse_int(&s),
            }
        }
        // Java's unsigned two's-complement digits of an `Int`.
        ("Integer", "toBinaryString" | "toHexString" | "toOctalString") => {
            let n = int(&get(&args, 0, name)?, name)? as u32;
            Ok(Value::str(&match name {
                "toBinaryString" => format!("{n:b}"),
                "toHexString" => format!("{n:x}"),
                _ => format!("{n:o}"),
            }))
        }
        // Only objects `call_global` makes values of itself: any other goes back here.
        (
            m @ ("Some" | "Option" | "List" | "Seq" | "Vector" | "Iterator" | "Set" | "Array"
            | "ArrayBuffer" | "ListBuffer" | "Seconds" | "Milliseconds" | "Minutes"
            | "Duration" | "MutableMap" | "MutableSet"),
            "apply",
        ) => super::builtins::call_global(rt, m, args, span),
        // `TreeMap.empty[K, V]`, `TreeMap.from(pairs)`, `LinkedHashSet.apply(...)`.
        (m, "empty" | "from" | "apply")
            if super::builtins::is_ordered(m)
                && args
                    .iter()
                    .any(|a| a.obj::<super::ordering_obj::OrderingObj>().is_some()) =>
        {
            Err(super::builtins::own_ordering(
                m.strip_prefix("Mutable").unwrap_or(m),
            ))
        }
        (m, "empty" | "from" | "apply") if super::builtins::is_ordered(m) => {
            let items = match (name, args.first()) {
                ("empty", _) | ("from", None) => Vec::new(),
                ("from", Some(xs)) => super::interp::into_items(rt, xs.clone())?,
                _ => args,
            };
            super::builtins::sorted_or_linked(m, items)
        }
        (m @ ("Queue" | "Stack"), "empty" | "from" | "apply") => {
            super::queue::companion(rt, m == "Stack", name, args)
        }
        ("MutableMap", "empty") => super::mutable_map::from(true, Vec::new()),
        ("MutableSet", "empty") => super::mutable_map::from(false, Vec::new()),
        (m, "apply") => Err(Exn::unsupported(format!(
            "{m}.type does not take parameters"
        ))),
        ("List" | "Seq", "empty") => Ok(Value::list(Vec::new())),
        ("Option", "empty") => Ok(Value::None),
        // `Either.cond(test, right, left)`.
        ("Either", "cond") => {
            let test = get(&args, 0, name)?.as_bool() == Some(true);
            let (side, at) = if test { ("Right", 1) } else { ("Left", 2) };
            super::either::make(rt, side, get(&args, at, name)?)
        }
        // `List.range(start, end[, step])`: the numbers of `start until end by step`.
        ("List" | "Seq", "range") => {
            let n = |i: usize| int(&get(&args, i, "List.range")?, "List.range");
            let step = if args.len() > 2 { n(2)? } else { 1 };
            match super::builtins::range(n(0)?, n(1)?, step, true)? {
                Value::Seq(_, items) => Ok(Value::Seq(SeqKind::List, items)),
                other => Ok(other),
            }
        }
        // `Iterator.range(start, end[, step])`.
        ("Iterator", "range") => {
            let n = |i: usize| int(&get(&args, i, "Iterator.range")?, "Iterator.range");
            let step = if args.len() > 2 { n(2)? } else { 1 };
            let items = match super::builtins::range(n(0)?, n(1)?, step, true)? {
                Value::Seq(_, items) => items,
                _ => Rc::new(Vec::new()),
            };
            Ok(super::interp::IterObj::wrap(crate::rdd::VecIter::new(
                items,
            )))
        }
        ("Array", "empty") => Ok(Value::Seq(SeqKind::Array, Rc::new(Vec::new()))),
        ("Vector", "empty") => Ok(Value::Seq(SeqKind::Vector, Rc::new(Vec::new()))),
        ("Iterator", "empty") => Ok(super::interp::IterObj::wrap(crate::rdd::VecIter::new(
            Rc::new(Vec::new()),
        ))),
        ("Duration" | "Seconds" | "Milliseconds" | "Minutes", _) => {
            Err(Exn::unsupported(format!("{module}.{name}")))
        }
        _ => Err(Exn::unsupported(format!(
            "value {name} is not a member of object {module}"
        ))),
    }
}

fn to_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Long(l) => *l as f64,
        Value::Double(d) => *d,
        _ => f64::NAN,
    }
}

fn conf_method(rt: &mut Runtime, recv: Value, name: &str, args: Vec<Value>) -> R {
    let s = |i: usize| -> Result<String, Exn> { Ok(get(&args, i, name)?.to_string()) };
    // `setMaster(m)` is `set("spark.master", m)`, `setAppName(n)` `set("spark.app.name", n)`.
    let setting = |rt: &Runtime, key: &str| match key {
        "spark.master" => rt.conf.master.clone(),
        "spark.app.name" => rt.conf.app_name.clone(),
        _ => rt.conf.settings.get(key).cloned(),
    };
    match name {
        "setMaster" => rt.conf.master = Some(s(0)?),
        "setAppName" => rt.conf.app_name = Some(s(0)?),
        "set" => match s(0)?.as_str() {
            "spark.master" => rt.conf.master = Some(s(1)?),
            "spark.app.name" => rt.conf.app_name = Some(s(1)?),
            key => {
                rt.conf.settings.insert(key.to_string(), s(1)?);
            }
        },
        "get" => {
            return match setting(rt, &s(0)?) {
                Some(v) => Ok(Value::str(&v)),
                None => match args.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(Exn::new("java.util.NoSuchElementException", s(0)?)),
                },
            }
        }
        "getOption" => return Ok(Value::option(setting(rt, &s(0)?).map(|v| Value::str(&v)))),
        // `getInt(key, default)` and kin: the setting read as Java reads it, else the default.
        "getInt" | "getLong" | "getDouble" | "getBoolean" => {
            let default = get(&args, 1, name)?;
            let Some(v) = setting(rt, &s(0)?) else {
                return Ok(default);
            };
            let to = match name {
                "getInt" => "toInt",
                "getLong" => "toLong",
                "getDouble" => "toDouble",
                // Scala's `toBoolean`: `true` or `false` in any case.
                _ => {
                    return match v.to_ascii_lowercase().as_str() {
                        "true" => Ok(Value::Bool(true)),
                        "false" => Ok(Value::Bool(false)),
                        _ => Err(Exn::new(
                            "java.lang.IllegalArgumentException",
                            format!("For input string: \"{v}\""),
                        )),
                    }
                }
            };
            return super::builtins::parse_number(to, &v)
                .unwrap_or_else(|| Err(Exn::unsupported(format!("SparkConf.{name}"))));
        }
        "setIfMissing" => {
            if setting(rt, &s(0)?).is_none() {
                return conf_method(rt, recv, "set", args);
            }
        }
        "remove" => match s(0)?.as_str() {
            "spark.master" => rt.conf.master = None,
            "spark.app.name" => rt.conf.app_name = None,
            key => {
                rt.conf.settings.remove(key);
            }
        },
        "contains" => return Ok(Value::Bool(setting(rt, &s(0)?).is_some())),
        _ => return Err(not_member(name, "SparkConf", CONF_METHODS)),
    }
    Ok(recv)
}

/// `sc.range(start, end, step = 1, numSlices = defaultParallelism)`: the `Long`s from
/// `start` up to (or down to) `end`, excluded, split as Spark splits them: slice `i` of `n`
/// from element `i * count / n`.
fn sc_range(rt: &mut Runtime, args: &[Value]) -> R {
    let long = |i: usize, default: Option<i64>| -> Result<i64, Exn> {
        match (args.get(i), default) {
            (Some(Value::Int(n)), _) => Ok(i64::from(*n)),
            (Some(Value::Long(n)), _) => Ok(*n),
            (None, Some(d)) => Ok(d),
            _ => Err(Exn::unsupported("range needs whole numbers")),
        }
    };
    let (start, end, step) = (long(0, None)?, long(1, None)?, long(2, Some(1))?);
    if step == 0 {
        return Err(Exn::require("step cannot be 0"));
    }
    let slices = match args.get(3) {
        Some(v) => int(v, "range")?,
        None => rt.conf.default_parallelism() as i64,
    };
    if slices < 1 {
        return Err(Exn::new(
            "java.lang.IllegalArgumentException",
            "Positive number of partitions required",
        ));
    }
    let span = i128::from(end) - i128::from(start);
    let count = if (span > 0) != (step > 0) || span == 0 {
        0
    } else {
        (span.abs() + i128::from(step).abs() - 1) / i128::from(step).abs()
    };
    rt.burn(count as u64)?;
    if count > 1_000_000 {
        return Err(Exn::unsupported(format!(
            "a range of {count} numbers (the playground holds up to 1,000,000)"
        )));
    }
    let items = (0..count as i64)
        .map(|k| Value::Long(start + k * step))
        .collect();
    let n = Exn::check_partitions(slices as usize)?;
    // Spark's is `parallelize(0 until n, n).mapPartitionsWithIndex(...)`: two RDDs, the
    // numbers made in the second.
    let source = Rdd::parallelize(rt, items, n);
    let identity = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs| Ok(recs)));
    Ok(rdd_value(source.narrow(rt, identity)))
}

fn sc_method(rt: &mut Runtime, name: &str, args: Vec<Value>) -> R {
    match name {
        "setLogLevel" => {
            let level = get(&args, 0, name)?.to_string();
            let known = [
                "ALL", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN",
            ];
            if !known.contains(&level.to_ascii_uppercase().as_str()) {
                return Err(Exn::require(format!(
                    "Supplied level {level} did not match one of: {}",
                    known.join(",")
                )));
            }
            rt.log_level = Some(level.to_ascii_uppercase());
            Ok(Value::Unit)
        }
        "stop" => Ok(Value::Unit),
        "setCheckpointDir" => {
            rt.checkpoint_dir = Some(get(&args, 0, name)?.to_string());
            Ok(Value::Unit)
        }
        "broadcast" => {
            let id = rt.next_broadcast();
            Ok(Value::Obj(Rc::new(BroadcastObj(get(&args, 0, name)?, id))))
        }
        "longAccumulator" | "doubleAccumulator" | "collectionAccumulator" => {
            use super::accumulator::{AccumulatorObj, Kind};
            let kind = match name {
                "longAccumulator" => Kind::Long,
                "doubleAccumulator" => Kind::Double,
                _ => Kind::Collection,
            };
            let label = args.first().map(|v| v.to_string());
            let id = rt.accumulators;
            rt.accumulators += 1;
            Ok(Value::Obj(Rc::new(AccumulatorObj::new(id, label, kind))))
        }
        "parallelize" | "makeRDD" => {
            let items = iterate(rt, &get(&args, 0, name)?)?;
            let n = match args.get(1) {
                // `ParallelCollectionRDD.slice`'s words. (Spark says them when a job first
                // asks for the partitions; here where the RDD is made.)
                Some(v) if int(v, name)? < 1 => {
                    return Err(Exn::new(
                        "java.lang.IllegalArgumentException",
                        "Positive number of partitions required",
                    ))
                }
                Some(v) => Exn::check_partitions(int(v, name)? as usize)?,
                None => rt.conf.default_parallelism(),
            };
            Ok(rdd_value(Rdd::parallelize(rt, items, n)))
        }
        "emptyRDD" => Ok(rdd_value(Rdd::empty(rt))),
        "defaultParallelism" => Ok(Value::Int(rt.conf.default_parallelism() as i32)),
        "version" => Ok(Value::str("4.3.0")),
        "appName" => Ok(Value::str(rt.conf.app_name.as_deref().unwrap_or(""))),
        "master" => Ok(Value::str(rt.conf.master.as_deref().unwrap_or(""))),
        // The context's configuration (Spark's is a copy; the playground has one).
        "getConf" => Ok(Value::Obj(Rc::new(ConfObj))),
        "isLocal" => Ok(Value::Bool(
            rt.conf.master.as_deref().unwrap_or("").starts_with("local"),
        )),
        "defaultMinPartitions" => Ok(Value::Int(rt.conf.default_parallelism().min(2) as i32)),
        "range" => sc_range(rt, &args),
        // `sc.union(r1, r2, ...)` or `sc.union(Seq(r1, r2))`: one `UnionRDD` of them all.
        "union" => {
            let all = match args.as_slice() {
                [one] if as_rdd(one).is_none() => iterate(rt, one)?,
                _ => args,
            };
            let rdds = all
                .iter()
                .map(|r| as_rdd(r).ok_or_else(|| Exn::unsupported("union needs RDDs")))
                .collect::<Result<Vec<_>, Exn>>()?;
            Ok(rdd_value(crate::rdd::union(rt, rdds)))
        }
        _ => Err(not_member(name, "SparkContext", SC_METHODS)),
    }
}

fn ssc_method(rt: &mut Runtime, name: &str, args: Vec<Value>, span: Span) -> R {
    let batch = rt.batch.unwrap_or(Duration(1000));
    let started_err = || {
        Exn::new(
            "java.lang.IllegalStateException",
            "Adding new inputs, transformations, and output operations after starting a context is not supported",
        )
    };
    match name {
        "sparkContext" => Ok(Value::Obj(Rc::new(ScObj))),
        "addStreamingListener" => super::listener::add(rt, get(&args, 0, name)?),
        "removeStreamingListener" => super::listener::remove(rt, &get(&args, 0, name)?),
        "checkpoint" => {
            rt.checkpoint_dir = Some(get(&args, 0, name)?.to_string());
            rt.interp.streaming_checkpoint = true;
            Ok(Value::Unit)
        }
        "socketTextStream" | "socketStream" | "rawSocketStream" => {
            if rt.graph.started {
                return Err(started_err());
            }
            let id = ops::socket_input::new(rt, batch);
            rt.graph.nodes[id].span = Some((span.start, span.end));
            Ok(dstream(id))
        }
        "queueStream" => {
            if rt.graph.started {
                return Err(started_err());
            }
            let q = get(&args, 0, name)?;
            let queue = match q.obj::<super::queue::QueueObj>() {
                Some(q) if !q.stack => q.items.clone(),
                _ => {
                    return Err(Exn::unsupported(
                        "queueStream needs a mutable.Queue of RDDs",
                    ))
                }
            };
            let one_at_a_time = match args.get(1) {
                None => true,
                Some(Value::Bool(b)) => *b,
                Some(v) => {
                    return Err(Exn::unsupported(format!(
                        "type mismatch in queueStream's oneAtATime: found {}, required Boolean",
                        v.type_name()
                    )))
                }
            };
            let default =
                match args.get(2) {
                    None | Some(Value::Null) => None,
                    Some(v) => Some(as_rdd(v).ok_or_else(|| {
                        Exn::unsupported("queueStream's defaultRDD must be an RDD")
                    })?),
                };
            Ok(dstream(ops::queue_input::new(
                rt,
                batch,
                queue,
                one_at_a_time,
                default,
            )))
        }
        "remember" => {
            let d = dur(&get(&args, 0, name)?, name)?;
            if let Some(prev) = rt.graph.remember {
                return Err(Exn::require(format!(
                    "Remember duration already set as {prev}. Cannot set it again."
                )));
            }
            rt.graph.remember = Some(d);
            Ok(Value::Unit)
        }
        "union" => {
            let items = iterate(rt, &get(&args, 0, name)?)?;
            let ids: Vec<NodeId> = items
                .iter()
                .filter_map(|v| v.obj::<DStreamObj>().map(|d| d.id))
                .collect();
            Ok(dstream(ops::union::new(rt, ids)?))
        }
        "transform" => {
            let items = iterate(rt, &get(&args, 0, name)?)?;
            let ids: Vec<NodeId> = items
                .iter()
                .filter_map(|v| v.obj::<DStreamObj>().map(|d| d.id))
                .collect();
            let f = func(&get(&args, 1, name)?, name)?;
            let wrapped = Func::native("spark.transformSeq", move |rt, a: &[Value]| {
                let rdds = Value::list(a.iter().filter(|v| as_rdd(v).is_some()).cloned().collect());
                let t = a
                    .iter()
                    .find(|v| as_rdd(v).is_none())
                    .cloned()
                    .unwrap_or(Value::Unit);
                rt.call_user("transformFunc", Some(&Value::str("driver")), &f, &[rdds, t])
            });
            Ok(dstream(ops::transformed::new(
                rt,
                ids,
                wrapped,
                "transform",
            )?))
        }
        "start" => {
            if rt.interp.stopped {
                return Err(Exn::new(
                    "java.lang.IllegalStateException",
                    "StreamingContext has already been stopped",
                ));
            }
            if rt.graph.started {
                rt.warn(
                    "org.apache.spark.streaming.StreamingContext",
                    "StreamingContext has already been started",
                );
                return Ok(Value::Unit);
            }
            rt.phase = Phase::Start;
            if rt.graph.outputs.is_empty() {
                return Err(Exn::require(
                    "No output operations registered, so nothing to execute",
                ));
            }
            let dir = rt.checkpoint_dir.is_some();
            rt.graph.start(crate::checkpoint::start_zero(rt), dir)?;
            if rt.interp.streaming_checkpoint {
                super::user_class::check_checkpointable(rt)?;
            }
            // Each receiver is a long-running job of one task over an RDD of its own
            // (`ReceiverTracker.startReceiver`'s `makeRDD`): it takes an RDD, a stage and a
            // task id (and, for the whole run, a core).
            let receivers: Vec<usize> = super::listener::input_streams(rt)
                .into_iter()
                .enumerate()
                .filter(|(_, input)| *input == super::listener::Input::Receiver)
                .map(|(id, _)| id)
                .collect();
            for _ in &receivers {
                rt.rdd_id();
                rt.stage_id();
                rt.task_id();
            }
            rt.phase = Phase::Build;
            super::listener::started(rt, &receivers)?;
            Ok(Value::Unit)
        }
        // `StreamingContextState`, by its name (an enum's `toString`).
        "getState" => Ok(Value::str(if rt.interp.stopped {
            "STOPPED"
        } else if rt.graph.started {
            "ACTIVE"
        } else {
            "INITIALIZED"
        })),
        "awaitTermination" | "awaitTerminationOrTimeout" => {
            rt.interp.awaited = true;
            if name == "awaitTerminationOrTimeout" {
                if let Some(ms) = args.first() {
                    rt.await_timeout = Some(int(ms, name)?);
                }
            }
            Err(Exn::new(AWAIT_CLASS, ""))
        }
        "stop" if rt.graph.started && rt.driver_clock_ms > 0 && !rt.interp.awaited => {
            // `ssc.stop()` after the driver slept: the run ends at the driver's time.
            rt.interp.awaited = true;
            rt.await_timeout = Some(rt.driver_clock_ms);
            Err(Exn::new(AWAIT_CLASS, ""))
        }
        "stop" if rt.graph.started && rt.now.is_some() => {
            // `ssc.stop()` in a batch's driver code (`foreachRDD`): that batch is the last.
            let now = rt.now.map_or(0, |t| t.0);
            rt.await_timeout = Some(rt.await_timeout.map_or(now, |ms| ms.min(now)));
            Ok(Value::Unit)
        }
        "stop" => {
            // Before `start` or right after it: the context is stopped (Spark's state
            // `STOPPED`; no batch runs) and cannot start again.
            rt.interp.stopped = true;
            Ok(Value::Unit)
        }
        _ => Err(not_member(name, "StreamingContext", SSC_METHODS)),
    }
}

/// `Partitioner.defaultPartitioner(rdd, others)`: what an RDD's `reduceByKey`, `groupByKey`
/// or join uses without a partition count. The largest existing partitioner among the RDDs
/// (the first, if several are as large) when it is within ten times the most partitions or not
/// smaller than the default; else a `HashPartitioner` of `spark.default.parallelism` if set,
/// or of the most partitions of the RDDs. (A DStream's operations use `defaultParallelism`.)
fn default_partitioner(rt: &Runtime, rdds: &[&Rc<Rdd>]) -> Partitioner {
    let most = rdds.iter().map(|r| r.num_partitions()).max().unwrap_or(0);
    let default = if rt.conf.settings.contains_key("spark.default.parallelism") {
        rt.conf.default_parallelism()
    } else {
        most
    };
    let largest = rdds
        .iter()
        .filter(|r| r.partitioner.as_ref().is_some_and(|p| p.0 > 0))
        .fold(None::<&&Rc<Rdd>>, |best, r| match best {
            Some(b) if b.num_partitions() >= r.num_partitions() => Some(b),
            _ => Some(r),
        });
    if let Some(r) = largest {
        let eligible = (most as f64).log10() - (r.num_partitions() as f64).log10() < 1.0;
        if let Some(p) = r
            .partitioner
            .clone()
            .filter(|_| eligible || default <= r.num_partitions())
        {
            return p;
        }
    }
    Partitioner::hash(default)
}

/// A `HashPartitioner` of no partitions: Spark runs it (every partition of what it makes is
/// empty, its map side writes nowhere), the playground does not.
fn zero_partitions() -> Exn {
    Exn::unsupported(
        "a HashPartitioner of 0 partitions (Spark runs it: what it partitions is always empty)",
    )
}

/// An RDD operation's partition count: the one given, else [`default_partitioner`].
fn rdd_partitions_arg(
    rt: &Runtime,
    v: Option<&Value>,
    what: &str,
    rdds: &[&Rc<Rdd>],
) -> Result<Partitioner, Exn> {
    match v {
        None => Ok(default_partitioner(rt, rdds)),
        Some(_) => partitions_arg(rt, v, what),
    }
}

fn partitions_arg(rt: &Runtime, v: Option<&Value>, what: &str) -> Result<Partitioner, Exn> {
    if let Some(p) = v.and_then(|v| v.obj::<PartitionerObj>()) {
        return Ok(p.0.clone());
    }
    match v {
        None => Ok(Partitioner::hash(rt.conf.default_parallelism())),
        Some(v) => {
            // `new HashPartitioner(n)`, as Spark makes it from a partition count.
            let n = int(v, what)?;
            if n < 0 {
                return Err(Exn::require(format!(
                    "Number of partitions ({n}) cannot be negative."
                )));
            }
            if n == 0 {
                return Err(zero_partitions());
            }
            Ok(Partitioner::hash(Exn::check_partitions(n as usize)?))
        }
    }
}

fn sum_fn() -> Func {
    Func::native("spark.sum", |rt, a| {
        super::interp::binary(rt, super::ast::BinOp::Add, a[0].clone(), a[1].clone())
    })
}

fn sub_fn() -> Func {
    Func::native("spark.sub", |rt, a| {
        super::interp::binary(rt, super::ast::BinOp::Sub, a[0].clone(), a[1].clone())
    })
}

fn native_map(name: &str, f: impl Fn(&Value) -> Value + 'static) -> Func {
    Func::native(name, move |_rt, a| Ok(f(&a[0])))
}

fn dstream_method(
    rt: &mut Runtime,
    id: NodeId,
    internal: Option<NodeId>,
    name: &str,
    args: Vec<Value>,
    span: Span,
) -> R {
    let slide = rt.graph.nodes[id].slide;
    let new_id = match name {
        "map" => ops::mapped::new(
            rt,
            id,
            Narrow::Map(func(&get(&args, 0, name)?, name)?, "mapFunc"),
        ),
        "flatMap" => ops::mapped::new(
            rt,
            id,
            Narrow::FlatMap(func(&get(&args, 0, name)?, name)?, "flatMapFunc"),
        ),
        "filter" => ops::mapped::new(
            rt,
            id,
            Narrow::Filter(func(&get(&args, 0, name)?, name)?, "filterFunc"),
        ),
        "mapValues" => ops::mapped::new(
            rt,
            id,
            Narrow::MapValues(func(&get(&args, 0, name)?, name)?),
        ),
        "flatMapValues" => ops::mapped::new(
            rt,
            id,
            Narrow::FlatMapValues(func(&get(&args, 0, name)?, name)?),
        ),
        "mapPartitions" => ops::mapped::new(
            rt,
            id,
            Narrow::MapPartitions(func(&get(&args, 0, name)?, name)?),
        ),
        "glom" => ops::mapped::new(rt, id, Narrow::Glom),
        "union" => {
            let other = get(&args, 0, name)?
                .obj::<DStreamObj>()
                .map(|d| d.id)
                .ok_or_else(|| Exn::unsupported("union needs a DStream"))?;
            ops::union::new(rt, vec![id, other])?
        }
        "transform" => ops::transformed::new(
            rt,
            vec![id],
            func(&get(&args, 0, name)?, name)?,
            "transform",
        )?,
        "transformWith" => {
            let other = get(&args, 0, name)?
                .obj::<DStreamObj>()
                .map(|d| d.id)
                .ok_or_else(|| Exn::unsupported("transformWith needs a DStream"))?;
            ops::transformed::new(
                rt,
                vec![id, other],
                func(&get(&args, 1, name)?, name)?,
                "transformWith",
            )?
        }
        "reduceByKey" => {
            let f = func(&get(&args, 0, name)?, name)?;
            let p = partitions_arg(rt, args.get(1), name)?;
            ops::shuffled::new(rt, id, Aggregator::reduce(f), p, true, "reduceByKey")
        }
        "groupByKey" => {
            let p = partitions_arg(rt, args.first(), name)?;
            ops::shuffled::new(rt, id, Aggregator::group_dstream(), p, true, "groupByKey")
        }
        "combineByKey" => {
            let c = func(&get(&args, 0, name)?, name)?;
            let mv = func(&get(&args, 1, name)?, name)?;
            let mc = func(&get(&args, 2, name)?, name)?;
            let p = partitions_arg(rt, args.get(3), name)?;
            let agg = Aggregator {
                create: AggFn::User(c, "createCombiner"),
                merge_value: AggFn::User(mv, "mergeValue"),
                merge_combiners: AggFn::User(mc, "mergeCombiners"),
            };
            ops::shuffled::new(rt, id, agg, p, true, "combineByKey")
        }
        "countByValue" => {
            let p = partitions_arg(rt, args.first(), name)?;
            let m = ops::mapped::new(
                rt,
                id,
                Narrow::Map(
                    native_map("spark.countByValue", |v| {
                        Value::pair(v.clone(), Value::Long(1))
                    }),
                    "mapFunc",
                ),
            );
            ops::shuffled::new(rt, m, Aggregator::reduce(sum_fn()), p, true, "countByValue")
        }
        "count" => count_stream(rt, id)?,
        "reduce" => {
            let f = func(&get(&args, 0, name)?, name)?;
            let m = ops::mapped::new(
                rt,
                id,
                Narrow::Map(
                    native_map("spark.reduceKey", |v| Value::pair(Value::Null, v.clone())),
                    "mapFunc",
                ),
            );
            let r = ops::shuffled::new(
                rt,
                m,
                Aggregator::reduce(f),
                Partitioner::hash(1),
                true,
                "reduce",
            );
            ops::mapped::new(
                rt,
                r,
                Narrow::Map(native_map("spark.value", second), "mapFunc"),
            )
        }
        "window" => {
            let w = dur(&get(&args, 0, name)?, name)?;
            let s = match args.get(1) {
                Some(v) => dur(v, name)?,
                None => slide,
            };
            ops::windowed::new(rt, id, w, s)?
        }
        "reduceByKeyAndWindow" => reduce_by_key_and_window(rt, id, &args, slide)?,
        "reduceByWindow" => {
            let f = func(&get(&args, 0, name)?, name)?;
            if args.get(1).and_then(|v| v.obj::<Func>()).is_some() {
                let inv = func(&get(&args, 1, name)?, name)?;
                let w = dur(&get(&args, 2, name)?, name)?;
                let s = dur(&get(&args, 3, name)?, name)?;
                reduce_by_window_inv(rt, id, f, inv, w, s)?
            } else {
                let w = dur(&get(&args, 1, name)?, name)?;
                let s = dur(&get(&args, 2, name)?, name)?;
                let m = ops::mapped::new(
                    rt,
                    id,
                    Narrow::Map(
                        native_map("spark.reduceKey", |v| Value::pair(Value::Null, v.clone())),
                        "mapFunc",
                    ),
                );
                let r1 = ops::shuffled::new(
                    rt,
                    m,
                    Aggregator::reduce(f.clone()),
                    Partitioner::hash(1),
                    true,
                    "reduce",
                );
                let v1 = ops::mapped::new(
                    rt,
                    r1,
                    Narrow::Map(native_map("spark.value", second), "mapFunc"),
                );
                let win = ops::windowed::new(rt, v1, w, s)?;
                let m2 = ops::mapped::new(
                    rt,
                    win,
                    Narrow::Map(
                        native_map("spark.reduceKey", |v| Value::pair(Value::Null, v.clone())),
                        "mapFunc",
                    ),
                );
                let r2 = ops::shuffled::new(
                    rt,
                    m2,
                    Aggregator::reduce(f),
                    Partitioner::hash(1),
                    true,
                    "reduce",
                );
                ops::mapped::new(
                    rt,
                    r2,
                    Narrow::Map(native_map("spark.value", second), "mapFunc"),
                )
            }
        }
        "countByWindow" => {
            let w = dur(&get(&args, 0, name)?, name)?;
            let s = dur(&get(&args, 1, name)?, name)?;
            let ones = ops::mapped::new(
                rt,
                id,
                Narrow::Map(native_map("spark.one", |_| Value::Long(1)), "mapFunc"),
            );
            reduce_by_window_inv(rt, ones, sum_fn(), sub_fn(), w, s)?
        }
        "countByValueAndWindow" => {
            let w = dur(&get(&args, 0, name)?, name)?;
            let s = dur(&get(&args, 1, name)?, name)?;
            let p = partitions_arg(rt, args.get(2), name)?;
            let m = ops::mapped::new(
                rt,
                id,
                Narrow::Map(
                    native_map("spark.countByValue", |v| {
                        Value::pair(v.clone(), Value::Long(1))
                    }),
                    "mapFunc",
                ),
            );
            let filter = Func::native("spark.nonZero", |_rt, a| {
                Ok(Value::Bool(
                    a[0].as_pair()
                        .map(|(_, v)| !v.scala_eq(&Value::Long(0)))
                        .unwrap_or(true),
                ))
            });
            ops::reduced_windowed::new(rt, m, sum_fn(), sub_fn(), w, s, p, Some(filter))?
        }
        "groupByKeyAndWindow" => {
            let w = dur(&get(&args, 0, name)?, name)?;
            let s = match args.get(1) {
                Some(v) if v.obj::<DurationObj>().is_some() => dur(v, name)?,
                _ => slide,
            };
            let p = partitions_arg(
                rt,
                args.iter()
                    .find(|v| matches!(v, Value::Int(_)) || v.obj::<PartitionerObj>().is_some()),
                name,
            )?;
            let g = ops::shuffled::new(
                rt,
                id,
                Aggregator::group_dstream(),
                p.clone(),
                true,
                "groupByKey",
            );
            let win = ops::windowed::new(rt, g, w, s)?;
            let agg = Aggregator {
                create: AggFn::BufferFrom,
                merge_value: AggFn::BufferConcat,
                merge_combiners: AggFn::BufferConcat,
            };
            ops::shuffled::new(rt, win, agg, p, true, "groupByKeyAndWindow")
        }
        "updateStateByKey" => {
            let f = func(&get(&args, 0, name)?, name)?;
            let p = match args.get(1) {
                Some(v)
                    if matches!(v, Value::Int(_) | Value::Long(_))
                        || v.obj::<PartitionerObj>().is_some() =>
                {
                    partitions_arg(rt, Some(v), name)?
                }
                _ => Partitioner::hash(rt.conf.default_parallelism()),
            };
            // `initialRDD`: an RDD, or (the overload whose function takes the time) an
            // `Option` of one.
            let initial = args.iter().skip(1).find_map(|a| match a {
                Value::Some(inner) => as_rdd(inner),
                _ => as_rdd(a),
            });
            let update = match f.arity() {
                Some(4) => StateUpdate::WithTime(f),
                // `updateStateByKey(it => ..., partitioner, rememberPartitioner)`.
                Some(1) => StateUpdate::Iterator(f, bool_arg(args.get(2), true, name)?),
                _ => StateUpdate::Simple(f),
            };
            ops::state::new(rt, id, update, p, initial)
        }
        "mapWithState" => {
            let spec = get(&args, 0, name)?;
            let Some(spec) = spec.obj::<SpecObj>() else {
                return Err(Exn::unsupported(
                    "mapWithState needs a StateSpec (StateSpec.function(...))",
                ));
            };
            let (internal, public) = ops::map_with_state::new(rt, id, spec.0.clone());
            rt.graph.nodes[public].span = Some((span.start, span.end));
            return Ok(Value::Obj(Rc::new(DStreamObj {
                id: public,
                internal: Some(internal),
            })));
        }
        "stateSnapshots" => match internal {
            Some(i) => ops::map_with_state::snapshots(rt, i),
            None => {
                return Err(Exn::unsupported(
                    "stateSnapshots is only defined on the stream mapWithState returns",
                ))
            }
        },
        "join" | "leftOuterJoin" | "rightOuterJoin" | "fullOuterJoin" | "cogroup" => {
            let other = get(&args, 0, name)?
                .obj::<DStreamObj>()
                .map(|d| d.id)
                .ok_or_else(|| Exn::unsupported("join needs a DStream"))?;
            let p = partitions_arg(rt, args.get(1), name)?;
            let kind = name.to_string();
            let f = move |rt: &mut Runtime, rdds: Vec<Rc<Rdd>>, _t| {
                Ok(join_rdds(
                    rt,
                    &kind,
                    rdds[0].clone(),
                    rdds[1].clone(),
                    p.clone(),
                ))
            };
            let slide = rt.graph.one_slide(&[id, other], "list")?;
            let node = rt.graph.add(
                "TransformedDStream",
                name,
                vec![id, other],
                slide,
                crate::graph::NodeKind::TransformedNative(Rc::new(f)),
            );
            // `transformWith` in PairDStreamFunctions.scala: its RDDs' site is that line.
            let site = match name {
                "join" => "join at PairDStreamFunctions.scala:618",
                "leftOuterJoin" => "leftOuterJoin at PairDStreamFunctions.scala:655",
                "rightOuterJoin" => "rightOuterJoin at PairDStreamFunctions.scala:692",
                "fullOuterJoin" => "fullOuterJoin at PairDStreamFunctions.scala:729",
                _ => "cogroup at PairDStreamFunctions.scala:586",
            };
            spark_site(rt, node, site);
            node
        }
        "repartition" => {
            // Checked where Spark checks it: in the batch's `transform`, at the first batch.
            let n = repartition_arg(&args, name);
            let f = move |rt: &mut Runtime, rdds: Vec<Rc<Rdd>>, _t| {
                Ok(repartition(rt, &rdds[0], n.clone()?))
            };
            let node = rt.graph.add(
                "TransformedDStream",
                "repartition",
                vec![id],
                slide,
                crate::graph::NodeKind::TransformedNative(Rc::new(f)),
            );
            // `DStream.repartition` is `transform(_.repartition(n))` in DStream.scala.
            spark_site(rt, node, "repartition at DStream.scala:586");
            node
        }
        "checkpoint" => {
            let d = dur(&get(&args, 0, name)?, name)?;
            // `DStream.checkpoint(d)` calls `persist()`: `MEMORY_ONLY_SER`.
            let target = internal.unwrap_or(id);
            let n = &mut rt.graph.nodes[target];
            n.checkpoint = Some(d);
            n.persist = true;
            n.serialized = true;
            return Ok(Value::Obj(Rc::new(DStreamObj { id, internal })));
        }
        "cache" | "persist" => {
            let target = match &rt.graph.nodes[id].kind {
                crate::graph::NodeKind::Windowed { .. } => rt.graph.nodes[id].parents[0],
                _ => id,
            };
            rt.graph.nodes[target].persist = true;
            return Ok(Value::Obj(Rc::new(DStreamObj { id, internal })));
        }
        "print" => {
            let num = match args.first() {
                Some(v) => int(v, name)?,
                None => 10,
            };
            let out = ops::for_each::new(rt, id, OutputOp::Print(num));
            rt.graph.nodes[out].span = Some((span.start, span.end));
            return Ok(Value::Unit);
        }
        "foreachRDD" => {
            let f = func(&get(&args, 0, name)?, name)?;
            let out = ops::for_each::new(rt, id, OutputOp::ForeachRdd(f));
            rt.graph.nodes[out].span = Some((span.start, span.end));
            return Ok(Value::Unit);
        }
        "saveAsTextFiles" | "saveAsObjectFiles" => {
            let prefix = get(&args, 0, name)?.to_string();
            let suffix = args.get(1).map(Value::to_text).unwrap_or_default();
            let objects = name == "saveAsObjectFiles";
            let out = ops::save_as_text_files::new(rt, id, prefix, suffix, objects);
            rt.graph.nodes[out].span = Some((span.start, span.end));
            return Ok(Value::Unit);
        }
        "slideDuration" => return Ok(duration_value(slide)),
        // The streams it is made from (Spark's `dependencies`: none for an input stream).
        "dependencies" => {
            let parents = rt.graph.nodes[id].parents.clone();
            return Ok(Value::list(parents.into_iter().map(dstream).collect()));
        }
        // `dstream.slice(from, to)`: the stream's RDDs at its times in `[from, to]`, made
        // (and kept) where not made yet, as Spark's `getOrCompute` does; a `Vector`, as
        // Spark's `Time.to(...).flatMap` builds it.
        "slice" => {
            let time = |i: usize| -> Result<crate::time::Time, Exn> {
                get(&args, i, name)?
                    .obj::<super::interp::TimeObj>()
                    .map(|t| t.0)
                    .ok_or_else(|| Exn::unsupported("slice of an Interval (give two Times)"))
            };
            let (from, to) = (time(0)?, time(1)?);
            let rdds = crate::graph::slice(rt, id, from, to)?;
            let rdds = rdds.into_iter().map(|(_, r)| rdd_value(r)).collect();
            return Ok(Value::Seq(SeqKind::Vector, Rc::new(rdds)));
        }
        // The program's one `StreamingContext`.
        "context" => return Ok(Value::Obj(Rc::new(SscObj))),
        _ => return Err(not_member(name, "DStream", DSTREAM_METHODS)),
    };
    rt.graph.nodes[new_id].span = Some((span.start, span.end));
    Ok(dstream(new_id))
}

fn second(v: &Value) -> Value {
    v.as_pair().map(|(_, b)| b.clone()).unwrap_or(Value::Null)
}

fn reduce_by_window_inv(
    rt: &mut Runtime,
    id: NodeId,
    f: Func,
    inv: Func,
    w: Duration,
    s: Duration,
) -> Result<NodeId, Exn> {
    let m = ops::mapped::new(
        rt,
        id,
        Narrow::Map(
            native_map("spark.oneKey", |v| Value::pair(Value::Int(1), v.clone())),
            "mapFunc",
        ),
    );
    let r = ops::reduced_windowed::new(rt, m, f, inv, w, s, Partitioner::hash(1), None)?;
    Ok(ops::mapped::new(
        rt,
        r,
        Narrow::Map(native_map("spark.value", second), "mapFunc"),
    ))
}

fn count_stream(rt: &mut Runtime, id: NodeId) -> Result<NodeId, Exn> {
    let m = ops::mapped::new(
        rt,
        id,
        Narrow::Map(
            native_map("spark.countKey", |_| {
                Value::pair(Value::Null, Value::Long(1))
            }),
            "mapFunc",
        ),
    );
    let slide = rt.graph.nodes[id].slide;
    // `transform(_.union(context.sparkContext.makeRDD(Seq((null, 0L)), 1)))` in DStream.scala:
    // its RDDs' sites are that line (Spark 4.3, oracle).
    let plus_zero = move |rt: &mut Runtime, rdds: Vec<Rc<Rdd>>, _t| {
        let zero = rt.at_site("makeRDD at DStream.scala:615", 0, |rt| {
            Rdd::parallelize(rt, vec![Value::pair(Value::Null, Value::Long(0))], 1)
        });
        Ok(rt.at_site("union at DStream.scala:615", 0, |rt| {
            rdd::union_two(rt, rdds[0].clone(), zero)
        }))
    };
    let t = rt.graph.add(
        "TransformedDStream",
        "count",
        vec![m],
        slide,
        crate::graph::NodeKind::TransformedNative(Rc::new(plus_zero)),
    );
    let p = Partitioner::hash(rt.conf.default_parallelism());
    let r = ops::shuffled::new(rt, t, Aggregator::reduce(sum_fn()), p, true, "count");
    Ok(ops::mapped::new(
        rt,
        r,
        Narrow::Map(native_map("spark.value", second), "mapFunc"),
    ))
}

fn reduce_by_key_and_window(
    rt: &mut Runtime,
    id: NodeId,
    args: &[Value],
    slide: Duration,
) -> Result<NodeId, Exn> {
    let what = "reduceByKeyAndWindow";
    let f = func(&get(args, 0, what)?, what)?;
    let has_inv = args.get(1).and_then(|v| v.obj::<Func>()).is_some();
    if has_inv {
        let inv = func(&get(args, 1, what)?, what)?;
        let w = dur(&get(args, 2, what)?, what)?;
        let s = match args.get(3) {
            // `()`: left out before a named argument (`named_args::Slot::DefaultSlide`).
            Some(Value::Unit) | None => slide,
            Some(v) => dur(v, what)?,
        };
        let p = partitions_arg(rt, args.get(4), what)?;
        let filter = match args.get(5) {
            Some(Value::Null) | None => None,
            Some(v) => Some(func(v, what)?),
        };
        ops::reduced_windowed::new(rt, id, f, inv, w, s, p, filter)
    } else {
        let w = dur(&get(args, 1, what)?, what)?;
        let s = match args.get(2) {
            Some(v) => dur(v, what)?,
            None => slide,
        };
        let p = partitions_arg(rt, args.get(3), what)?;
        let r1 = ops::shuffled::new(
            rt,
            id,
            Aggregator::reduce(f.clone()),
            p.clone(),
            true,
            "reduceByKey",
        );
        let win = ops::windowed::new(rt, r1, w, s)?;
        let out = ops::shuffled::new(
            rt,
            win,
            Aggregator::reduce(f),
            p,
            true,
            "reduceByKeyAndWindow",
        );
        Ok(out)
    }
}

/// `rdd.cogroup(other1, other2, ...)`: a `CoGroupedRDD` of them all and its `mapValues`, each
/// key with a tuple of its values in each RDD.
fn cogroup_many(rt: &mut Runtime, rdds: Vec<Rc<Rdd>>, p: Partitioner) -> Rc<Rdd> {
    let grouped = rdd::cogroup(rt, rdds, p);
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
        let mut out = Vec::with_capacity(recs.len());
        for rec in recs {
            let Some((k, groups)) = rec.as_pair() else {
                continue;
            };
            let gs = groups.as_seq().unwrap_or(&[]);
            let each = gs.iter().map(|g| {
                Value::Seq(
                    SeqKind::CompactBuffer,
                    Rc::new(g.as_seq().unwrap_or(&[]).to_vec()),
                )
            });
            out.push(Value::pair(k.clone(), Value::Tuple(each.collect())));
        }
        Ok(out)
    }));
    grouped.narrow(rt, op)
}

/// RDD `join` and friends: `cogroup`, then pairs per key.
fn join_rdds(rt: &mut Runtime, kind: &str, a: Rc<Rdd>, b: Rc<Rdd>, p: Partitioner) -> Rc<Rdd> {
    let mut grouped = rdd::cogroup(rt, vec![a, b], p);
    if kind != "cogroup" {
        // The joins are `cogroup(other)` (a `CoGroupedRDD` and its `mapValues`), then
        // `flatMapValues`: one RDD more than `cogroup`, with its id.
        let identity = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs| Ok(recs)));
        grouped = grouped.narrow(rt, identity);
    }
    let kind = kind.to_string();
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
        let mut out = Vec::new();
        for rec in recs {
            let Some((k, groups)) = rec.as_pair() else {
                continue;
            };
            let gs = groups.as_seq().unwrap_or(&[]);
            let empty: &[Value] = &[];
            let vs = gs.first().and_then(|g| g.as_seq()).unwrap_or(empty);
            let ws = gs.get(1).and_then(|g| g.as_seq()).unwrap_or(empty);
            match kind.as_str() {
                "cogroup" => out.push(Value::pair(
                    k.clone(),
                    Value::pair(
                        Value::Seq(SeqKind::CompactBuffer, Rc::new(vs.to_vec())),
                        Value::Seq(SeqKind::CompactBuffer, Rc::new(ws.to_vec())),
                    ),
                )),
                "join" => {
                    for v in vs {
                        for w in ws {
                            out.push(Value::pair(k.clone(), Value::pair(v.clone(), w.clone())));
                        }
                    }
                }
                "leftOuterJoin" => {
                    for v in vs {
                        if ws.is_empty() {
                            out.push(Value::pair(k.clone(), Value::pair(v.clone(), Value::None)));
                        }
                        for w in ws {
                            out.push(Value::pair(
                                k.clone(),
                                Value::pair(v.clone(), Value::option(Some(w.clone()))),
                            ));
                        }
                    }
                }
                "rightOuterJoin" => {
                    for w in ws {
                        if vs.is_empty() {
                            out.push(Value::pair(k.clone(), Value::pair(Value::None, w.clone())));
                        }
                        for v in vs {
                            out.push(Value::pair(
                                k.clone(),
                                Value::pair(Value::option(Some(v.clone())), w.clone()),
                            ));
                        }
                    }
                }
                _ => {
                    if vs.is_empty() {
                        for w in ws {
                            out.push(Value::pair(
                                k.clone(),
                                Value::pair(Value::None, Value::option(Some(w.clone()))),
                            ));
                        }
                    } else if ws.is_empty() {
                        for v in vs {
                            out.push(Value::pair(
                                k.clone(),
                                Value::pair(Value::option(Some(v.clone())), Value::None),
                            ));
                        }
                    } else {
                        for v in vs {
                            for w in ws {
                                out.push(Value::pair(
                                    k.clone(),
                                    Value::pair(
                                        Value::option(Some(v.clone())),
                                        Value::option(Some(w.clone())),
                                    ),
                                ));
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }));
    grouped.narrow(rt, op)
}

/// `rdd.repartition(n)`: a shuffle that deals each input partition's records round-robin,
/// starting after a position drawn from `XORShiftRandom(partition index)`, as Spark does.
/// `repartition(n)`'s count: `coalesce(n, shuffle = true)` requires it positive.
fn repartition_arg(args: &[Value], name: &str) -> Result<usize, Exn> {
    let n = int(&get(args, 0, name)?, name)?;
    if n <= 0 {
        return Err(Exn::require(format!(
            "Number of partitions ({n}) must be positive."
        )));
    }
    Exn::check_partitions(n as usize)
}

fn repartition(rt: &mut Runtime, r: &Rc<Rdd>, n: usize) -> Rc<Rdd> {
    let keyed = r.narrow_with(
        rt,
        // `coalesce(n, shuffle = true)`'s `distributePartition`: each record is keyed by a
        // position that starts after `new XORShiftRandom(index).nextInt(n)` and goes up by one.
        // The keys are new: the parent's partitioner is not kept (so a `repartition(2)` of
        // an RDD hash-partitioned in two still shuffles; fixture `repart_after_partition_by`).
        Narrow::Native(Rc::new(move |_rt: &mut Runtime, p, recs: Vec<Value>| {
            let start = crate::hash::XorShiftRandom::new(p as i64).next_int(n as i32);
            Ok(recs
                .into_iter()
                .enumerate()
                .map(|(i, v)| Value::pair(Value::Int(start.wrapping_add(1 + i as i32)), v))
                .collect())
        })),
        None,
    );
    let shuffled = rdd::partition_by(rt, &keyed, Partitioner::hash(n));
    let shuffled = rdd::coalesce(rt, shuffled, n);
    shuffled.narrow_with(
        rt,
        Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
            Ok(recs.iter().map(second).collect())
        })),
        None,
    )
}

/// One job folding each partition in its task with `op` (from `zero`, else from its first record; an
/// empty partition gives nothing), then the tasks' results on the driver in partition order
/// with `merge` (from `zero`, else the first): Spark's `reduce`, `fold` and `aggregate`.
/// `None`: nothing to reduce.
fn rdd_fold(
    rt: &mut Runtime,
    r: &Rc<Rdd>,
    zero: Option<Value>,
    op: &dyn Fn(&mut Runtime, Value, Value) -> Result<Value, Exn>,
    merge: &dyn Fn(&mut Runtime, Value, Value) -> Result<Value, Exn>,
) -> Result<Option<Value>, Exn> {
    let parts: Vec<usize> = (0..r.num_partitions()).collect();
    let per_task = rdd::run_job(rt, r, &parts, |rt, it| {
        let mut acc = zero.clone();
        while let Some(v) = it.next(rt)? {
            acc = Some(match acc {
                None => v,
                Some(a) => op(rt, a, v)?,
            });
        }
        Ok(acc)
    })?;
    let mut result = zero;
    for t in per_task.into_iter().flatten() {
        result = Some(match result {
            None => t,
            Some(a) => merge(rt, a, t)?,
        });
    }
    Ok(result)
}

/// `treeAggregate(zero)(seqOp, combOp)` and `treeReduce(f)` over a few partitions: Spark's
/// `mapPartitions` of each partition's fold, then `fold(zero)(combOp)` of those (in each
/// task the partition's result into the zero, on the driver the tasks' into the zero).
/// `treeReduce(f)` is that over `Option`s, so `f` runs as `reduce`'s would. More partitions
/// than `scale + ceil(n / scale)` add a `reduceByKey` level of Spark's, which the playground
/// does not build: refused with the reason.
fn tree_aggregate(rt: &mut Runtime, r: &Rc<Rdd>, name: &str, args: &[Value]) -> R {
    let n = r.num_partitions();
    let depth = match args.get(if name == "treeReduce" { 1 } else { 3 }) {
        Some(d) => int(d, name)?,
        None => 2,
    };
    if depth < 1 {
        return Err(Exn::require(format!(
            "Depth must be greater than or equal to 1 but got {depth}."
        )));
    }
    let scale = ((n as f64).powf(1.0 / depth as f64).ceil() as usize).max(2);
    if n > scale + n.div_ceil(scale) {
        return Err(Exn::unsupported(format!(
            "{name} over {n} partitions at depth {depth} (Spark adds a level of reduceByKey \
             there, which the playground does not build; coalesce first, or use aggregate)"
        )));
    }
    let null = Value::Null;
    if name == "treeReduce" {
        let f = func(&get(args, 0, name)?, name)?;
        let op = |rt: &mut Runtime, a, b| rt.call_user("reduceFunc", Some(&null), &f, &[a, b]);
        return rdd_fold(rt, r, None, &op, &op)?.ok_or_else(|| {
            Exn::new(
                "org.apache.spark.SparkUnsupportedOperationException",
                "empty collection",
            )
        });
    }
    let zero = get(args, 0, name)?;
    let seq = func(&get(args, 1, name)?, name)?;
    let comb = func(&get(args, 2, name)?, name)?;
    let seq_op = |rt: &mut Runtime, a, b| rt.call_user("seqOp", Some(&null), &seq, &[a, b]);
    let comb_op = |rt: &mut Runtime, a, b| rt.call_user("combOp", Some(&null), &comb, &[a, b]);
    let parts: Vec<usize> = (0..n).collect();
    if parts.is_empty() {
        return Ok(zero);
    }
    let per_task = rdd::run_job(rt, r, &parts, |rt, it| {
        let mut acc = zero.clone();
        while let Some(v) = it.next(rt)? {
            acc = seq_op(rt, acc, v)?;
        }
        comb_op(rt, zero.clone(), acc)
    })?;
    let mut result = zero;
    for t in per_task {
        result = comb_op(rt, result, t)?;
    }
    Ok(result)
}

/// A sampling method's `seed` (an `Int` or a `Long`); one must be given, as Spark picks a
/// random one otherwise (`example` shows how).
fn seed_arg(v: Option<&Value>, what: &str, example: &str) -> Result<i64, Exn> {
    match v {
        Some(Value::Int(i)) => Ok(i64::from(*i)),
        Some(Value::Long(l)) => Ok(*l),
        Some(other) => Err(Exn::unsupported(format!(
            "{what}'s seed must be a Long, not {}",
            other.type_name()
        ))),
        None => Err(Exn::unsupported(format!(
            "{what} without a seed (Spark picks a random one, so no two runs agree): give one, as in {example}"
        ))),
    }
}

/// `rdd.randomSplit(weights, seed)`: one RDD a weight, each partition `p` kept where
/// `XORShiftRandom(seed + p)`'s draw for the record falls in the weight's cell of `[0, 1)`
/// (Spark's `BernoulliCellSampler`), the cells cut at the weights' running sums.
fn random_split(rt: &mut Runtime, r: &Rc<Rdd>, args: &[Value]) -> Result<Vec<Rc<Rdd>>, Exn> {
    const WHAT: &str = "randomSplit";
    let weights: Vec<f64> = match get(args, 0, WHAT)? {
        Value::Seq(_, items) => items
            .iter()
            .map(|w| match w {
                Value::Double(d) => Ok(*d),
                Value::Int(i) => Ok(f64::from(*i)),
                other => Err(Exn::unsupported(format!(
                    "randomSplit's weights must be Doubles, not {}",
                    other.type_name()
                ))),
            })
            .collect::<Result<_, _>>()?,
        other => {
            return Err(Exn::unsupported(format!(
                "randomSplit takes an Array of weights, not {}",
                other.type_name()
            )))
        }
    };
    let seed = seed_arg(args.get(1), WHAT, "rdd.randomSplit(Array(0.7, 0.3), 42)")?;
    let shown = || {
        let ws: Vec<String> = weights
            .iter()
            .map(|w| Value::Double(*w).to_text())
            .collect();
        format!("[{}]", ws.join(","))
    };
    if weights.iter().any(|w| *w < 0.0) {
        return Err(Exn::require(format!(
            "Weights must be nonnegative, but got {}",
            shown()
        )));
    }
    let sum = weights.iter().fold(0.0, |a, w| a + w);
    if sum <= 0.0 {
        return Err(Exn::require(format!(
            "Sum of weights must be positive, but got {}",
            shown()
        )));
    }
    let mut bounds = vec![0.0];
    for w in &weights {
        bounds.push(bounds[bounds.len() - 1] + w / sum);
    }
    Ok(bounds
        .windows(2)
        .map(|cell| {
            let (lb, ub) = (cell[0], cell[1]);
            let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, p, recs: Vec<Value>| {
                if ub - lb <= 0.0 {
                    return Ok(Vec::new());
                }
                let mut rng = crate::hash::XorShiftRandom::new(seed.wrapping_add(p as i64));
                Ok(recs
                    .into_iter()
                    .filter(|_| {
                        let x = rng.next_double();
                        x >= lb && x < ub
                    })
                    .collect())
            }));
            r.narrow_with(rt, op, r.partitioner.clone())
        })
        .collect())
}

/// A record as a `(key, value)` pair, or the `MatchError` Spark's pattern `case (k, v)` raises.
fn pair_of(rec: &Value) -> Result<(&Value, &Value), Exn> {
    rec.as_pair()
        .ok_or_else(|| super::class_obj::ClassObj::match_error(rec))
}

/// `reduceByKeyLocally(f)`: a `java.util.HashMap` per partition (`f` on each key seen
/// again), the partitions' maps merged into the first on the driver (`f` on each key both
/// hold, in the second's order), returned as Scala's wrapper of the Java map: one job, and
/// the map prints in `java.util.HashMap`'s order. Spark merges the maps as their tasks
/// finish, which with several tasks at once may be another order than the partitions'; that
/// shows only in the order of keys that share a bucket.
fn reduce_by_key_locally(rt: &mut Runtime, r: &Rc<Rdd>, f: Func) -> R {
    let parts: Vec<usize> = (0..r.num_partitions()).collect();
    let put = |rt: &mut Runtime, map: &mut Vec<(Value, Value)>, k: Value, v: Value| {
        match map.iter().position(|(x, _)| *x == k) {
            Some(i) => {
                let old = std::mem::replace(&mut map[i].1, Value::Unit);
                map[i].1 = rt.call_user("reduceFunc", Some(&k), &f, &[old, v])?;
            }
            None => map.push((k, v)),
        }
        Ok::<(), Exn>(())
    };
    let maps = rdd::run_job(rt, r, &parts, |rt, it| {
        let mut map = Vec::new();
        while let Some(rec) = it.next(rt)? {
            let (k, v) = pair_of(&rec)?;
            put(rt, &mut map, k.clone(), v.clone())?;
        }
        Ok(map)
    })?;
    let mut maps = maps.into_iter();
    let Some(mut merged) = maps.next() else {
        return Err(Exn::new(
            "org.apache.spark.SparkUnsupportedOperationException",
            "empty collection",
        ));
    };
    for m in maps {
        for (k, v) in java_hash_map_order(m) {
            put(rt, &mut merged, k, v)?;
        }
    }
    let pairs = java_hash_map_order(merged)
        .into_iter()
        .map(|(k, v)| Value::pair(k, v))
        .collect();
    Ok(Value::Seq(SeqKind::Map, Rc::new(pairs)))
}

/// A `java.util.HashMap`'s entries, given in insertion order, in its iteration order: by
/// bucket (`(h ^ h >>> 16) & (n - 1)`, the table doubled from 16 while more than three
/// quarters full), then as inserted.
fn java_hash_map_order(entries: Vec<(Value, Value)>) -> Vec<(Value, Value)> {
    let mut n: usize = 16;
    while entries.len() > n * 3 / 4 {
        n *= 2;
    }
    let bucket = |k: &Value| {
        let h = k.hash_code() as u32;
        ((h ^ (h >> 16)) as usize) & (n - 1)
    };
    // A counting sort by bucket (stable: a bucket keeps its insertion order).
    let mut start = vec![0usize; n + 1];
    for (k, _) in &entries {
        start[bucket(k) + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut out: Vec<Option<(Value, Value)>> = vec![None; entries.len()];
    for e in entries {
        let b = bucket(&e.0);
        out[start[b]] = Some(e);
        start[b] += 1;
    }
    out.into_iter().flatten().collect()
}

/// `histogram(bucketCount)`: a job for the maximum and minimum (each partition folded from
/// the right, the partitions merged by `reduce`), then `bucketCount` even buckets from the
/// minimum to the maximum (`min + (s * span) / steps`, the maximum last; one bucket `[min,
/// min]` when they are equal) and `histogram(buckets, true)`: `(buckets, counts)`. A count
/// below one leaves the maximum alone, which `histogram(buckets)` refuses.
fn histogram_of_count(rt: &mut Runtime, r: &Rc<Rdd>, steps: i32) -> R {
    use super::stat_counter;
    let doubles = as_doubles(rt, r, "histogram");
    let parts: Vec<usize> = (0..doubles.num_partitions()).collect();
    let per_task = rdd::run_job(rt, &doubles, &parts, |rt, it| {
        let mut items = Vec::new();
        while let Some(v) = it.next(rt)? {
            items.push(to_f64(&v));
        }
        // `foldRight((-inf, +inf))((e, x) => (x._1.max(e), x._2.min(e)))`: Scala's `max` and
        // `min` of doubles are `math.max`/`math.min`, NaN winning.
        Ok(items
            .iter()
            .rev()
            .fold((f64::NEG_INFINITY, f64::INFINITY), |x, &e| {
                (
                    stat_counter::java_max(x.0, e),
                    stat_counter::java_min(x.1, e),
                )
            }))
    })?;
    let Some((max, min)) = per_task.into_iter().reduce(|a, b| {
        (
            stat_counter::java_max(a.0, b.0),
            stat_counter::java_min(a.1, b.1),
        )
    }) else {
        return Err(Exn::new(
            "org.apache.spark.SparkUnsupportedOperationException",
            "empty collection",
        ));
    };
    if min.is_nan() || max.is_nan() || max.is_infinite() || min.is_infinite() {
        return Err(Exn::new(
            "org.apache.spark.SparkUnsupportedOperationException",
            "Histogram on either an empty RDD or RDD containing +/-infinity or NaN",
        ));
    }
    let buckets: Vec<Value> = if min != max {
        let span = max - min;
        (0..steps)
            .map(|s| Value::Double(min + (f64::from(s) * span) / f64::from(steps)))
            .chain(std::iter::once(Value::Double(max)))
            .collect()
    } else {
        vec![Value::Double(min), Value::Double(min)]
    };
    let bounds = Value::Seq(SeqKind::Array, Rc::new(buckets));
    let counts = histogram(rt, r, &[bounds.clone(), Value::Bool(true)])?;
    Ok(Value::pair(bounds, counts))
}

/// `histogram(buckets)` / `histogram(buckets, evenBuckets)` of `DoubleRDDFunctions`: counts
/// per bucket, each bucket `[b(i), b(i + 1))` and the last closed; one job.
fn histogram(rt: &mut Runtime, r: &Rc<Rdd>, args: &[Value]) -> R {
    let buckets: Vec<f64> = match args.first() {
        Some(Value::Seq(_, b)) => b.iter().map(to_f64).collect(),
        Some(Value::Int(n)) => return histogram_of_count(rt, r, *n),
        _ => {
            return Err(Exn::unsupported(
                "histogram needs an Array of bucket bounds",
            ))
        }
    };
    if buckets.len() < 2 {
        return Err(Exn::new(
            "java.lang.IllegalArgumentException",
            "buckets array must have at least two elements",
        ));
    }
    let even = matches!(args.get(1), Some(Value::Bool(true)));
    let doubles = as_doubles(rt, r, "histogram");
    let parts: Vec<usize> = (0..doubles.num_partitions()).collect();
    let n = buckets.len() - 1;
    let bucket = |e: f64| -> Option<usize> {
        if even {
            let (min, max) = (buckets[0], buckets[n]);
            if e.is_nan() || e < min || e > max {
                return None;
            }
            return Some(((((e - min) / (max - min)) * n as f64) as usize).min(n - 1));
        }
        // `java.util.Arrays.binarySearch` (Double.compare's order).
        match buckets.binary_search_by(|b| b.total_cmp(&e)) {
            Ok(i) if i < n => Some(i),
            Ok(i) => Some(i - 1),
            Err(at) if at > 0 && at <= n => Some(at - 1),
            Err(_) => None,
        }
    };
    let per_task = rdd::run_job(rt, &doubles, &parts, |rt, it| {
        let mut counts = vec![0i64; n];
        while let Some(v) = it.next(rt)? {
            if let Some(b) = bucket(to_f64(&v)) {
                counts[b] += 1;
            }
        }
        Ok(counts)
    })?;
    let mut total = vec![0i64; n];
    for c in per_task {
        for (t, x) in total.iter_mut().zip(c) {
            *t += x;
        }
    }
    Ok(Value::Seq(
        SeqKind::Array,
        Rc::new(total.into_iter().map(Value::Long).collect()),
    ))
}

/// `rdd.filterByRange(lower, upper)` of `OrderedRDDFunctions`: the records whose key is
/// within both bounds (the keys' ordering), read from the partitions between the bounds' own
/// when a `RangePartitioner` placed them (a `PartitionPruningRDD`), else from all.
fn filter_by_range(rt: &mut Runtime, r: Rc<Rdd>, args: &[Value]) -> Result<Rc<Rdd>, Exn> {
    let lower = get(args, 0, "filterByRange")?;
    let upper = get(args, 1, "filterByRange")?;
    let source = match &r.partitioner {
        Some(p @ Partitioner(_, Some(rule))) if matches!(**rule, rdd::Rule::Range(_)) => {
            let (l, u) = (p.partition(rt, &lower)?, p.partition(rt, &upper)?);
            let kept: Rc<[usize]> = (l.min(u)..=l.max(u)).collect();
            Rdd::new(rt, rdd::RddKind::Pruned(r, kept), None)
        }
        _ => r,
    };
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
        let mut kept = Vec::new();
        for rec in recs {
            let (k, _) = pair_of(&rec)?;
            let above = crate::ordering::compare(k, &lower)?.is_ge();
            if above && crate::ordering::compare(k, &upper)?.is_le() {
                kept.push(rec);
            }
        }
        Ok(kept)
    }));
    let part = source.partitioner.clone();
    Ok(source.narrow_with(rt, op, part))
}

/// `rdd.map(num.toDouble)`: the RDD of doubles `DoubleRDDFunctions` works on (a new RDD).
fn as_doubles(rt: &mut Runtime, r: &Rc<Rdd>, what: &str) -> Rc<Rdd> {
    let what = what.to_string();
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
        recs.into_iter()
            .map(|v| match v {
                Value::Int(i) => Ok(Value::Double(f64::from(i))),
                Value::Long(l) => Ok(Value::Double(l as f64)),
                Value::Double(d) => Ok(Value::Double(d)),
                other => Err(Exn::unsupported(format!(
                    "{what} needs numbers, found {}",
                    other.type_name()
                ))),
            })
            .collect()
    }));
    r.narrow_with(rt, op, None)
}

/// `rdd.sample(false, fraction, seed)`: a `PartitionwiseSampledRDD` whose partitions draw their
/// seeds from `new java.util.Random(seed)`, each sampling with a `BernoulliSampler`. Without a
/// seed Spark draws one at random (no two runs alike), and with replacement it samples from
/// a Poisson distribution: both are refused with a word on why.
fn sample(rt: &mut Runtime, r: &Rc<Rdd>, args: &[Value]) -> Result<Rc<Rdd>, Exn> {
    let with_replacement = bool_arg(args.first(), false, "sample")?;
    let fraction = match get(args, 1, "sample")? {
        Value::Double(d) => d,
        Value::Int(i) => f64::from(i),
        other => {
            return Err(Exn::unsupported(format!(
                "sample's fraction must be a Double, not {}",
                other.type_name()
            )))
        }
    };
    // Spark's checks come first: `RDD.sample`'s own, then the `BernoulliSampler`'s.
    if fraction < 0.0 {
        return Err(Exn::require(format!(
            "Fraction must be nonnegative, but got {}",
            Value::Double(fraction)
        )));
    }
    if with_replacement {
        return Err(Exn::unsupported(
            "sample with replacement (Spark draws from a Poisson distribution there)",
        ));
    }
    if !(-1e-6..=1.0 + 1e-6).contains(&fraction) {
        return Err(Exn::require(format!(
            "Sampling fraction ({}) must be on interval [0, 1]",
            Value::Double(fraction)
        )));
    }
    let seed = seed_arg(args.get(2), "sample", "rdd.sample(false, 0.5, 42)")?;
    Ok(bernoulli_sample(rt, r, fraction, seed))
}

/// `rdd.sampleByKey(false, fractions, seed)`: `mapPartitionsWithIndex`, partition `p` keeping
/// a record where `XORShiftRandom(seed + p)`'s next double falls below its key's fraction
/// (`StratifiedSamplingUtils.getBernoulliSamplingFunction`); a key without one fails in the
/// task as the map's `apply` does. With replacement (Poisson draws) or without a seed:
/// refused, as `sample`.
fn sample_by_key(rt: &mut Runtime, r: &Rc<Rdd>, args: &[Value]) -> Result<Rc<Rdd>, Exn> {
    const WHAT: &str = "sampleByKey";
    if bool_arg(args.first(), false, WHAT)? {
        return Err(Exn::unsupported(
            "sampleByKey with replacement (Spark draws from a Poisson distribution there)",
        ));
    }
    let fractions = get(args, 1, WHAT)?;
    let span = Span { start: 0, end: 0 };
    let entries = super::builtins::call_method(rt, fractions.clone(), "toList", vec![], span)?;
    let rate = |v: &Value| match v {
        Value::Double(d) => Some(*d),
        Value::Int(i) => Some(f64::from(*i)),
        Value::Long(l) => Some(*l as f64),
        _ => None,
    };
    for e in entries.as_seq().unwrap_or_default() {
        if e.as_pair()
            .and_then(|(_, v)| rate(v))
            .is_some_and(|v| v < 0.0)
        {
            return Err(Exn::require("Negative sampling rates."));
        }
    }
    let seed = seed_arg(args.get(2), WHAT, "rdd.sampleByKey(false, fractions, 42L)")?;
    let op = Narrow::Native(Rc::new(move |rt: &mut Runtime, p, recs: Vec<Value>| {
        let mut rng = crate::hash::XorShiftRandom::new(seed.wrapping_add(p as i64));
        let mut kept = Vec::new();
        for rec in recs {
            let (k, _) = pair_of(&rec)?;
            let f = super::builtins::call_method(
                rt,
                fractions.clone(),
                "apply",
                vec![k.clone()],
                span,
            )?;
            if rng.next_double() < rate(&f).unwrap_or(0.0) {
                kept.push(rec);
            }
        }
        Ok(kept)
    }));
    Ok(r.narrow_with(rt, op, r.partitioner.clone()))
}

/// `sample(false, fraction, seed)`'s RDD: each partition filtered by a `BernoulliSampler`
/// seeded from `new Random(seed)`'s `nextLong`s, one per partition.
fn bernoulli_sample(rt: &mut Runtime, r: &Rc<Rdd>, fraction: f64, seed: i64) -> Rc<Rdd> {
    let mut random = crate::hash::JavaRandom::new(seed);
    let seeds: Rc<[i64]> = (0..r.num_partitions())
        .map(|_| random.next_long())
        .collect();
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, p, recs: Vec<Value>| {
        let mut sampler = crate::range_partitioner::BernoulliSampler::new(fraction, seeds[p]);
        Ok(recs.into_iter().filter(|_| sampler.sample()).collect())
    }));
    r.narrow_with(rt, op, r.partitioner.clone())
}

/// `rdd.takeSample(false, num, seed)`: a `count` job, then with `new Random(seed)`: every
/// record shuffled when `num` covers them, else `sample(false, fraction, rand.nextInt())`
/// collected (again while it comes out short), shuffled, cut to `num`. The fraction is
/// `BinomialBounds.getUpperBound(1e-4, count, num / count)`, large enough to rarely fall short.
fn take_sample(rt: &mut Runtime, r: &Rc<Rdd>, args: &[Value]) -> R {
    const WHAT: &str = "takeSample";
    if bool_arg(args.first(), false, WHAT)? {
        return Err(Exn::unsupported(
            "takeSample with replacement (Spark draws from a Poisson distribution there)",
        ));
    }
    let num = int(&get(args, 1, WHAT)?, WHAT)?;
    let seed = seed_arg(args.get(2), WHAT, "rdd.takeSample(false, 3, 42)")?;
    if num < 0 {
        return Err(Exn::require("Negative number of elements requested"));
    }
    let array = |items: Vec<Value>| Ok(Value::Seq(SeqKind::Array, Rc::new(items)));
    if num == 0 {
        return array(Vec::new());
    }
    let total = rdd::count(rt, r)?;
    if total == 0 {
        return array(Vec::new());
    }
    let mut rand = crate::hash::JavaRandom::new(seed);
    let shuffle = |items: &mut Vec<Value>, rand: &mut crate::hash::JavaRandom| {
        // Utils.randomizeInPlace: from the end, swap with a draw below i + 1.
        for i in (1..items.len()).rev() {
            let j = rand.next_int_below(i as i32 + 1) as usize;
            items.swap(i, j);
        }
    };
    if num >= total {
        let mut all = rdd::collect(rt, r)?;
        shuffle(&mut all, &mut rand);
        return array(all);
    }
    let fraction = {
        let (n, f) = (total as f64, num as f64 / total as f64);
        let gamma = -(1e-4f64).ln() / n;
        (f + gamma + (gamma * gamma + 2.0 * gamma * f).sqrt()).clamp(1e-10, 1.0)
    };
    let mut repeat = 0;
    loop {
        let sampled = bernoulli_sample(rt, r, fraction, i64::from(rand.next_int()));
        let mut got = rdd::collect(rt, &sampled)?;
        if got.len() >= num as usize {
            shuffle(&mut got, &mut rand);
            got.truncate(num as usize);
            return array(got);
        }
        rt.burn(1)?;
        rt.warn(
            "org.apache.spark.rdd.RDD",
            format!("Needed to re-sample due to insufficient sample size. Repeat #{repeat}"),
        );
        repeat += 1;
    }
}

/// `rdd.zipWithIndex()`: a job counts the records of every partition but the last (at once,
/// as Spark's `ZippedWithIndexRDD` does when made), then each record is paired with its
/// partition's start plus its place in it. The job counts the nearest ancestor with the same
/// partition sizes ([`Rdd::same_sizes_ancestor`]: no `map` function runs in it), and none
/// runs when that is an earlier `zipWithIndex` (fixture `zip_with_index_ancestor`).
fn zip_with_index(rt: &mut Runtime, r: &Rc<Rdd>) -> Result<Rc<Rdd>, Exn> {
    let n = r.num_partitions();
    let mut starts = vec![0i64; n];
    let ancestor = r.same_sizes_ancestor();
    let known = ancestor.zip_starts.borrow().clone();
    match known {
        Some(known) if n > 1 => starts.copy_from_slice(&known),
        _ if n > 1 => {
            let parts: Vec<usize> = (0..n - 1).collect();
            let counts = rdd::run_job(rt, &ancestor, &parts, |rt, it| {
                let mut c = 0i64;
                while it.next(rt)?.is_some() {
                    c += 1;
                }
                Ok(c)
            })?;
            for (i, c) in counts.into_iter().enumerate() {
                starts[i + 1] = starts[i] + c;
            }
        }
        _ => {}
    }
    let starts: Rc<[i64]> = starts.into();
    let at = starts.clone();
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, p, recs: Vec<Value>| {
        Ok(recs
            .into_iter()
            .zip(at[p]..)
            .map(|(x, i)| Value::pair(x, Value::Long(i)))
            .collect())
    }));
    let out = r.narrow_with(rt, op, None);
    *out.zip_starts.borrow_mut() = Some(starts);
    Ok(out)
}

/// `rdd.map(x => (x, null))`: what `distinct` and `countByValue` key their records by.
fn with_null_values(rt: &mut Runtime, r: &Rc<Rdd>) -> Rc<Rdd> {
    let op = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
        Ok(recs
            .into_iter()
            .map(|x| Value::pair(x, Value::Null))
            .collect())
    }));
    r.narrow_with(rt, op, None)
}

/// `rdd.countByKey()`: `mapValues(_ => 1L).reduceByKey(_ + _).collect().toMap`.
fn count_by_key(rt: &mut Runtime, r: &Rc<Rdd>) -> R {
    let ones = r.narrow_with(
        rt,
        Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
            recs.iter()
                .map(|rec| {
                    let (k, _) = pair_of(rec)?;
                    Ok(Value::pair(k.clone(), Value::Long(1)))
                })
                .collect()
        })),
        r.partitioner.clone(),
    );
    let p = default_partitioner(rt, &[&ones]);
    let counts = rdd::combine_by_key(rt, &ones, Aggregator::reduce(sum_fn()), p, true);
    let pairs = rdd::collect(rt, &counts)?;
    Ok(super::collections::build(true, false, pairs))
}

/// `rdd.takeOrdered(n)` (`ascending`) or `rdd.top(n)`: each partition's first `n` in the
/// type's ordering (a `mapPartitions` into a bounded queue), merged by one job's `reduce` on
/// the driver, sorted. No job for `n == 0` or an RDD without partitions. A null element
/// fails its task with a bare `NullPointerException`.
fn take_ordered(
    rt: &mut Runtime,
    r: &Rc<Rdd>,
    n: i64,
    ascending: bool,
    ord: Option<Rc<super::ordering_obj::Ord>>,
) -> Result<Vec<Value>, Exn> {
    if n == 0 || r.num_partitions() == 0 {
        return Ok(Vec::new());
    }
    if n < 0 {
        // Each task's `Ordering.leastOf(items, n)` (Guava) refuses a negative count.
        let parts: Vec<usize> = (0..r.num_partitions()).collect();
        rdd::run_job(rt, r, &parts, |_, _| -> Result<(), Exn> {
            Err(Exn::new(
                "java.lang.IllegalArgumentException",
                format!("k cannot be negative but was: {n}"),
            ))
        })?;
        return Ok(Vec::new());
    }
    let n = n as usize;
    // `top(n)(ord)` is `takeOrdered(n)(ord.reverse)`.
    let mut cmp = move |rt: &mut Runtime, a: &Value, b: &Value| {
        let c = match &ord {
            Some(o) => super::ordering_obj::compare(rt, o, a, b)?,
            None => crate::ordering::compare(a, b)?,
        };
        Ok(if ascending { c } else { c.reverse() })
    };
    let queues = r.narrow_with(
        rt,
        Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs| Ok(recs))),
        None,
    );
    let parts: Vec<usize> = (0..queues.num_partitions()).collect();
    let mut part = 0;
    let per_part = rdd::run_job(rt, &queues, &parts, |rt, it| {
        let items = rdd::drain(rt, it)?;
        part += 1;
        if items.iter().any(|v| matches!(v, Value::Null)) {
            // The partition's queue refuses a null (`PriorityQueue.offer`), with no message
            // (oracle `nk_top`).
            return Err(Exn::new("java.lang.NullPointerException", ""));
        }
        super::take_ordered::partition_least(rt, part - 1, items, n, &mut cmp)
    })?;
    let arrays = per_part.into_iter().flatten().collect();
    super::take_ordered::merge(rt, arrays, n, &mut cmp)
}

/// `ZippedPartitionsRDD2` to `4` over `parents`, the first parent's partitioner kept when
/// `keep` (`preservesPartitioning`). Spark raises the error when a job first asks for the
/// zipped RDD's partitions; here when it is made.
fn zipped(
    rt: &mut Runtime,
    parents: Vec<Rc<Rdd>>,
    f: Option<Func>,
    keep: bool,
) -> Result<Rc<Rdd>, Exn> {
    let counts: Vec<String> = parents
        .iter()
        .map(|p| p.num_partitions().to_string())
        .collect();
    if counts.iter().any(|c| *c != counts[0]) {
        return Err(Exn::new(
            "java.lang.IllegalArgumentException",
            format!(
                "Can't zip RDDs with unequal numbers of partitions: List({})",
                counts.join(", ")
            ),
        ));
    }
    let part = parents[0].partitioner.clone().filter(|_| keep);
    Ok(Rdd::new(rt, rdd::RddKind::Zipped(parents, f), part))
}

/// The RDD argument of `subtract`, `zip` and the like.
fn rdd_arg(args: &[Value], what: &str) -> Result<Rc<Rdd>, Exn> {
    as_rdd(&get(args, 0, what)?).ok_or_else(|| Exn::unsupported(format!("{what} needs an RDD")))
}

/// `partitioner.getOrElse(new HashPartitioner(partitions.length))`: `subtract`'s and
/// `subtractByKey`'s default.
fn own_or_hash_partitioner(r: &Rc<Rdd>) -> Partitioner {
    r.partitioner
        .clone()
        .unwrap_or_else(|| Partitioner::hash(r.num_partitions()))
}

/// `rdd.keyBy(f)`: `map(x => (f(x), x))`, record by record (`f` is recorded as a `mapFunc`).
fn key_by(rt: &mut Runtime, r: &Rc<Rdd>, f: Func) -> Rc<Rdd> {
    let pair = Func::native("spark.keyBy", move |rt, a| {
        let k = rt.call_user("mapFunc", None, &f, a)?;
        Ok(Value::pair(k, a[0].clone()))
    });
    r.narrow(rt, Narrow::Map(pair, "mapFunc"))
}

/// An optional `Boolean` argument (`ascending`), `default` when absent.
fn bool_arg(v: Option<&Value>, default: bool, what: &str) -> Result<bool, Exn> {
    match v {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(other) => Err(Exn::unsupported(format!(
            "{what}'s ascending must be a Boolean, not {}",
            other.type_name()
        ))),
    }
}

/// `sortByKey`'s and `sortBy`'s `numPartitions`: the one given (0 or more: Spark allows 0,
/// an empty RDD's default), else the RDD's own partition count.
fn sort_partitions_arg(v: Option<&Value>, r: &Rc<Rdd>, what: &str) -> Result<usize, Exn> {
    match v {
        None => Ok(r.num_partitions()),
        Some(v) => {
            let n = int(v, what)?;
            if n < 0 {
                return Err(Exn::require(format!(
                    "Number of partitions cannot be negative but found {n}."
                )));
            }
            Exn::check_partitions(n as usize)
        }
    }
}

/// `rdd.distinct(n)`: within each partition when the RDD is already partitioned into `n`
/// (an `ExternalAppendOnlyMap` per partition), else `map(x => (x, null)).reduceByKey((x, _)
/// => x, n).map(_._1)`.
fn distinct(rt: &mut Runtime, r: &Rc<Rdd>, n: usize) -> Rc<Rdd> {
    if r.partitioner.is_some() && n == r.num_partitions() {
        let op = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
            let mut map: crate::hash::SparkMap<Value, ()> = crate::hash::SparkMap::new();
            for x in recs {
                let (h, null) = (x.hash_code(), matches!(x, Value::Null));
                map.slot(h, null, x, || ());
            }
            Ok(map.into_ordered().into_iter().map(|(x, ())| x).collect())
        }));
        return r.narrow(rt, op);
    }
    let keyed = with_null_values(rt, r);
    let reduced = rdd::combine_by_key(
        rt,
        &keyed,
        Aggregator::keep_first(),
        Partitioner::hash(n),
        true,
    );
    reduced.narrow_with(
        rt,
        Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
            Ok(recs
                .iter()
                .map(|r| r.as_pair().map(|(k, _)| k.clone()).unwrap_or(Value::Null))
                .collect())
        })),
        None,
    )
}

fn rdd_method(rt: &mut Runtime, r: Rc<Rdd>, name: &str, mut args: Vec<Value>) -> R {
    if name == "reduceByKey" && args.len() == 2 && args[0].obj::<PartitionerObj>().is_some() {
        // `reduceByKey(partitioner, func)`: the same as `reduceByKey(func, partitioner)`.
        args.swap(0, 1);
    }
    let f0 = |what: &str| func(&get(&args, 0, what)?, what);
    let out = match name {
        "map" => r.narrow(rt, Narrow::Map(f0(name)?, "mapFunc")),
        "flatMap" => r.narrow(rt, Narrow::FlatMap(f0(name)?, "flatMapFunc")),
        "filter" => r.narrow(rt, Narrow::Filter(f0(name)?, "filterFunc")),
        "mapValues" => r.narrow(rt, Narrow::MapValues(f0(name)?)),
        "flatMapValues" => r.narrow(rt, Narrow::FlatMapValues(f0(name)?)),
        "mapPartitions" => r.narrow(rt, Narrow::MapPartitions(f0(name)?)),
        "mapPartitionsWithIndex" => {
            // `preservesPartitioning = true` keeps the partitioner.
            let keep = bool_arg(args.get(1), false, name)?;
            let op = Narrow::MapPartitionsWithIndex(f0(name)?);
            let part = r.partitioner.clone().filter(|_| keep);
            r.narrow_with(rt, op, part)
        }
        "zipWithUniqueId" => {
            // Record `i` of partition `k` of `n` gets `i * n + k`.
            let n = r.num_partitions() as i64;
            let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, k, recs: Vec<Value>| {
                Ok(recs
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Value::pair(v, Value::Long(i as i64 * n + k as i64)))
                    .collect())
            }));
            r.narrow_with(rt, op, None)
        }
        "groupBy" => {
            // `map(t => (f(t), t)).groupByKey(p)`.
            let p = rdd_partitions_arg(rt, args.get(1), name, &[&r])?;
            let keyed = key_by(rt, &r, f0(name)?);
            rdd::combine_by_key(rt, &keyed, Aggregator::group(), p, false)
        }
        "subtractByKey" => {
            let other = rdd_arg(&args, name)?;
            let p = match args.get(1) {
                Some(_) => partitions_arg(rt, args.get(1), name)?,
                None => own_or_hash_partitioner(&r),
            };
            rdd::subtract_by_key(rt, r, other, p)
        }
        "subtract" => {
            // `map(x => (x, null)).subtractByKey(other.map((_, null)), p).keys`, where an RDD
            // already partitioned by `p` is shuffled by `p` on its records' keys.
            let other = rdd_arg(&args, name)?;
            let p = match args.get(1) {
                Some(_) => partitions_arg(rt, args.get(1), name)?,
                None => own_or_hash_partitioner(&r),
            };
            let p = if r.partitioner.as_ref() == Some(&p) {
                Partitioner(p.0, Some(Rc::new(rdd::Rule::FirstOfKey(p))))
            } else {
                p
            };
            let a = with_null_values(rt, &r);
            let b = with_null_values(rt, &other);
            let subtracted = rdd::subtract_by_key(rt, a, b, p);
            return rdd_method(rt, subtracted, "keys", Vec::new());
        }
        "intersection" => {
            // `map(v => (v, null)).cogroup(other.map(v => (v, null)), p)`, then the keys whose
            // both groups are non-empty (`mapValues`, `filter`, `keys`: an RDD each).
            let other = rdd_arg(&args, name)?;
            let a = with_null_values(rt, &r);
            let b = with_null_values(rt, &other);
            let p = rdd_partitions_arg(rt, args.get(1), name, &[&a, &b])?;
            let grouped = rdd::cogroup(rt, vec![a, b], p.clone());
            let same = |_rt: &mut Runtime, _p, recs: Vec<Value>| Ok(recs);
            let valued = grouped.narrow_with(rt, Narrow::Native(Rc::new(same)), Some(p.clone()));
            let both = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
                Ok(recs
                    .into_iter()
                    .filter(|rec| {
                        let groups = rec.as_pair().and_then(|(_, g)| g.as_seq());
                        groups.is_some_and(|gs| {
                            gs.iter().all(|g| g.as_seq().is_some_and(|s| !s.is_empty()))
                        })
                    })
                    .collect())
            }));
            let filtered = valued.narrow_with(rt, both, Some(p));
            return rdd_method(rt, filtered, "keys", Vec::new());
        }
        "cartesian" => {
            let other = rdd_arg(&args, name)?;
            Rdd::new(rt, rdd::RddKind::Cartesian(r, other), None)
        }
        "zip" => {
            let other = rdd_arg(&args, name)?;
            zipped(rt, vec![r, other], None, false)?
        }
        "zipPartitions" => {
            // `zipPartitions(rdd2[, rdd3[, rdd4]][, preservesPartitioning])(f)`: the lists
            // come as one, the function last.
            let (f, rest) = match args.split_last() {
                Some((f, rest)) => (func(f, name)?, rest),
                None => {
                    return Err(Exn::unsupported(
                        "zipPartitions needs an RDD and a function",
                    ))
                }
            };
            let (keep, rdds) = match rest.split_last() {
                Some((Value::Bool(b), rdds)) => (*b, rdds),
                _ => (false, rest),
            };
            let mut parents = vec![r];
            for a in rdds {
                parents.push(as_rdd(a).ok_or_else(|| {
                    Exn::unsupported("zipPartitions takes one to three RDDs, then a function")
                })?);
            }
            if !(2..=4).contains(&parents.len()) {
                return Err(Exn::unsupported(
                    "zipPartitions takes one to three RDDs, then a function",
                ));
            }
            zipped(rt, parents, Some(f), keep)?
        }
        "lookup" => {
            // Partitioned: one job on the key's partition, its values into an `ArrayBuffer`,
            // then `toSeq` (a `List`); else `filter`, `map` and `collect` (an `ArraySeq`).
            let key = get(&args, 0, name)?;
            let Some(p) = r.partitioner.clone() else {
                let key2 = key.clone();
                let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
                    let mut out = Vec::new();
                    for rec in &recs {
                        let (k, v) = pair_of(rec)?;
                        if *k == key2 {
                            out.push(v.clone());
                        }
                    }
                    Ok(out)
                }));
                let filtered =
                    r.narrow_with(rt, Narrow::Native(Rc::new(|_rt, _p, recs| Ok(recs))), None);
                let values = filtered.narrow_with(rt, op, None);
                let all = rdd::collect(rt, &values)?;
                return Ok(Value::Seq(SeqKind::ArraySeq, Rc::new(all)));
            };
            let part = p.partition(rt, &key)?;
            let found = rdd::run_job(rt, &r, &[part], |rt, it| {
                let mut out = Vec::new();
                while let Some(rec) = it.next(rt)? {
                    let (k, v) = pair_of(&rec)?;
                    if *k == key {
                        out.push(v.clone());
                    }
                }
                Ok(out)
            })?;
            return Ok(Value::list(found.into_iter().flatten().collect()));
        }
        "glom" => r.narrow(rt, Narrow::Glom),
        "reduceByKey" => {
            let p = rdd_partitions_arg(rt, args.get(1), name, &[&r])?;
            rdd::combine_by_key(rt, &r, Aggregator::reduce(f0(name)?), p, true)
        }
        "groupByKey" => {
            let p = rdd_partitions_arg(rt, args.first(), name, &[&r])?;
            rdd::combine_by_key(rt, &r, Aggregator::group(), p, false)
        }
        "union" | "++" => {
            let other = as_rdd(&get(&args, 0, name)?)
                .ok_or_else(|| Exn::unsupported("union needs an RDD"))?;
            rdd::union_two(rt, r, other)
        }
        "filterByRange" => filter_by_range(rt, r, &args)?,
        // `cogroup(other1, other2[, other3][, partitions])`: one group of values per RDD.
        "cogroup" | "groupWith" if args.get(1).and_then(as_rdd).is_some() => {
            let others: Vec<Rc<Rdd>> = args.iter().map_while(as_rdd).collect();
            let mut all = vec![r];
            all.extend(others);
            let rest = args.get(all.len() - 1);
            if name == "groupWith" && rest.is_some() {
                return Err(Exn::unsupported("groupWith with a partition count"));
            }
            let refs: Vec<&Rc<Rdd>> = all.iter().collect();
            let p = rdd_partitions_arg(rt, rest, name, &refs)?;
            cogroup_many(rt, all, p)
        }
        "join" | "leftOuterJoin" | "rightOuterJoin" | "fullOuterJoin" | "cogroup" => {
            let other = as_rdd(&get(&args, 0, name)?)
                .ok_or_else(|| Exn::unsupported("join needs an RDD"))?;
            let p = rdd_partitions_arg(rt, args.get(1), name, &[&r, &other])?;
            join_rdds(rt, name, r, other, p)
        }
        // `groupWith(other)`: `cogroup(other)` by another name.
        "groupWith" => return rdd_method(rt, r, "cogroup", args),
        "repartitionAndSortWithinPartitions" => {
            // A ShuffledRDD into the partitioner with the keys' ordering set: each partition
            // sorted by key, ascending (a shuffle even into the RDD's own partitioner).
            let p = get(&args, 0, name)?;
            let p = p.obj::<PartitionerObj>().ok_or_else(|| {
                Exn::unsupported(format!("{name} needs a `new HashPartitioner(n)`"))
            })?;
            let dep = rdd::ShuffleDep::sorted(r.clone(), p.0.clone(), true);
            Rdd::new(rt, rdd::RddKind::Shuffled(dep), Some(p.0.clone()))
        }
        "repartition" => repartition(rt, &r, repartition_arg(&args, name)?),
        "coalesce" => {
            let n = int(&get(&args, 0, name)?, name)?;
            if n <= 0 {
                return Err(Exn::require(format!(
                    "Number of partitions ({n}) must be positive."
                )));
            }
            if args.len() > 2 {
                return Err(Exn::unsupported(
                    "coalesce with a PartitionCoalescer of your own",
                ));
            }
            // With `shuffle = true` it is `repartition(n)` (a coalesce over a shuffle whose
            // map side has not run keeps its partitions as they are).
            let n = Exn::check_partitions(n as usize)?;
            if bool_arg(args.get(1), false, name)? {
                repartition(rt, &r, n)
            } else {
                rdd::coalesce(rt, r, n)
            }
        }
        "keys" | "values" => {
            let first = name == "keys";
            let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
                recs.iter()
                    .map(|rec| {
                        let (k, v) = pair_of(rec)?;
                        Ok(if first { k.clone() } else { v.clone() })
                    })
                    .collect()
            }));
            let out = r.narrow_with(rt, op, None);
            // `self.map(_._1)` on Spark.
            out.keeps_sizes.set(true);
            out
        }
        "keyBy" => key_by(rt, &r, f0(name)?),
        "combineByKey" | "combineByKeyWithClassTag" => {
            let c = f0(name)?;
            let mv = func(&get(&args, 1, name)?, name)?;
            let mc = func(&get(&args, 2, name)?, name)?;
            let p = rdd_partitions_arg(rt, args.get(3), name, &[&r])?;
            let agg = Aggregator {
                create: AggFn::User(c, "createCombiner"),
                merge_value: AggFn::User(mv, "mergeValue"),
                merge_combiners: AggFn::User(mc, "mergeCombiners"),
            };
            rdd::combine_by_key(rt, &r, agg, p, true)
        }
        "foldByKey" | "aggregateByKey" => {
            // foldByKey(zero[, n])(func); aggregateByKey(zero[, n])(seqOp, combOp): the zero
            // starts each key's combiner (`createCombiner` is `v => seqOp(zero, v)`).
            let zero = get(&args, 0, name)?;
            let fns = if name == "foldByKey" { 1 } else { 2 };
            let given_n = args.len() > 1 + fns;
            let p = rdd_partitions_arg(rt, args.get(1).filter(|_| given_n), name, &[&r])?;
            let first = 1 + usize::from(given_n);
            let seq = func(&get(&args, first, name)?, name)?;
            let agg = if fns == 1 {
                Aggregator {
                    create: AggFn::UserFromZero(seq.clone(), zero, "reduceFunc"),
                    merge_value: AggFn::User(seq.clone(), "reduceFunc"),
                    merge_combiners: AggFn::User(seq, "reduceFunc"),
                }
            } else {
                let comb = func(&get(&args, first + 1, name)?, name)?;
                Aggregator {
                    create: AggFn::UserFromZero(seq.clone(), zero, "seqOp"),
                    merge_value: AggFn::User(seq, "seqOp"),
                    merge_combiners: AggFn::User(comb, "combOp"),
                }
            };
            rdd::combine_by_key(rt, &r, agg, p, true)
        }
        "sortByKey" => {
            let ascending = bool_arg(args.first(), true, name)?;
            let n = sort_partitions_arg(args.get(1), &r, name)?;
            crate::range_partitioner::sort_by_key(rt, &r, ascending, n)?
        }
        "sortBy" => {
            // keyBy(f).sortByKey(ascending, numPartitions).values
            let ascending = bool_arg(args.get(1), true, name)?;
            let n = sort_partitions_arg(args.get(2), &r, name)?;
            let keyed = key_by(rt, &r, f0(name)?);
            let sorted = crate::range_partitioner::sort_by_key(rt, &keyed, ascending, n)?;
            return rdd_method(rt, sorted, "values", Vec::new());
        }
        "distinct" => {
            let n = match args.first() {
                Some(v) => partitions_arg(rt, Some(v), name)?.0,
                None => r.num_partitions(),
            };
            distinct(rt, &r, n)
        }
        "partitionBy" => {
            let p = get(&args, 0, name)?;
            let p = p
                .obj::<PartitionerObj>()
                .ok_or_else(|| Exn::unsupported("partitionBy needs a `new HashPartitioner(n)`"))?;
            rdd::partition_by(rt, &r, p.0.clone())
        }
        "cache" | "persist" => {
            let level = match args.first() {
                Some(Value::Str(l)) => crate::to_debug_string::level_description(l),
                _ => crate::to_debug_string::MEMORY_ONLY,
            };
            r.persist_as(level);
            r
        }
        "unpersist" => {
            r.unpersist();
            r
        }
        "getStorageLevel" => {
            return Ok(Value::str(&crate::to_debug_string::level_to_string(
                r.level.get(),
            )))
        }
        "checkpoint" => {
            if rt.checkpoint_dir.is_none() {
                return Err(Exn::new(
                    "org.apache.spark.SparkException",
                    "Checkpoint directory has not been set in the SparkContext",
                ));
            }
            r.mark_for_checkpoint();
            return Ok(Value::Unit);
        }
        "isCheckpointed" => return Ok(Value::Bool(r.is_checkpointed())),
        "partitioner" => {
            let p = r.partitioner.clone();
            return Ok(Value::option(
                p.map(|p| Value::Obj(Rc::new(PartitionerObj(p)))),
            ));
        }
        "setName" => {
            *r.user_name.borrow_mut() = Some(Rc::from(get(&args, 0, name)?.to_string()));
            r
        }
        "name" => {
            return Ok(match &*r.user_name.borrow() {
                Some(n) => Value::Str(n.clone()),
                None => Value::Null,
            })
        }
        "toLocalIterator" => {
            // A job per partition, each when the iterator reaches it.
            return Ok(super::interp::IterObj::wrap(Box::new(rdd::LocalIter::new(
                r,
            ))));
        }
        "foreach" => {
            rdd::foreach(rt, &r, &f0(name)?)?;
            return Ok(Value::Unit);
        }
        "foreachPartition" => {
            let f = f0(name)?;
            let parts: Vec<usize> = (0..r.num_partitions()).collect();
            rdd::run_job(rt, &r, &parts, |rt, it| {
                let items = rdd::drain(rt, it)?;
                let v = super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(items)));
                rt.call_user(
                    "foreachPartitionFunc",
                    Some(&Value::Int(rt.partition() as i32)),
                    &f,
                    &[v],
                )
            })?;
            return Ok(Value::Unit);
        }
        "collect" if !args.is_empty() => {
            // `rdd.collect { case ... }`: Spark's `filter(f.isDefinedAt).map(f)`.
            let f = f0(name)?;
            let pf = f.clone();
            let defined = Func::native("isDefinedAt", move |rt, a| {
                Ok(Value::Bool(super::interp::is_defined_at(rt, &pf, &a[0])?))
            });
            let kept = r.narrow(rt, Narrow::Filter(defined, "filterFunc"));
            kept.narrow(rt, Narrow::Map(f, "mapFunc"))
        }
        "collect" => return Ok(Value::Seq(SeqKind::Array, Rc::new(rdd::collect(rt, &r)?))),
        "collectAsMap" => {
            let pairs = rdd::collect(rt, &r)?;
            for p in &pairs {
                pair_of(p)?;
            }
            return Ok(super::collections::mutable_hash_map(pairs));
        }
        "count" => return Ok(Value::Long(rdd::count(rt, &r)?)),
        "take" => {
            let n = int(&get(&args, 0, name)?, name)?.max(0) as usize;
            return Ok(Value::Seq(SeqKind::Array, Rc::new(rdd::take(rt, &r, n)?)));
        }
        "first" => {
            let v = rdd::take(rt, &r, 1)?;
            return v.into_iter().next().ok_or_else(|| {
                Exn::new(
                    "org.apache.spark.SparkUnsupportedOperationException",
                    "empty collection",
                )
            });
        }
        "isEmpty" => {
            return Ok(Value::Bool(
                r.num_partitions() == 0 || rdd::take(rt, &r, 1)?.is_empty(),
            ));
        }
        "reduce" => {
            let f = f0(name)?;
            let op = |rt: &mut Runtime, a, b| {
                rt.call_user("reduceFunc", Some(&Value::Null), &f, &[a, b])
            };
            return rdd_fold(rt, &r, None, &op, &op)?.ok_or_else(|| {
                Exn::new(
                    "org.apache.spark.SparkUnsupportedOperationException",
                    "empty collection",
                )
            });
        }
        "fold" => {
            // fold(zeroValue)(op): each partition folded from the zero in its task, then the
            // results into the zero on the driver.
            let zero = get(&args, 0, name)?;
            let f = func(&get(&args, 1, name)?, name)?;
            let op = |rt: &mut Runtime, a, b| {
                rt.call_user("reduceFunc", Some(&Value::Null), &f, &[a, b])
            };
            return Ok(rdd_fold(rt, &r, Some(zero), &op, &op)?.unwrap_or(Value::Null));
        }
        "aggregate" => {
            // aggregate(zeroValue)(seqOp, combOp): seqOp over each partition from the zero,
            // combOp over the tasks' results from the zero on the driver.
            let zero = get(&args, 0, name)?;
            let seq = func(&get(&args, 1, name)?, name)?;
            let comb = func(&get(&args, 2, name)?, name)?;
            let null = Value::Null;
            let seq_op = |rt: &mut Runtime, a, b| rt.call_user("seqOp", Some(&null), &seq, &[a, b]);
            let comb_op =
                |rt: &mut Runtime, a, b| rt.call_user("combOp", Some(&null), &comb, &[a, b]);
            return Ok(rdd_fold(rt, &r, Some(zero), &seq_op, &comb_op)?.unwrap_or(Value::Null));
        }
        "treeAggregate" | "treeReduce" => return tree_aggregate(rt, &r, name, &args),
        "randomSplit" => {
            let splits = random_split(rt, &r, &args)?;
            let rdds = splits.into_iter().map(rdd_value).collect();
            return Ok(Value::Seq(SeqKind::Array, Rc::new(rdds)));
        }
        "max" | "min" => {
            // reduce(ord.max): Ordering.max(x, y) is x when x >= y; min, x when x <= y.
            let max = name == "max";
            let ord = super::ordering_obj::of(args.first());
            let op = move |rt: &mut Runtime, a: Value, b: Value| {
                let c = match &ord {
                    Some(o) => super::ordering_obj::compare(rt, o, &a, &b)?,
                    None => crate::ordering::compare(&a, &b)?,
                };
                Ok(if (max && c.is_ge()) || (!max && c.is_le()) {
                    a
                } else {
                    b
                })
            };
            return rdd_fold(rt, &r, None, &op, &op)?.ok_or_else(|| {
                Exn::new(
                    "org.apache.spark.SparkUnsupportedOperationException",
                    "empty collection",
                )
            });
        }
        "reduceByKeyLocally" => return reduce_by_key_locally(rt, &r, f0(name)?),
        "histogram" => return histogram(rt, &r, &args),
        "stats" | "mean" | "stdev" | "variance" | "sampleStdev" | "sampleVariance" | "popStdev"
        | "popVariance" => {
            // DoubleRDDFunctions: mapPartitions(nums => Iterator(StatCounter(nums)))
            //   .reduce((a, b) => a.merge(b)), then the counter's own figure.
            use super::stat_counter::StatCounter;
            let doubles = as_doubles(rt, &r, name);
            let counters = doubles.narrow_with(
                rt,
                Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
                    let mut s = StatCounter::default();
                    for v in &recs {
                        if let Value::Double(d) = v {
                            s.add(*d);
                        }
                    }
                    Ok(vec![Value::Obj(Rc::new(s))])
                })),
                None,
            );
            let merge = |_rt: &mut Runtime, a: Value, b: Value| {
                let mut s = a.obj::<StatCounter>().cloned().unwrap_or_default();
                if let Some(o) = b.obj::<StatCounter>() {
                    s.merge(o);
                }
                Ok(Value::Obj(Rc::new(s)))
            };
            let stats = rdd_fold(rt, &counters, None, &merge, &merge)?.ok_or_else(|| {
                Exn::new(
                    "org.apache.spark.SparkUnsupportedOperationException",
                    "empty collection",
                )
            })?;
            return match (name, stats.obj::<StatCounter>()) {
                ("stats", _) | (_, None) => Ok(stats),
                (_, Some(s)) => s.method(name),
            };
        }
        "zipWithIndex" => {
            let out = zip_with_index(rt, &r)?;
            out.class.set("ZippedWithIndexRDD");
            out
        }
        "sample" => {
            let out = sample(rt, &r, &args)?;
            out.class.set("PartitionwiseSampledRDD");
            out
        }
        "sampleByKey" => sample_by_key(rt, &r, &args)?,
        "takeSample" => return take_sample(rt, &r, &args),
        "sum" => {
            // DoubleRDDFunctions over rdd.map(num.toDouble): fold(0.0)(_ + _).
            let doubles = as_doubles(rt, &r, name);
            let add =
                |rt: &mut Runtime, a, b| super::interp::binary(rt, super::ast::BinOp::Add, a, b);
            return Ok(
                rdd_fold(rt, &doubles, Some(Value::Double(0.0)), &add, &add)?
                    .unwrap_or(Value::Null),
            );
        }
        "countByKey" => return count_by_key(rt, &r),
        "countByValue" => {
            // map(value => (value, null)).countByKey()
            let pairs = with_null_values(rt, &r);
            return count_by_key(rt, &pairs);
        }
        "top" | "takeOrdered" => {
            let n = int(&get(&args, 0, name)?, name)?;
            let ord = super::ordering_obj::of(args.get(1));
            let items = take_ordered(rt, &r, n, name == "takeOrdered", ord)?;
            return Ok(Value::Seq(SeqKind::Array, Rc::new(items)));
        }
        "getNumPartitions" => return Ok(Value::Int(r.num_partitions() as i32)),
        "partitions" => {
            return Ok(Value::Seq(
                SeqKind::Array,
                Rc::new(
                    (0..r.num_partitions())
                        .map(|i| Value::Int(i as i32))
                        .collect(),
                ),
            ))
        }
        "id" => return Ok(Value::Int(r.id as i32)),
        "sparkContext" | "context" => return Ok(Value::Obj(Rc::new(ScObj))),
        "saveAsTextFile" | "saveAsObjectFile" => {
            let dir = get(&args, 0, name)?.to_text();
            let objects = name == "saveAsObjectFile";
            ops::save_as_text_files::save(rt, &r, dir, objects)?;
            return Ok(Value::Unit);
        }
        "toDebugString" => return Ok(Value::str(&crate::to_debug_string::to_debug_string(rt, &r))),
        "dependencies" => return dependencies(&r),
        "getClass" => {
            // The class `toDebugString` names, in its package.
            let package = match r.class.get() {
                "MapWithStateRDD" => "org.apache.spark.streaming.rdd",
                _ => "org.apache.spark.rdd",
            };
            let class = format!("{package}.{}", r.class.get());
            return Ok(Value::Obj(Rc::new(super::class_obj::ClassObj(class))));
        }
        _ => return Err(not_member(name, "RDD", RDD_METHODS)),
    };
    Ok(rdd_value(out))
}
