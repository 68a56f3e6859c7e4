//! `DirectKafkaInputDStream` (`KafkaUtils.createDirectStream`): Kafka 0-10's direct stream,
//! with no receiver and no core held (`spark-semantics.md` §9).
//!
//! At `start()` (here: its first `compute`) `currentOffsets` is the driver consumer's
//! position per partition: the group's committed offset, else `auto.offset.reset`. Each
//! `compute(t)`, at generation time: the latest offsets (records produced before `t`), clamped
//! by `spark.streaming.kafka.maxRatePerPartition` (`max((B_s × rate).toLong,
//! minRatePerPartition)` per partition), one `OffsetRange` per partition, a `KafkaRDD` with one
//! partition per Kafka partition (empty ranges included) holding `ConsumerRecord`s in offset
//! order, `currentOffsets = until`, then `commitAll()`: the ranges `commitAsync` queued since
//! the last generation are committed now (largest `untilOffset` per partition). The ranges of
//! every RDD the stream made are kept by RDD id for `HasOffsetRanges`, which works on those
//! RDDs only.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, NodeKind};
use crate::kafka::{
    max_messages_per_partition, offset_ranges, Broker, ConsumerConfig, OffsetRange, Record,
    TopicPartition,
};
use crate::rdd::Rdd;
use crate::time::{Duration, Time};
use crate::value::{Object, Value};

/// The stream's driver-side state (`DirectKafkaInputDStream`'s fields).
#[derive(Debug)]
pub struct DirectKafka {
    /// The broker it reads.
    pub broker: Rc<RefCell<Broker>>,
    /// `Subscribe(topics, ...)`.
    pub topics: Vec<String>,
    /// The driver consumer's settings (`group.id`, `auto.offset.reset`, ...).
    pub consumer: ConsumerConfig,
    /// `currentOffsets`, once started.
    pub current: Option<BTreeMap<TopicPartition, i64>>,
    /// `commitQueue`: ranges `commitAsync` enqueued, sent at the next generation.
    pub queue: Vec<OffsetRange>,
    /// Every commit `commitAll()` sent: `(virtual ms, offsets)`.
    pub commits: Vec<(i64, BTreeMap<TopicPartition, i64>)>,
    /// The offset ranges of each RDD it made, by RDD id (`HasOffsetRanges`).
    pub ranges: BTreeMap<u32, Vec<OffsetRange>>,
    /// The offset ranges by batch time.
    pub by_time: BTreeMap<i64, Vec<OffsetRange>>,
}

/// A `ConsumerRecord[String, String]`, as the stream's RDDs hold them.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsumerRecordObj(pub Record);

impl Object for ConsumerRecordObj {
    fn class_name(&self) -> String {
        "ConsumerRecord".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.to_consumer_record_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `OffsetRange`, as a Scala value.
#[derive(Clone, Debug, PartialEq)]
pub struct OffsetRangeObj(pub OffsetRange);

impl Object for OffsetRangeObj {
    fn class_name(&self) -> String {
        "OffsetRange".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `KafkaUtils.createDirectStream(ssc, PreferConsistent, Subscribe(topics, kafkaParams))`.
pub fn new(rt: &mut Runtime, batch: Duration, state: DirectKafka) -> NodeId {
    rt.graph.add(
        "DirectKafkaInputDStream",
        "createDirectStream",
        Vec::new(),
        batch,
        NodeKind::DirectKafka(Rc::new(RefCell::new(state))),
    )
}

/// The batch's `KafkaRDD`.
pub fn compute(
    rt: &mut Runtime,
    id: NodeId,
    st: &RefCell<DirectKafka>,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let batch = rt.graph.nodes[id].slide.0;
    let setting = |k: &str| {
        rt.conf
            .settings
            .get(k)
            .and_then(|v| v.trim().parse::<i64>().ok())
    };
    let max_rate = setting("spark.streaming.kafka.maxRatePerPartition").unwrap_or(0);
    let min_rate = setting("spark.streaming.kafka.minRatePerPartition").unwrap_or(1);
    let zero = rt.graph.zero.0;
    let mut s = st.borrow_mut();
    let broker = s.broker.clone();
    let broker = broker.borrow();
    if s.current.is_none() {
        let mut cur = BTreeMap::new();
        for tp in broker.partitions_of(&s.topics) {
            let o = broker.position(&s.consumer, &tp, zero).map_err(|m| {
                Exn::new(
                    "org.apache.kafka.clients.consumer.NoOffsetForPartitionException",
                    m,
                )
            })?;
            cur.insert(tp, o);
        }
        s.current = Some(cur);
    }
    let current = s.current.clone().unwrap_or_default();
    let ranges = offset_ranges(
        &broker,
        &current,
        t.0,
        max_messages_per_partition(batch, max_rate, min_rate),
    );
    let parts: Vec<Vec<Value>> = ranges
        .iter()
        .map(|r| {
            broker
                .read(&r.tp(), r.from, r.until)
                .into_iter()
                .map(|rec| Value::Obj(Rc::new(ConsumerRecordObj(rec))))
                .collect()
        })
        .collect();
    drop(broker);
    for p in &parts {
        rt.cur.input.extend(p.iter().map(|v| v.to_string()));
    }
    let rdd = Rdd::source(rt, parts);
    s.current = Some(ranges.iter().map(|r| (r.tp(), r.until)).collect());
    s.ranges.insert(rdd.id, ranges.clone());
    s.by_time.insert(t.0, ranges);
    commit_all(&mut s, t.0);
    if s.consumer.auto_commit {
        // `enable.auto.commit` on the driver consumer commits its position, which after
        // `seekToEnd` is the latest offset, not the processed one (§9, derived).
        let b = s.broker.clone();
        let latest: BTreeMap<TopicPartition, i64> = s
            .current
            .iter()
            .flatten()
            .map(|(tp, _)| (tp.clone(), b.borrow().end_offset(tp, t.0)))
            .collect();
        b.borrow_mut().commit(&s.consumer.group, &latest, t.0);
        s.commits.push((t.0, latest));
    }
    Ok(Some(rdd))
}

/// `commitAll()`: send the queue, the largest `untilOffset` per partition.
fn commit_all(s: &mut DirectKafka, at: i64) {
    if s.queue.is_empty() {
        return;
    }
    let mut m: BTreeMap<TopicPartition, i64> = BTreeMap::new();
    for r in s.queue.drain(..) {
        let e = m.entry(r.tp()).or_insert(r.until);
        *e = (*e).max(r.until);
    }
    s.broker.borrow_mut().commit(&s.consumer.group, &m, at);
    s.commits.push((at, m));
}

/// `stream.asInstanceOf[CanCommitOffsets].commitAsync(ranges)`: only enqueue.
pub fn commit_async(st: &RefCell<DirectKafka>, ranges: &[OffsetRange]) {
    st.borrow_mut().queue.extend(ranges.iter().cloned());
}

/// The direct stream's state, if `id` is one.
pub fn state_of(rt: &Runtime, id: NodeId) -> Option<Rc<RefCell<DirectKafka>>> {
    match &rt.graph.nodes.get(id)?.kind {
        NodeKind::DirectKafka(s) => Some(s.clone()),
        _ => None,
    }
}

/// `rdd.asInstanceOf[HasOffsetRanges].offsetRanges`: the ranges when `rdd` is one a direct
/// stream made itself; `None` (a `ClassCastException` in Spark) for any other RDD.
pub fn offset_ranges_of(rt: &Runtime, rdd: &Rdd) -> Option<Vec<OffsetRange>> {
    rt.graph.nodes.iter().find_map(|n| match &n.kind {
        NodeKind::DirectKafka(s) => s.borrow().ranges.get(&rdd.id).cloned(),
        _ => None,
    })
}
