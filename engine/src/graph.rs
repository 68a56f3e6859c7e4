//! The DStream graph: streams, their parents, and Spark's rules for when a stream has an RDD.
//!
//! A stream has an RDD at `t` only if `t > zeroTime` and `(t − zeroTime)` is a multiple of its
//! slide (`DStream.isTimeValid`). `get_or_compute` memoises per time as `DStream.getOrCompute`
//! does: it persists and marks for checkpointing at the same moments Spark does. `start`
//! replays `DStreamGraph.start`: `initialize` (default checkpoint intervals, remember
//! durations), `remember`, then `validateAtStart` with Spark's messages.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::exec::{Exn, Func, Runtime};
use crate::ops;
use crate::rdd::{Aggregator, Narrow, Partitioner, Rdd};
use crate::time::{Duration, Time};
use crate::trace::StreamInfo;

/// A stream's index in the graph.
pub type NodeId = usize;

/// A Spark-internal transform of the parents' RDDs at a time (`join`, `count`...).
pub type TransformFn = Rc<dyn Fn(&mut Runtime, Vec<Rc<Rdd>>, Time) -> Result<Rc<Rdd>, Exn>>;

/// What an output operation does with each RDD.
#[derive(Clone)]
pub enum OutputOp {
    /// `print(num)`; a negative `num` prints the header and `...` without a job (Spark's
    /// `take(num + 1)` of nothing).
    Print(i64),
    /// `foreachRDD(f)`; `f` takes `(rdd)` or `(rdd, time)`.
    ForeachRdd(Func),
}

/// How `updateStateByKey` updates a key.
#[derive(Clone)]
pub enum StateUpdate {
    /// `(values: Seq[V], state: Option[S]) => Option[S]`.
    Simple(Func),
    /// `(time: Time, key: K, values: Seq[V], state: Option[S]) => Option[S]`.
    WithTime(Func),
    /// `(it: Iterator[(K, Seq[V], Option[S])]) => Iterator[(K, S)]`, once a partition, with
    /// `rememberPartitioner` (the state keeps the partitioner).
    Iterator(Func, bool),
}

/// `StateSpec`: the mapping function and its options.
#[derive(Clone)]
pub struct StateSpecData {
    /// The mapping function (3 or 4 parameters).
    pub func: Func,
    /// `numPartitions(n)`.
    pub partitions: Option<usize>,
    /// `timeout(d)`.
    pub timeout: Option<Duration>,
    /// `initialState(rdd)`.
    pub initial: Option<Rc<Rdd>>,
}

/// What kind of stream a node is; each kind is one file under `ops/`.
#[derive(Clone)]
pub enum NodeKind {
    /// `socketTextStream(host, port)`: a receiver, fed by the scenario's `nc` lines.
    SocketInput,
    /// Spark's `TestInputStream`: batch `i` gets `input[i]` in `n` partitions; `None` means no
    /// RDD; past the end, empty RDDs.
    TestInput(Rc<Vec<Option<Vec<crate::value::Value>>>>, usize),
    /// `queueStream(queue, oneAtATime, defaultRDD)`, fed from a queue of RDDs.
    QueueInput(crate::ops::queue_input::Queue, bool, Option<Rc<Rdd>>),
    /// `map`, `flatMap`, `filter`, `mapValues`, `mapPartitions`, `glom`...
    Mapped(Narrow),
    /// `union`.
    Union,
    /// `transform(f)` / `transformWith`: `f(rdds..., time?)` on the driver at generation.
    Transformed(Func),
    /// Spark-internal transforms (`join`, `count`...).
    TransformedNative(TransformFn),
    /// `reduceByKey`, `groupByKey`, `combineByKey`.
    Shuffled {
        /// The aggregator.
        agg: Aggregator,
        /// Where keys go.
        partitioner: Partitioner,
        /// Whether the map side combines.
        map_side_combine: bool,
    },
    /// `window(W, S)`.
    Windowed {
        /// The window length.
        window: Duration,
    },
    /// `reduceByKeyAndWindow` with an inverse function.
    ReducedWindowed {
        /// `reduceFunc`.
        reduce: Func,
        /// `invReduceFunc`.
        inv: Func,
        /// `filterFunc`.
        filter: Option<Func>,
        /// The window length.
        window: Duration,
        /// The partitioner.
        partitioner: Partitioner,
    },
    /// `updateStateByKey`.
    State {
        /// The update function.
        update: StateUpdate,
        /// The partitioner.
        partitioner: Partitioner,
        /// `initialRDD`.
        initial: Option<Rc<Rdd>>,
    },
    /// `InternalMapWithStateDStream`: the state RDD of `mapWithState`.
    MapWithStateInternal(Rc<StateSpecData>, Partitioner),
    /// `MapWithStateDStreamImpl`: the mapped data (or, with `true`, `stateSnapshots()`).
    MapWithStateOut(bool),
    /// An output operation.
    ForEach(OutputOp),
    /// `KafkaUtils.createDirectStream`: no receiver, offset ranges fixed at generation.
    DirectKafka(Rc<std::cell::RefCell<ops::direct_kafka_input::DirectKafka>>),
}

impl NodeKind {
    /// Whether the stream keeps state per key from batch to batch (`updateStateByKey`,
    /// `mapWithState`, the inverse window's running reduce): the trace records it each batch.
    pub fn keeps_state(&self) -> bool {
        matches!(
            self,
            NodeKind::State { .. }
                | NodeKind::MapWithStateInternal(..)
                | NodeKind::ReducedWindowed { .. }
        )
    }
}

/// One DStream.
pub struct Node {
    /// Spark's class (`ReducedWindowedDStream`).
    pub class: &'static str,
    /// The operator that made it (`reduceByKeyAndWindow`).
    pub op: std::rc::Rc<str>,
    /// Parents, in order.
    pub parents: Vec<NodeId>,
    /// Slide duration.
    pub slide: Duration,
    /// What it computes.
    pub kind: NodeKind,
    /// Whether its RDDs are persisted (storage level not `NONE`).
    pub persist: bool,
    /// Whether they are persisted serialized (`MEMORY_ONLY_SER`, what `DStream.checkpoint(d)`
    /// sets): each read of a cached record is a copy deserialized (for `mapWithState`'s
    /// state maps, `StateMap::reread`).
    pub serialized: bool,
    /// Whether it must be checkpointed (stateful streams).
    pub must_checkpoint: bool,
    /// The checkpoint interval, once set.
    pub checkpoint: Option<Duration>,
    /// The remember duration, once initialised.
    pub remember: Option<Duration>,
    /// Generated RDDs by time (`generatedRDDs`).
    pub generated: BTreeMap<i64, Rc<Rdd>>,
    /// The window length, for windowed streams (`parentRememberDuration` adds it).
    pub window: Option<Duration>,
    /// Where in the program it was made.
    pub span: Option<(u32, u32)>,
    /// Its creation site: the DStream method the program called, which for a stream made
    /// inside another method (`reduceByKeyAndWindow`'s window) is that method's.
    pub site: Option<crate::rdd::Site>,
    /// Whether `initialize` already ran.
    initialized: bool,
}

/// All streams of a program, and its output streams in registration order.
#[derive(Default)]
pub struct Graph {
    /// Every stream, by id.
    pub nodes: Vec<Node>,
    /// Output streams, in registration order.
    pub outputs: Vec<NodeId>,
    /// The input streams.
    pub inputs: Vec<NodeId>,
    /// `ssc.remember(d)`.
    pub remember: Option<Duration>,
    /// The zero time, once started.
    pub zero: Time,
    /// Whether `ssc.start()` ran.
    pub started: bool,
    /// The scenario's Kafka broker, when it has one.
    pub kafka: Option<Rc<std::cell::RefCell<crate::kafka::Broker>>>,
}

impl Graph {
    /// The one slide of a stream made of `parents` (`UnionDStream`, `TransformedDStream`: a
    /// `union`, `transformWith`, a join, `ssc.transform`), or what Spark throws: with none,
    /// the constructor's `parents.head` fails first (`head of empty {seq}`: `list` for
    /// `ssc.transform`'s `Seq`, `array` for `ssc.union`'s `toArray`, oracle); slides that
    /// differ fail the `require`.
    pub fn one_slide(&self, parents: &[NodeId], seq: &str) -> Result<Duration, Exn> {
        let Some(&first) = parents.first() else {
            return Err(Exn::new(
                "java.util.NoSuchElementException",
                format!("head of empty {seq}"),
            ));
        };
        let slide = self.nodes[first].slide;
        if parents.iter().any(|&p| self.nodes[p].slide != slide) {
            return Err(Exn::require(
                "Some of the DStreams have different slide durations",
            ));
        }
        Ok(slide)
    }

    /// Add a stream.
    pub fn add(
        &mut self,
        class: &'static str,
        op: &str,
        parents: Vec<NodeId>,
        slide: Duration,
        kind: NodeKind,
    ) -> NodeId {
        let id = self.nodes.len();
        let is_input = matches!(
            kind,
            NodeKind::SocketInput
                | NodeKind::QueueInput(..)
                | NodeKind::TestInput(..)
                | NodeKind::DirectKafka(_)
        );
        let is_output = matches!(kind, NodeKind::ForEach(_));
        self.nodes.push(Node {
            class,
            op: op.into(),
            parents,
            slide,
            kind,
            persist: false,
            serialized: false,
            must_checkpoint: false,
            checkpoint: None,
            remember: None,
            generated: BTreeMap::new(),
            window: None,
            span: None,
            site: None,
            initialized: false,
        });
        if is_input {
            self.inputs.push(id);
        }
        if is_output {
            self.outputs.push(id);
        }
        id
    }

    /// The streams as the trace describes them.
    pub fn describe(&self) -> Vec<StreamInfo> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| StreamInfo {
                id: i as u32,
                class: n.class.to_string(),
                op: n.op.to_string(),
                parents: n.parents.iter().map(|&p| p as u32).collect(),
                slide_ms: n.slide.0,
                window_ms: n.window.map(|w| w.0),
                checkpoint_ms: n.checkpoint.map(|c| c.0),
                remember_ms: n.remember.map(|r| r.0).unwrap_or(0),
                output: matches!(n.kind, NodeKind::ForEach(_)),
                keeps_state: n.kind.keeps_state(),
                span: n.span,
            })
            .collect()
    }

    /// `DStreamGraph.start(zeroTime)`: initialise, remember, validate. Spark's `require`
    /// failures come back word for word.
    pub fn start(&mut self, zero: Time, checkpoint_dir_set: bool) -> Result<(), Exn> {
        self.zero = zero;
        for &o in &self.outputs.clone() {
            self.initialize(o);
        }
        for &o in &self.outputs.clone() {
            self.remember_rec(o, self.remember);
        }
        for &o in &self.outputs.clone() {
            self.validate_at_start(o, checkpoint_dir_set)?;
        }
        self.started = true;
        Ok(())
    }

    fn initialize(&mut self, id: NodeId) {
        if self.nodes[id].initialized {
            return;
        }
        let n = &mut self.nodes[id];
        n.initialized = true;
        if matches!(n.kind, NodeKind::MapWithStateInternal(..)) && n.checkpoint.is_none() {
            // DEFAULT_CHECKPOINT_DURATION_MULTIPLIER = 10.
            n.checkpoint = Some(Duration(n.slide.0 * 10));
        }
        if n.must_checkpoint && n.checkpoint.is_none() {
            // `slideDuration * math.ceil(Seconds(10) / slideDuration).toInt`: a division of
            // doubles (a zero slide gives Infinity, which `toInt` saturates), then `Long * Int`.
            let s = n.slide.0;
            let times = (10_000.0 / s as f64).ceil() as i32;
            n.checkpoint = Some(Duration(s.wrapping_mul(i64::from(times))));
        }
        let mut min_remember = n.slide;
        if let Some(c) = n.checkpoint {
            if min_remember <= c {
                min_remember = Duration(c.0 * 2);
            }
        }
        if n.remember.is_none_or(|r| r < min_remember) {
            n.remember = Some(min_remember);
        }
        for p in n.parents.clone() {
            self.initialize(p);
        }
    }

    fn remember_rec(&mut self, id: NodeId, d: Option<Duration>) {
        let n = &mut self.nodes[id];
        if let Some(d) = d {
            if n.remember.is_none_or(|r| d > r) {
                n.remember = Some(d);
            }
        }
        let parent_remember = n
            .remember
            .map(|r| Duration(r.0 + n.window.map_or(0, |w| w.0)));
        for p in n.parents.clone() {
            self.remember_rec(p, parent_remember);
        }
    }

    fn validate_at_start(&self, id: NodeId, checkpoint_dir_set: bool) -> Result<(), Exn> {
        let n = &self.nodes[id];
        let class = n.class;
        if n.must_checkpoint && n.checkpoint.is_none() {
            return Err(Exn::require(format!(
                "The checkpoint interval for {class} has not been set. Please use DStream.checkpoint() to set the interval."
            )));
        }
        if let Some(c) = n.checkpoint {
            if !checkpoint_dir_set {
                return Err(Exn::require(
                    "The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().",
                ));
            }
            let s = n.slide;
            if c < s {
                return Err(Exn::require(format!(
                    "The checkpoint interval for {class} has been set to {c} which is lower than its slide time ({s}). Please set it to at least {s}."
                )));
            }
            if !c.is_multiple_of(s).ok_or_else(Exn::by_zero)? {
                return Err(Exn::require(format!(
                    "The checkpoint interval for {class} has been set to  {c} which not a multiple of its slide time ({s}). Please set it to a multiple of {s}."
                )));
            }
            if !n.persist {
                return Err(Exn::require(format!(
                    "{class} has been marked for checkpointing but the storage level has not been set to enable persisting. Please use DStream.persist() to set the storage level to use memory for better checkpointing performance."
                )));
            }
            let r = n.remember.unwrap_or(Duration(0));
            if r <= c {
                return Err(Exn::require(format!(
                    "The remember duration for {class} has been set to  {r} which is not more than the checkpoint interval ({c}). Please set it to a value higher than {c}."
                )));
            }
        }
        for &p in &n.parents {
            self.validate_at_start(p, checkpoint_dir_set)?;
        }
        Ok(())
    }

    /// Whether stream `id` has an RDD at `t`.
    pub fn is_time_valid(&self, id: NodeId, t: Time) -> bool {
        let s = self.nodes[id].slide.0;
        // As Spark's `%`: a negative slide divides evenly too (real Spark runs such a window at
        // every batch); a zero slide is refused by `get_or_compute` before this.
        t > self.zero && s != 0 && (t.0 - self.zero.0) % s == 0
    }

    /// Drop RDDs older than each stream's remember duration (`clearMetadata`).
    pub fn clear_metadata(&mut self, t: Time) {
        for n in &mut self.nodes {
            let r = n.remember.unwrap_or(n.slide).0;
            let keep_after = t.0 - r;
            // Oldest first, without building a new map each batch (`split_off` did).
            while let Some(e) = n.generated.first_entry() {
                if *e.key() > keep_after {
                    break;
                }
                e.remove();
            }
        }
    }
}

/// For a stream that reads its own previous batch (`t - slide`: the state of
/// `updateStateByKey` and `mapWithState`): with a negative slide that batch is later, valid,
/// and reads a later one again, without end. Spark recurses the same way until its job
/// generator dies of a `StackOverflowError` (the reduced window's case, checked with the
/// oracle); the playground stops there with that error instead of overflowing the page's
/// stack.
pub fn previous_is_later(rt: &Runtime, id: NodeId, t: Time) -> Result<(), Exn> {
    let slide = rt.graph.nodes[id].slide;
    if slide.0 < 0 && rt.graph.is_time_valid(id, t - slide) {
        return Err(Exn::new("java.lang.StackOverflowError", ""));
    }
    Ok(())
}

/// `DStream.getOrCompute(t)`: the memoised RDD, or compute it (persisting and marking for
/// checkpoint as Spark does), or `None` when `t` is not valid for the stream.
pub fn get_or_compute(rt: &mut Runtime, id: NodeId, t: Time) -> Result<Option<Rc<Rdd>>, Exn> {
    if let Some(r) = rt.graph.nodes[id].generated.get(&t.0) {
        return Ok(Some(r.clone()));
    }
    if t > rt.graph.zero && rt.graph.nodes[id].slide.0 == 0 {
        // Spark's `isTimeValid`: `(time - zeroTime).isMultipleOf(slideDuration)` is `millis % 0`
        // (a window or stream with a zero slide), which the JVM refuses.
        return Err(Exn::by_zero());
    }
    if !rt.graph.is_time_valid(id, t) {
        return Ok(None);
    }
    // The RDDs a stream makes carry its creation site (Spark sets the call site to the
    // DStream's while it computes).
    let site = {
        let n = &rt.graph.nodes[id];
        n.site
            .clone()
            .unwrap_or_else(|| crate::rdd::Site(n.op.clone(), n.span.map_or(u32::MAX, |s| s.0)))
    };
    let saved = std::mem::replace(&mut rt.site, site);
    let computed = ops::compute(rt, id, t);
    rt.site = saved;
    let Some(rdd) = computed? else {
        return Ok(None);
    };
    let zero = rt.graph.zero;
    let n = &mut rt.graph.nodes[id];
    if n.persist {
        // `DStream.persist()`'s level, what Spark's stateful and windowed streams use.
        rdd.persist_as(crate::to_debug_string::MEMORY_ONLY_SER);
    }
    if let Some(c) = n.checkpoint {
        if c.0 > 0 && (t.0 - zero.0) % c.0 == 0 {
            rdd.mark_for_checkpoint();
        }
    }
    *rdd.made_by.borrow_mut() = Some((n.op.clone(), id));
    n.generated.insert(t.0, rdd.clone());
    Ok(Some(rdd))
}

/// `DStream.slice(from, to)`: the RDDs at the valid times in `[from, to]`, ends floored to the
/// stream's grid, times at or before zero skipped.
pub fn slice(
    rt: &mut Runtime,
    id: NodeId,
    from: Time,
    to: Time,
) -> Result<Vec<(Time, Rc<Rdd>)>, Exn> {
    if !rt.graph.nodes[id].initialized {
        // Spark prints the stream's `Object.toString` (class@identity hash); ours is stable.
        let class = rt.graph.nodes[id].class;
        return Err(Exn::spark(format!(
            "org.apache.spark.streaming.dstream.{class}@{:x} has not been initialized",
            0x5e4c_0000u32 + id as u32
        )));
    }
    let zero = rt.graph.zero;
    let s = rt.graph.nodes[id].slide;
    if s.0 == 0 {
        // `(toTime - zeroTime).isMultipleOf(slideDuration)` is `millis % 0`.
        return Err(Exn::by_zero());
    }
    let align = |t: Time| {
        if (t.0 - zero.0) % s.0 == 0 {
            t
        } else {
            t.floor(s, zero)
        }
    };
    let (from, to) = (align(from), align(to));
    // Spark walks `alignedFrom.to(alignedTo, slideDuration)` and skips the times before zero.
    // The walk starts at zero when `from` is before it (both are on the stream's grid), so a
    // window of decades is not billions of empty steps; a negative slide walks down.
    let mut out = Vec::new();
    let mut t = if s.0 > 0 { from.max(zero) } else { from };
    while t >= zero && (if s.0 > 0 { t <= to } else { t >= to }) {
        if let Some(r) = get_or_compute(rt, id, t)? {
            out.push((t, r));
        }
        t = t + s;
    }
    Ok(out)
}
