//! The Scala side of Spark's Kafka 0-10 integration: `KafkaUtils.createDirectStream[K, V](ssc,
//! PreferConsistent, Subscribe[K, V](topics, kafkaParams))` (or `SubscribePattern(Pattern
//! .compile(regex), kafkaParams)`, or `Assign(List(new TopicPartition(topic, p)),
//! kafkaParams)`, each with an optional `Map[TopicPartition, Long]` of starting offsets), the
//! `Map[String, Object](...)`
//! of `kafkaParams`, `ConsumerRecord` accessors, `rdd.asInstanceOf[HasOffsetRanges]
//! .offsetRanges`, `OffsetRange`'s fields and `stream.asInstanceOf[CanCommitOffsets]
//! .commitAsync(offsetRanges)` (`spark-semantics.md` §9).
//!
//! [`call_method`] is consulted first by `spark_api::call_method` and answers only for the
//! values and names it knows; [`module_name`] names the companion objects it handles. The
//! broker comes from the scenario's `kafka` field (`Graph::kafka`); a program run without one
//! reads an empty broker.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::kafka::pattern::Pattern;
use crate::kafka::{Broker, ConsumerConfig, OffsetRange, OffsetReset, TopicPartition};
use crate::ops::direct_kafka_input::{
    self, commit_async, offset_ranges_of, ConsumerRecordObj, DirectKafka, OffsetRangeObj, Strategy,
};
use crate::value::{Object, SeqKind, Value};

use super::interp::RddObj;
use super::spark_api::{DStreamObj, Module, SscObj};

/// The companion objects this file handles, for `spark_api::module`.
pub fn module_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "KafkaUtils" => "KafkaUtils",
        "PreferConsistent" => "PreferConsistent",
        "Subscribe" => "Subscribe",
        "SubscribePattern" => "SubscribePattern",
        "Assign" => "Assign",
        "Pattern" => "Pattern",
        "LocationStrategies" => "LocationStrategies",
        "ConsumerStrategies" => "ConsumerStrategies",
        "Map" => "Map",
        _ => return None,
    })
}

/// A global name this file handles, for `builtins::global`: `classOf[...]`, as the
/// `kafkaParams` deserializers are written (its type argument is not seen here, so it is
/// always `StringDeserializer`, the only one the playground's records need).
pub fn global(name: &str) -> Option<Value> {
    match name {
        "classOf" => Some(Value::Obj(Rc::new(ClassOfObj))),
        _ => None,
    }
}

/// `classOf[StringDeserializer]`.
pub struct ClassOfObj;

impl Object for ClassOfObj {
    fn class_name(&self) -> String {
        "Class".into()
    }
    fn to_string_scala(&self) -> String {
        "class org.apache.kafka.common.serialization.StringDeserializer".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A consumer strategy: `Subscribe`, `SubscribePattern` or `Assign[K, V](..., kafkaParams[,
/// offsets])`.
pub struct SubscribeObj {
    /// Which partitions.
    pub strategy: Strategy,
    /// `kafkaParams`, values as strings.
    pub params: BTreeMap<String, String>,
    /// The explicit starting offsets.
    pub offsets: BTreeMap<TopicPartition, i64>,
}

impl Object for SubscribeObj {
    fn class_name(&self) -> String {
        match self.strategy {
            Strategy::Subscribe(_) => "Subscribe",
            Strategy::SubscribePattern(_) => "SubscribePattern",
            Strategy::Assign(_) => "Assign",
        }
        .into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `java.util.regex.Pattern`.
pub struct PatternObj(pub Pattern);

impl Object for PatternObj {
    fn class_name(&self) -> String {
        "Pattern".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.source.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `new TopicPartition(topic, partition)`, printed `topic-partition` as Kafka does.
pub struct TopicPartitionObj(pub TopicPartition);

impl Object for TopicPartitionObj {
    fn class_name(&self) -> String {
        "TopicPartition".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `new Class(args)` for Kafka's classes; `None` for other classes.
pub fn construct(class: &str, args: &[Value]) -> Option<Result<Value, Exn>> {
    if class != "TopicPartition" {
        return None;
    }
    Some((|| {
        let topic = get(args, 0, "new TopicPartition")?.to_string();
        let partition = match get(args, 1, "new TopicPartition")? {
            Value::Int(p) if p >= 0 => p as u32,
            Value::Long(p) if p >= 0 => p as u32,
            other => {
                return Err(Exn::unsupported(format!(
                    "new TopicPartition: the partition must be a non-negative Int, found {other}"
                )))
            }
        };
        Ok(Value::Obj(Rc::new(TopicPartitionObj(TopicPartition::new(
            &topic, partition,
        )))))
    })())
}

/// The entries of a `Map(k -> v, ...)` argument (`kafkaParams`, offsets); none for anything else.
fn map_entries(v: Option<&Value>) -> Vec<(Value, Value)> {
    match v {
        Some(Value::Seq(SeqKind::Map | SeqKind::HashMap, items)) => items
            .iter()
            .filter_map(|x| x.as_pair().map(|(k, v)| (k.clone(), v.clone())))
            .collect(),
        _ => Vec::new(),
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Seq(_, items) => items.iter().map(|v| v.to_string()).collect(),
        other => vec![other.to_string()],
    }
}

fn cast_error(from: &str, to: &str) -> Exn {
    Exn::new(
        "java.lang.ClassCastException",
        format!("class {from} cannot be cast to class org.apache.spark.streaming.kafka010.{to}"),
    )
}

fn get(args: &[Value], i: usize, what: &str) -> Result<Value, Exn> {
    args.get(i)
        .cloned()
        .ok_or_else(|| Exn::unsupported(format!("{what}: not enough arguments")))
}

/// `recv.name(args)` when it concerns Kafka; `None` to let `spark_api` answer.
pub fn call_method(
    rt: &mut Runtime,
    recv: &Value,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, Exn>> {
    if recv.obj::<ClassOfObj>().is_some() {
        return Some(Ok(recv.clone()));
    }
    if let Some(m) = recv.obj::<Module>() {
        return match (m.0, name) {
            ("KafkaUtils", "createDirectStream") => Some(create_direct_stream(rt, args)),
            // `LocationStrategies.PreferConsistent` written in full (where executors run the
            // consumers: one place in local mode).
            ("LocationStrategies", "PreferConsistent" | "PreferBrokers") => {
                Some(Ok(Value::Obj(Rc::new(Module("PreferConsistent")))))
            }
            ("Subscribe", "apply") | ("ConsumerStrategies", "Subscribe") => {
                Some(strategy("Subscribe", args))
            }
            ("SubscribePattern", "apply") | ("ConsumerStrategies", "SubscribePattern") => {
                Some(strategy("SubscribePattern", args))
            }
            ("Assign", "apply") | ("ConsumerStrategies", "Assign") => {
                Some(strategy("Assign", args))
            }
            ("Pattern", "compile") => Some(compile(args)),
            ("Map", "apply") => Some(Ok(crate::scala::collections::build(
                true,
                false,
                args.iter().filter(|a| a.as_pair().is_some()).cloned(),
            ))),
            ("Map", "empty") => Some(Ok(crate::scala::collections::build(true, false, []))),
            ("Set", "empty") => Some(Ok(crate::scala::collections::build(false, false, []))),
            _ => None,
        };
    }
    if matches!(name, "asInstanceOf" | "isInstanceOf")
        && (recv.obj::<RddObj>().is_some() || recv.obj::<DStreamObj>().is_some())
    {
        return Some(Ok(recv.clone()));
    }
    if let Some(r) = recv.obj::<RddObj>() {
        if name != "offsetRanges" {
            return None;
        }
        return Some(match offset_ranges_of(rt, &r.0) {
            Some(ranges) => Ok(Value::Seq(
                SeqKind::Array,
                Rc::new(
                    ranges
                        .into_iter()
                        .map(|o| Value::Obj(Rc::new(OffsetRangeObj(o))))
                        .collect(),
                ),
            )),
            None => Err(cast_error(
                "org.apache.spark.rdd.MapPartitionsRDD",
                "HasOffsetRanges",
            )),
        });
    }
    if let Some(d) = recv.obj::<DStreamObj>() {
        if name != "commitAsync" {
            return None;
        }
        let Some(st) = direct_kafka_input::state_of(rt, d.id) else {
            let class = rt.graph.nodes[d.id].class;
            return Some(Err(cast_error(
                &format!("org.apache.spark.streaming.dstream.{class}"),
                "CanCommitOffsets",
            )));
        };
        let ranges: Vec<OffsetRange> = args
            .first()
            .and_then(|a| a.as_seq())
            .unwrap_or(&[])
            .iter()
            .filter_map(|v| v.obj::<OffsetRangeObj>().map(|o| o.0.clone()))
            .collect();
        commit_async(&st, &ranges);
        return Some(Ok(Value::Unit));
    }
    if let Some(o) = recv.obj::<OffsetRangeObj>() {
        let o = &o.0;
        return Some(Ok(match name {
            "topic" => Value::str(&o.topic),
            "partition" => Value::Int(o.partition as i32),
            "fromOffset" => Value::Long(o.from),
            "untilOffset" => Value::Long(o.until),
            "count" => Value::Long(o.count()),
            "toString" => Value::str(&o.to_string()),
            _ => {
                return Some(Err(Exn::unsupported(format!(
                "value {name} is not a member of org.apache.spark.streaming.kafka010.OffsetRange"
            ))))
            }
        }));
    }
    if let Some(r) = recv.obj::<ConsumerRecordObj>() {
        let r = &r.0;
        return Some(Ok(match name {
            "topic" => Value::str(&r.topic),
            "partition" => Value::Int(r.partition as i32),
            "offset" => Value::Long(r.offset),
            "timestamp" => Value::Long(r.timestamp),
            "key" => r.key.as_deref().map_or(Value::Null, Value::str),
            "value" => Value::str(&r.value),
            "toString" => Value::str(&r.to_consumer_record_string()),
            _ => return Some(Err(Exn::unsupported(format!(
                "value {name} is not a member of org.apache.kafka.clients.consumer.ConsumerRecord[String,String]"
            )))),
        }));
    }
    None
}

/// `Pattern.compile(regex)`, with `PatternSyntaxException` for what it cannot read.
fn compile(args: &[Value]) -> Result<Value, Exn> {
    let src = get(args, 0, "Pattern.compile")?.to_string();
    match Pattern::compile(&src) {
        Ok(p) => Ok(Value::Obj(Rc::new(PatternObj(p)))),
        Err(m) => Err(Exn::new(
            "java.util.regex.PatternSyntaxException",
            format!("{m} near index 0\n{src}"),
        )),
    }
}

/// `Subscribe` / `SubscribePattern` / `Assign(first, kafkaParams[, offsets])`.
fn strategy(kind: &str, args: &[Value]) -> Result<Value, Exn> {
    let first = get(args, 0, kind)?;
    let strategy = match kind {
        "Subscribe" => Strategy::Subscribe(strings(&first)),
        "SubscribePattern" => match first.obj::<PatternObj>() {
            Some(p) => Strategy::SubscribePattern(p.0.clone()),
            None => {
                return Err(Exn::unsupported(
                    "SubscribePattern: the first argument must be a java.util.regex.Pattern (Pattern.compile(\"...\"))",
                ))
            }
        },
        _ => {
            let tps: Vec<TopicPartition> = first
                .as_seq()
                .unwrap_or(&[])
                .iter()
                .filter_map(|v| v.obj::<TopicPartitionObj>().map(|t| t.0.clone()))
                .collect();
            if tps.is_empty() {
                return Err(Exn::unsupported(
                    "Assign: the first argument must be a collection of new TopicPartition(topic, partition)",
                ));
            }
            Strategy::Assign(tps)
        }
    };
    let mut params = BTreeMap::new();
    for (k, v) in map_entries(args.get(1)) {
        params.insert(k.to_string(), v.to_string());
    }
    let mut offsets = BTreeMap::new();
    for (k, v) in map_entries(args.get(2)) {
        let (Some(tp), Value::Int(_) | Value::Long(_)) = (k.obj::<TopicPartitionObj>(), &v) else {
            return Err(Exn::unsupported(format!(
                "{kind}: offsets must be a Map[TopicPartition, Long]"
            )));
        };
        let o = match v {
            Value::Int(i) => i as i64,
            Value::Long(l) => l,
            _ => 0,
        };
        offsets.insert(tp.0.clone(), o);
    }
    Ok(Value::Obj(Rc::new(SubscribeObj {
        strategy,
        params,
        offsets,
    })))
}

/// `KafkaUtils.createDirectStream(ssc, locationStrategy, consumerStrategy)`.
fn create_direct_stream(rt: &mut Runtime, args: &[Value]) -> Result<Value, Exn> {
    if get(args, 0, "createDirectStream")?
        .obj::<SscObj>()
        .is_none()
    {
        return Err(Exn::unsupported(
            "createDirectStream: the first argument must be the StreamingContext",
        ));
    }
    let strategy = get(args, 2, "createDirectStream")?;
    let Some(sub) = strategy.obj::<SubscribeObj>() else {
        return Err(Exn::unsupported(
            "createDirectStream: the consumer strategy must be Subscribe, SubscribePattern or Assign[String, String](..., kafkaParams)",
        ));
    };
    let group = sub.params.get("group.id").cloned();
    let logger = "org.apache.spark.streaming.kafka010.KafkaUtils";
    // `KafkaUtils.fixKafkaParams` on the executor parameters.
    rt.warn(
        logger,
        "overriding enable.auto.commit to false for executor",
    );
    rt.warn(logger, "overriding auto.offset.reset to none for executor");
    match &group {
        Some(g) => rt.warn(
            logger,
            format!("overriding executor group.id to spark-executor-{g}"),
        ),
        None => rt.log.push(crate::trace::LogLine {
            hidden: false,
            time_ms: None,
            level: "ERROR".into(),
            logger: logger.into(),
            message: "group.id is null, you should probably set it".into(),
        }),
    }
    rt.warn(
        logger,
        "overriding receive.buffer.bytes to 65536 see KAFKA-3135",
    );
    let reset = sub
        .params
        .get("auto.offset.reset")
        .and_then(|s| OffsetReset::parse(s))
        .unwrap_or_default();
    let auto_commit = sub
        .params
        .get("enable.auto.commit")
        .is_none_or(|v| v == "true");
    let broker = rt
        .graph
        .kafka
        .get_or_insert_with(|| Rc::new(RefCell::new(Broker::default())))
        .clone();
    let state = DirectKafka {
        broker,
        strategy: sub.strategy.clone(),
        offsets: sub.offsets.clone(),
        consumer: ConsumerConfig {
            group: group.unwrap_or_default(),
            reset,
            auto_commit,
        },
        ..DirectKafka::default()
    };
    let batch = rt.batch.unwrap_or(crate::time::Duration(1000));
    let id = direct_kafka_input::new(rt, batch, state);
    Ok(Value::Obj(Rc::new(DStreamObj { id, internal: None })))
}
