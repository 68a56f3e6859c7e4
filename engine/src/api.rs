//! The typed Rust API: build the same graphs the Scala front-end builds, with Rust closures as
//! user functions. Tests use it to run Spark's own suites (`TestSuiteBase`: a test input
//! stream, one collected output per batch) without going through Scala text.
//!
//! ```
//! use dstream_engine::api::Ssc;
//! use dstream_engine::value::Value;
//! let mut ssc = Ssc::new("local[2]", 1000);
//! let input = ssc.test_input(vec![Some(vec![Value::Int(1), Value::Int(2)])], 2);
//! let doubled = ssc.map(input, |v| match v { Value::Int(i) => Value::Int(i * 2), o => o.clone() });
//! let out = ssc.collect(doubled);
//! let run = ssc.run(1).unwrap();
//! assert_eq!(run.output(out), vec![vec![Value::Int(2), Value::Int(4)]]);
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine;
use crate::exec::{Exn, Func, Runtime};
use crate::graph::{NodeId, NodeKind, OutputOp, StateSpecData, StateUpdate};
use crate::ops;
use crate::rdd::{self, Aggregator, Narrow, Partitioner, Rdd};
use crate::time::{Duration, Time};
use crate::trace::{BatchTrace, Detail};
use crate::value::Value;

/// What a collected output keeps: `(batch time, records)` per RDD.
type Collected = Rc<RefCell<Vec<(i64, Vec<Value>)>>>;

/// A `filterFunc` of the typed API.
pub type FilterFn = Box<dyn Fn(&Value) -> bool>;

/// A DStream of the typed API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stream(pub NodeId);

/// A collected output: the records of every RDD the stream produced, per batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Output(usize);

/// A streaming context on virtual time, driven by the test.
pub struct Ssc {
    /// The runtime (public for tests that look inside).
    pub rt: Runtime,
    batch: Duration,
    collected: Vec<Collected>,
}

/// The result of a run.
pub struct Run {
    /// Each batch's trace.
    pub batches: Vec<BatchTrace>,
    collected: Vec<Vec<(i64, Vec<Value>)>>,
}

impl Run {
    /// The records collected for `out`, one list per output RDD (batches where the stream had
    /// no RDD, like a window between slides, are skipped, as in Spark's tests).
    pub fn output(&self, out: Output) -> Vec<Vec<Value>> {
        self.collected[out.0]
            .iter()
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The batch times at which `out` got an RDD.
    pub fn output_times(&self, out: Output) -> Vec<i64> {
        self.collected[out.0].iter().map(|(t, _)| *t).collect()
    }
}

fn f1(name: &str, f: impl Fn(&Value) -> Value + 'static) -> Func {
    Func::native(name, move |_rt, a| Ok(f(&a[0])))
}

fn f2(name: &str, f: impl Fn(&Value, &Value) -> Value + 'static) -> Func {
    Func::native(name, move |_rt, a| Ok(f(&a[0], &a[1])))
}

impl Ssc {
    /// `new StreamingContext(new SparkConf().setMaster(master), Milliseconds(batch_ms))`,
    /// with a checkpoint directory set (as `TestSuiteBase` always does).
    pub fn new(master: &str, batch_ms: i64) -> Ssc {
        let mut rt = Runtime::new(Detail::Full);
        rt.conf.master = Some(master.to_string());
        rt.batch = Some(Duration(batch_ms));
        rt.checkpoint_dir = Some("checkpoint".into());
        Ssc {
            rt,
            batch: Duration(batch_ms),
            collected: Vec::new(),
        }
    }

    /// Spark's `TestInputStream`: batch `i` gets `input[i]` as an RDD of `partitions`
    /// partitions, `None` means no RDD at all, and batches past the end get empty RDDs.
    pub fn test_input(&mut self, input: Vec<Option<Vec<Value>>>, partitions: usize) -> Stream {
        let id = self.rt.graph.add(
            "TestInputStream",
            "testInput",
            Vec::new(),
            self.batch,
            NodeKind::TestInput(Rc::new(input), partitions),
        );
        Stream(id)
    }

    /// `map(f)`.
    pub fn map(&mut self, s: Stream, f: impl Fn(&Value) -> Value + 'static) -> Stream {
        Stream(ops::mapped::new(
            &mut self.rt,
            s.0,
            Narrow::Map(f1("map", f), "mapFunc"),
        ))
    }

    /// `flatMap(f)`.
    pub fn flat_map(&mut self, s: Stream, f: impl Fn(&Value) -> Vec<Value> + 'static) -> Stream {
        let func = Func::native("flatMap", move |_rt, a| Ok(Value::list(f(&a[0]))));
        Stream(ops::mapped::new(
            &mut self.rt,
            s.0,
            Narrow::FlatMap(func, "flatMapFunc"),
        ))
    }

    /// `filter(f)`.
    pub fn filter(&mut self, s: Stream, f: impl Fn(&Value) -> bool + 'static) -> Stream {
        let func = Func::native("filter", move |_rt, a| Ok(Value::Bool(f(&a[0]))));
        Stream(ops::mapped::new(
            &mut self.rt,
            s.0,
            Narrow::Filter(func, "filterFunc"),
        ))
    }

    /// `mapValues(f)`.
    pub fn map_values(&mut self, s: Stream, f: impl Fn(&Value) -> Value + 'static) -> Stream {
        Stream(ops::mapped::new(
            &mut self.rt,
            s.0,
            Narrow::MapValues(f1("mapValues", f)),
        ))
    }

    /// `flatMapValues(f)`.
    pub fn flat_map_values(
        &mut self,
        s: Stream,
        f: impl Fn(&Value) -> Vec<Value> + 'static,
    ) -> Stream {
        let func = Func::native("flatMapValues", move |_rt, a| Ok(Value::list(f(&a[0]))));
        Stream(ops::mapped::new(
            &mut self.rt,
            s.0,
            Narrow::FlatMapValues(func),
        ))
    }

    /// `mapPartitions(f)` with `f` over a whole partition.
    pub fn map_partitions(
        &mut self,
        s: Stream,
        f: impl Fn(Vec<Value>) -> Vec<Value> + 'static,
    ) -> Stream {
        let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs| Ok(f(recs))));
        let slide = self.rt.graph.nodes[s.0].slide;
        Stream(self.rt.graph.add(
            "MapPartitionedDStream",
            "mapPartitions",
            vec![s.0],
            slide,
            NodeKind::Mapped(op),
        ))
    }

    /// `glom()`.
    pub fn glom(&mut self, s: Stream) -> Stream {
        Stream(ops::mapped::new(&mut self.rt, s.0, Narrow::Glom))
    }

    /// `union` of several streams.
    pub fn union(&mut self, streams: &[Stream]) -> Result<Stream, Exn> {
        ops::union::new(&mut self.rt, streams.iter().map(|s| s.0).collect()).map(Stream)
    }

    /// `transform` / `transformWith` with a Rust function of the parents' RDDs.
    pub fn transform(
        &mut self,
        parents: &[Stream],
        f: impl Fn(&mut Runtime, Vec<Rc<Rdd>>) -> Result<Option<Rc<Rdd>>, Exn> + 'static,
    ) -> Stream {
        let g = move |rt: &mut Runtime, rdds: Vec<Rc<Rdd>>, _t: Time| -> Result<Rc<Rdd>, Exn> {
            match f(rt, rdds)? {
                Some(r) => Ok(r),
                None => Err(Exn::spark(
                    "Transform function must not return null. Return SparkContext.emptyRDD() instead to represent no element as the result of transformation.",
                )),
            }
        };
        let ids: Vec<NodeId> = parents.iter().map(|s| s.0).collect();
        let slide = self.rt.graph.nodes[ids[0]].slide;
        Stream(self.rt.graph.add(
            "TransformedDStream",
            "transform",
            ids,
            slide,
            NodeKind::TransformedNative(Rc::new(g)),
        ))
    }

    fn parts(&self, n: Option<usize>) -> Partitioner {
        Partitioner::hash(n.unwrap_or(self.rt.conf.default_parallelism()))
    }

    /// `reduceByKey(f[, n])`.
    pub fn reduce_by_key(
        &mut self,
        s: Stream,
        f: impl Fn(&Value, &Value) -> Value + 'static,
        n: Option<usize>,
    ) -> Stream {
        let p = self.parts(n);
        Stream(ops::shuffled::new(
            &mut self.rt,
            s.0,
            Aggregator::reduce(f2("reduceFunc", f)),
            p,
            true,
            "reduceByKey",
        ))
    }

    /// `groupByKey([n])`.
    pub fn group_by_key(&mut self, s: Stream, n: Option<usize>) -> Stream {
        let p = self.parts(n);
        Stream(ops::shuffled::new(
            &mut self.rt,
            s.0,
            Aggregator::group_dstream(),
            p,
            true,
            "groupByKey",
        ))
    }

    /// `window(W, S)`.
    pub fn window(&mut self, s: Stream, window_ms: i64, slide_ms: i64) -> Result<Stream, Exn> {
        ops::windowed::new(&mut self.rt, s.0, Duration(window_ms), Duration(slide_ms)).map(Stream)
    }

    /// `reduceByKeyAndWindow(f, W, S[, n])` without an inverse: `reduceByKey(f, p)
    /// .window(W, S).reduceByKey(f, p)`.
    pub fn reduce_by_key_and_window(
        &mut self,
        s: Stream,
        f: impl Fn(&Value, &Value) -> Value + Clone + 'static,
        window_ms: i64,
        slide_ms: i64,
        n: Option<usize>,
    ) -> Result<Stream, Exn> {
        let p = self.parts(n);
        let r = ops::shuffled::new(
            &mut self.rt,
            s.0,
            Aggregator::reduce(f2("reduceFunc", f.clone())),
            p.clone(),
            true,
            "reduceByKey",
        );
        let w = ops::windowed::new(&mut self.rt, r, Duration(window_ms), Duration(slide_ms))?;
        Ok(Stream(ops::shuffled::new(
            &mut self.rt,
            w,
            Aggregator::reduce(f2("reduceFunc", f)),
            p,
            true,
            "reduceByKeyAndWindow",
        )))
    }

    /// `reduceByKeyAndWindow(f, inv, W, S[, n][, filter])` (the inverse path).
    #[allow(clippy::too_many_arguments)]
    pub fn reduce_by_key_and_window_inv(
        &mut self,
        s: Stream,
        f: impl Fn(&Value, &Value) -> Value + 'static,
        inv: impl Fn(&Value, &Value) -> Value + 'static,
        window_ms: i64,
        slide_ms: i64,
        n: Option<usize>,
        filter: Option<FilterFn>,
    ) -> Result<Stream, Exn> {
        let p = self.parts(n);
        let filter =
            filter.map(|g| Func::native("filterFunc", move |_rt, a| Ok(Value::Bool(g(&a[0])))));
        ops::reduced_windowed::new(
            &mut self.rt,
            s.0,
            f2("reduceFunc", f),
            f2("invReduceFunc", inv),
            Duration(window_ms),
            Duration(slide_ms),
            p,
            filter,
        )
        .map(Stream)
    }

    /// `updateStateByKey(f[, n])` with `f(values, state) -> Option<state>`.
    pub fn update_state_by_key(
        &mut self,
        s: Stream,
        f: impl Fn(&[Value], Option<&Value>) -> Option<Value> + 'static,
        n: Option<usize>,
    ) -> Stream {
        let func = Func::native("updateFunc", move |_rt, a| {
            let values = a[0].as_seq().unwrap_or(&[]).to_vec();
            let state = match &a[1] {
                Value::Some(v) => Some((**v).clone()),
                _ => None,
            };
            Ok(Value::option(f(&values, state.as_ref())))
        });
        let p = self.parts(n);
        Stream(ops::state::new(
            &mut self.rt,
            s.0,
            StateUpdate::Simple(func),
            p,
            None,
        ))
    }

    /// `mapWithState(StateSpec.function(f)...)`: returns (mapped stream, internal state stream).
    pub fn map_with_state(&mut self, s: Stream, spec: StateSpecData) -> (Stream, Stream) {
        let (internal, public) = ops::map_with_state::new(&mut self.rt, s.0, spec);
        (Stream(public), Stream(internal))
    }

    /// `stateSnapshots()` of a `mapWithState` stream, given its internal stream.
    pub fn state_snapshots(&mut self, internal: Stream) -> Stream {
        Stream(ops::map_with_state::snapshots(&mut self.rt, internal.0))
    }

    /// `checkpoint(d)` on a stream.
    pub fn checkpoint(&mut self, s: Stream, ms: i64) {
        let n = &mut self.rt.graph.nodes[s.0];
        n.checkpoint = Some(Duration(ms));
        n.persist = true;
    }

    /// `print(num)`.
    pub fn print(&mut self, s: Stream, num: usize) {
        ops::for_each::new(&mut self.rt, s.0, OutputOp::Print(num as i64));
    }

    /// Collect every RDD of `s` (`foreachRDD(rdd => out += rdd.collect())`).
    pub fn collect(&mut self, s: Stream) -> Output {
        let store: Collected = Rc::default();
        let sink = store.clone();
        let f = Func::native("spark.collect", move |rt, a| {
            let r =
                crate::scala::interp::as_rdd(&a[0]).ok_or_else(|| Exn::unsupported("collect"))?;
            let items = rdd::collect(rt, &r)?;
            sink.borrow_mut()
                .push((rt.now.map(|t| t.0).unwrap_or(0), items));
            Ok(Value::Unit)
        });
        ops::for_each::new(&mut self.rt, s.0, OutputOp::ForeachRdd(f));
        self.collected.push(store);
        Output(self.collected.len() - 1)
    }

    /// `KafkaUtils.createDirectStream(ssc, PreferConsistent, Subscribe(topics, params))` on
    /// `broker`, with the driver consumer `consumer`.
    pub fn kafka_direct_stream(
        &mut self,
        broker: Rc<RefCell<crate::kafka::Broker>>,
        topics: &[&str],
        consumer: crate::kafka::ConsumerConfig,
    ) -> Stream {
        let state = ops::direct_kafka_input::DirectKafka {
            broker,
            strategy: ops::direct_kafka_input::Strategy::Subscribe(
                topics.iter().map(|t| t.to_string()).collect(),
            ),
            consumer,
            ..Default::default()
        };
        Stream(ops::direct_kafka_input::new(
            &mut self.rt,
            self.batch,
            state,
        ))
    }

    /// `foreachRDD((rdd, time) => f(rt, rdd, time))` with a Rust function on the driver.
    pub fn foreach_rdd(
        &mut self,
        s: Stream,
        f: impl Fn(&mut Runtime, Rc<Rdd>, Time) -> Result<(), Exn> + 'static,
    ) {
        let func = Func::native("foreachFunc", move |rt, a| {
            let r = crate::scala::interp::as_rdd(&a[0])
                .ok_or_else(|| Exn::unsupported("foreachRDD"))?;
            let t = rt.now.unwrap_or_default();
            f(rt, r, t)?;
            Ok(Value::Unit)
        });
        ops::for_each::new(&mut self.rt, s.0, OutputOp::ForeachRdd(func));
    }

    /// Run batches `first..=last` (1-based) on a context already started, e.g. one whose
    /// streams' `generated` RDDs were restored from a checkpoint (`restartTime` onwards).
    pub fn run_batches(&mut self, first: usize, last: usize) -> Result<Vec<BatchTrace>, Exn> {
        if !self.rt.graph.started {
            let dir = self.rt.checkpoint_dir.is_some();
            self.rt.graph.start(Time(0), dir)?;
        }
        let mut batches = Vec::new();
        for i in first..=last {
            let t = Time(self.batch.0 * i as i64);
            self.rt.begin_batch(t);
            let r = engine::run_batch(&mut self.rt, t, false);
            batches.push(self.rt.end_batch());
            r?;
        }
        Ok(batches)
    }

    /// The records `out` collected so far, per batch time.
    pub fn collected(&self, out: Output) -> Vec<(i64, Vec<Value>)> {
        self.collected[out.0].borrow().clone()
    }

    /// Start and run `n` batches.
    pub fn run(mut self, n: usize) -> Result<Run, Exn> {
        if self.rt.graph.outputs.is_empty() {
            return Err(Exn::require(
                "No output operations registered, so nothing to execute",
            ));
        }
        let dir = self.rt.checkpoint_dir.is_some();
        self.rt.graph.start(Time(0), dir)?;
        let mut batches = Vec::new();
        for i in 1..=n {
            let t = Time(self.batch.0 * i as i64);
            self.rt.begin_batch(t);
            let r = engine::run_batch(&mut self.rt, t, false);
            batches.push(self.rt.end_batch());
            r?;
        }
        let collected = self.collected.iter().map(|c| c.borrow().clone()).collect();
        Ok(Run { batches, collected })
    }
}
