//! `StreamingListener`: what a program's listener (`ssc.addStreamingListener(new
//! StreamingListener { override def onBatchCompleted(b: StreamingListenerBatchCompleted) =
//! ... })`, or a class that extends it) is told, and with what.
//!
//! Spark's listener bus calls each listener on a thread of its own, some time after the event:
//! the context started (`onStreamingStarted`), a receiver started, then for every batch
//! `onBatchSubmitted`, `onBatchStarted`, `onOutputOperationStarted` and `...Completed` for each
//! output operation in turn, and `onBatchCompleted`, each event to every listener in the order
//! they were added. The playground makes those calls in that order right after the batch's
//! jobs (a moment the asynchronous bus may take: the oracle shows a batch's
//! `onBatchCompleted` printed during the next batch as well as during its own), and at
//! `ssc.start()` for the first two. A method the listener does not override does nothing.
//!
//! The events and `BatchInfo`, `OutputOperationInfo`, `StreamInputInfo` and `ReceiverInfo`
//! are built-in case classes with Spark's fields (printed, compared and matched as case
//! classes), and Spark's derived members (`numRecords`, `schedulingDelay`, `processingDelay`,
//! `totalDelay`, `duration`). Times are the scheduling model's (`schedule.rs`), on the run's
//! virtual clock: what the Streaming statistics panel shows. Spark's are the wall clock's.

use std::rc::Rc;

use super::ast::{Param, Span};
use super::case_class::{CaseClass, CaseObj, Companion, Definition};
use super::interp::{time_value, Frame};
use crate::exec::{Exn, Runtime};
use crate::schedule::BatchTiming;
use crate::time::Time;
use crate::value::Value;

type R = Result<Value, Exn>;

/// The built-in case classes, with their fields.
const CLASSES: &[(&str, &[&str])] = &[
    ("StreamingListenerStreamingStarted", &["time"]),
    ("StreamingListenerReceiverStarted", &["receiverInfo"]),
    ("StreamingListenerBatchSubmitted", &["batchInfo"]),
    ("StreamingListenerBatchStarted", &["batchInfo"]),
    ("StreamingListenerBatchCompleted", &["batchInfo"]),
    (
        "StreamingListenerOutputOperationStarted",
        &["outputOperationInfo"],
    ),
    (
        "StreamingListenerOutputOperationCompleted",
        &["outputOperationInfo"],
    ),
    (
        "BatchInfo",
        &[
            "batchTime",
            "streamIdToInputInfo",
            "submissionTime",
            "processingStartTime",
            "processingEndTime",
            "outputOperationInfos",
        ],
    ),
    (
        "StreamInputInfo",
        &["inputStreamId", "numRecords", "metadata"],
    ),
    (
        "OutputOperationInfo",
        &[
            "batchTime",
            "id",
            "name",
            "description",
            "startTime",
            "endTime",
            "failureReason",
        ],
    ),
    (
        "ReceiverInfo",
        &[
            "streamId",
            "name",
            "active",
            "location",
            "executorId",
            "lastErrorMessage",
            "lastError",
            "lastErrorTime",
        ],
    ),
];

/// The members of the built-in classes that Spark derives from their fields.
pub const DERIVED: &[&str] = &[
    "numRecords",
    "schedulingDelay",
    "processingDelay",
    "totalDelay",
    "duration",
    "metadataDescription",
];

/// The run's listeners and the built-in classes, once a listener is added.
#[derive(Default)]
pub struct Listeners {
    /// The listeners, in the order they were added.
    pub added: Vec<Value>,
    classes: Vec<Rc<CaseClass>>,
}

impl Listeners {
    fn class(&mut self, name: &str) -> Rc<CaseClass> {
        if self.classes.is_empty() {
            let env = Frame::new(None, true);
            for (n, fields) in CLASSES {
                let fields: Vec<Param> = fields
                    .iter()
                    .map(|f| Param {
                        name: (*f).into(),
                        ty: None,
                        span: Span::default(),
                    })
                    .collect();
                let defaults = vec![None; fields.len()];
                let c = CaseClass::define(
                    Definition {
                        name: n,
                        fields: &fields,
                        defaults: &defaults,
                        methods: &[],
                        parents: &[],
                        object: false,
                    },
                    &env,
                );
                if let Some(c) = c.obj::<Companion>() {
                    self.classes.push(c.0.clone());
                }
            }
        }
        let i = CLASSES.iter().position(|(n, _)| *n == name).unwrap_or(0);
        self.classes[i].clone()
    }

    fn make(&mut self, name: &str, fields: Vec<Value>) -> Value {
        Value::Obj(Rc::new(CaseObj {
            class: self.class(name),
            fields: fields.into(),
        }))
    }

    /// Whether `o` is one of the built-in classes.
    fn owns(&self, o: &CaseObj) -> bool {
        self.classes.iter().any(|c| Rc::ptr_eq(c, &o.class))
    }
}

/// The built-in classes an `import` of `org.apache.spark.streaming.scheduler` brings (`._`,
/// `.{A, B}`, `.A`), by the names it gives them.
pub fn imported(text: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for s in super::builtins::import_selectors(text, &["org.apache.spark.streaming.scheduler"]) {
        for (name, _) in CLASSES {
            match s.split_once("=>") {
                // `{A => B}` renames, `{A => _}` hides.
                Some((from, to)) if from == *name && to != "_" => out.push((to.to_string(), *name)),
                None if s == "_" || s == *name => out.push((name.to_string(), *name)),
                _ => {}
            }
        }
    }
    out
}

/// Binds in `frame` the companions of the built-in classes `import text` brings, so a program
/// may match an event (`case StreamingListenerBatchCompleted(info) =>`).
pub fn import(rt: &mut Runtime, frame: &Rc<Frame>, text: &str) {
    for (as_name, class) in imported(text) {
        let c = rt.interp.listeners.class(class);
        frame.define(&as_name, Value::Obj(Rc::new(Companion(c))), false);
    }
}

/// `ssc.addStreamingListener(l)`: `l` must be an instance of a class of the program.
pub fn add(rt: &mut Runtime, l: Value) -> R {
    match l.obj::<super::user_class::Instance>() {
        Some(i) if i.is_a("StreamingListener") => {
            rt.interp.listeners.added.push(l);
            Ok(Value::Unit)
        }
        _ => Err(Exn::unsupported(format!(
            "type mismatch: found {}, required org.apache.spark.streaming.scheduler.StreamingListener",
            l.type_name()
        ))),
    }
}

/// `ssc.removeStreamingListener(l)`.
pub fn remove(rt: &mut Runtime, l: &Value) -> R {
    rt.interp.listeners.added.retain(|x| x != l);
    Ok(Value::Unit)
}

/// Tell every listener of `event` through its method `on`, if it overrides it. What a
/// listener throws the bus logs, and goes on (Spark's `ListenerBus.postToAll`).
fn post(rt: &mut Runtime, on: &str, event: Value) -> Result<(), Exn> {
    for l in rt.interp.listeners.added.clone() {
        let Some(i) = l.obj::<super::user_class::Instance>() else {
            continue;
        };
        if !i.defines(on) {
            continue;
        }
        match super::user_class::method(rt, i, &l, on, vec![event.clone()], Span::default()) {
            Ok(_) => {}
            Err(e) if e.class.starts_with("dstream.") => return Err(e),
            Err(e) => {
                // `Utils.getFormattedClassName`: the simple name, which an anonymous
                // class does not have.
                let name = &i.class.def.name;
                let name = if name.starts_with(super::ast::ANON) {
                    ""
                } else {
                    name
                };
                rt.log.push(crate::trace::LogLine {
                    hidden: false,
                    time_ms: rt.now.map(|t| t.0),
                    level: "ERROR".into(),
                    logger: "org.apache.spark.streaming.scheduler.StreamingListenerBus".into(),
                    message: format!(
                        "Listener {name} threw an exception\n{}: {}",
                        e.class, e.message
                    ),
                });
            }
        }
    }
    Ok(())
}

/// What feeds an input stream, as its `StreamInputInfo` says.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A receiver's (`socketTextStream`): the batch's records.
    Receiver,
    /// `createDirectStream`'s: the batch's offset ranges.
    Kafka,
    /// A queue's: nothing reported.
    Other,
}

/// The program's input streams in the order Spark numbers them (`InputDStream.id`).
pub fn input_streams(rt: &Runtime) -> Vec<Input> {
    use crate::graph::NodeKind;
    rt.graph
        .nodes
        .iter()
        .filter_map(|n| match n.kind {
            NodeKind::SocketInput => Some(Input::Receiver),
            NodeKind::DirectKafka(..) => Some(Input::Kafka),
            NodeKind::QueueInput(..) | NodeKind::TestInput(..) => Some(Input::Other),
            _ => None,
        })
        .collect()
}

/// A Kafka stream's `StreamInputInfo` figures (`DirectKafkaInputDStream.compute`): its records,
/// and its metadata: the offset ranges, and their description (the non-empty ones, most
/// records first, a line each).
pub fn kafka_input(ranges: &[crate::kafka::OffsetRange]) -> (u64, Value) {
    let records: i64 = ranges.iter().map(|r| r.count()).sum();
    let mut shown: Vec<&crate::kafka::OffsetRange> =
        ranges.iter().filter(|r| r.from != r.until).collect();
    shown.sort_by_key(|r| -r.count());
    let description: Vec<String> = shown
        .iter()
        .map(|r| {
            format!(
                "topic: {}\tpartition: {}\toffsets: {} to {}\tcount: {}",
                r.topic,
                r.partition,
                r.from,
                r.until,
                r.count()
            )
        })
        .collect();
    let offsets = Value::list(
        ranges
            .iter()
            .map(|r| {
                Value::Obj(Rc::new(crate::ops::direct_kafka_input::OffsetRangeObj(
                    r.clone(),
                )))
            })
            .collect(),
    );
    let metadata = Value::Seq(
        crate::value::SeqKind::Map,
        Rc::new(vec![
            Value::pair(Value::str("offsets"), offsets),
            Value::pair(
                Value::str("Description"),
                Value::str(&description.join("\n")),
            ),
        ]),
    );
    (records.max(0) as u64, metadata)
}

/// At `ssc.start()`: the context started (at the virtual clock's 0), then each receiver
/// (`SocketReceiver-0` for the stream of id 0 of `socketTextStream`).
pub fn started(rt: &mut Runtime, receivers: &[usize]) -> Result<(), Exn> {
    if rt.interp.listeners.added.is_empty() {
        return Ok(());
    }
    let l = &mut rt.interp.listeners;
    let e = l.make(
        "StreamingListenerStreamingStarted",
        vec![Value::Long(rt.driver_clock_ms)],
    );
    post(rt, "onStreamingStarted", e)?;
    for &id in receivers {
        let l = &mut rt.interp.listeners;
        let info = l.make(
            "ReceiverInfo",
            vec![
                Value::Int(id as i32),
                Value::str(&format!("SocketReceiver-{id}")),
                Value::Bool(true),
                // The driver's block manager's host (the oracle's driver binds 127.0.0.1).
                Value::str("127.0.0.1"),
                Value::str("driver"),
                Value::str(""),
                Value::str(""),
                Value::Long(-1),
            ],
        );
        let e = l.make("StreamingListenerReceiverStarted", vec![info]);
        post(rt, "onReceiverStarted", e)?;
    }
    Ok(())
}

/// One output operation of a batch, as the listener is told of it.
pub struct Op {
    /// Its callsite's short form (`print at P.scala:15`).
    pub name: String,
    /// Its long form: the frames from Spark's method to `main`.
    pub description: String,
    /// When it started and ended (the scheduling model's), if it ran.
    pub times: Option<(i64, i64)>,
    /// Why it failed (the exception's first line).
    pub failure: Option<String>,
}

/// After the batch at `t` ran: its events, with the records each input stream gave
/// (`(stream id, records)`) and its output operations, each told where its moment falls in
/// the batch's output: `marks[0]` where its jobs began (stdout's and the console's lengths),
/// `marks[i + 1]` where job `i` ended. So `onOutputOperationCompleted` of the first job
/// prints before the second job's output, as Spark's bus (quick, if not bound to) prints it.
pub fn batch(
    rt: &mut Runtime,
    t: Time,
    timing: &BatchTiming,
    inputs: &[(usize, u64, Value)],
    ops: &[Op],
    marks: &[(usize, usize)],
) -> Result<(), Exn> {
    if rt.interp.listeners.added.is_empty() {
        return Ok(());
    }
    let long = |x: Option<i64>| Value::option(x.map(Value::Long));
    let l = &mut rt.interp.listeners;
    let input_infos: Vec<Value> = inputs
        .iter()
        .map(|(id, n, metadata)| {
            let (id, n) = (*id, *n);
            let info = l.make(
                "StreamInputInfo",
                vec![
                    Value::Int(id as i32),
                    Value::Long(n as i64),
                    metadata.clone(),
                ],
            );
            Value::pair(Value::Int(id as i32), info)
        })
        .collect();
    let inputs = super::collections::build(true, false, input_infos);
    // Each output operation's info as it stands: not started (0), started (1), or done (2).
    let op_info = |l: &mut Listeners, i: usize, stage: u8| {
        let op = &ops[i];
        let (start, end) = match (op.times, stage) {
            (Some((s, e)), 2) => (Some(s), Some(e)),
            (Some((s, _)), 1) => (Some(s), None),
            _ => (None, None),
        };
        let failure = if stage == 2 { op.failure.clone() } else { None };
        l.make(
            "OutputOperationInfo",
            vec![
                time_value(t),
                Value::Int(i as i32),
                Value::str(&op.name),
                Value::str(&op.description),
                long(start),
                long(end),
                Value::option(failure.map(|f| Value::str(&f))),
            ],
        )
    };
    // The batch's info when `done` of its jobs have ended.
    let batch_info = |l: &mut Listeners, done: usize, started: bool| {
        let infos: Vec<Value> = (0..ops.len())
            .map(|i| {
                let stage = if i < done { 2 } else { 0 };
                Value::pair(Value::Int(i as i32), op_info(l, i, stage))
            })
            .collect();
        let infos = super::collections::build(true, false, infos);
        let ended = started && done == ops.len();
        l.make(
            "BatchInfo",
            vec![
                time_value(t),
                inputs.clone(),
                Value::Long(timing.submission_ms),
                long(timing.processing_start_ms.filter(|_| started)),
                long(timing.processing_end_ms.filter(|_| ended)),
                infos,
            ],
        )
    };
    // The events at each mark, in order.
    let mut at: Vec<Vec<(&str, Value)>> = vec![Vec::new(); ops.len() + 1];
    let l = &mut rt.interp.listeners;
    let info = batch_info(l, 0, false);
    at[0].push((
        "onBatchSubmitted",
        l.make("StreamingListenerBatchSubmitted", vec![info]),
    ));
    // Without a job that ran (no output was due, or no task slot is free), no more.
    if timing.processing_start_ms.is_some() {
        let info = batch_info(l, 0, true);
        at[0].push((
            "onBatchStarted",
            l.make("StreamingListenerBatchStarted", vec![info]),
        ));
        for i in 0..ops.len() {
            let info = op_info(l, i, 1);
            let e = l.make("StreamingListenerOutputOperationStarted", vec![info]);
            at[i].push(("onOutputOperationStarted", e));
            let info = op_info(l, i, 2);
            let e = l.make("StreamingListenerOutputOperationCompleted", vec![info]);
            at[i + 1].push(("onOutputOperationCompleted", e));
        }
        let info = batch_info(l, ops.len(), true);
        at[ops.len()].push((
            "onBatchCompleted",
            l.make("StreamingListenerBatchCompleted", vec![info]),
        ));
    }
    // Each mark's calls print at the end of the batch's output; that output then moves to
    // its mark, the last mark's first so the earlier places stay where they are.
    let mut printed = Vec::new();
    for events in at {
        let from = (rt.cur.stdout.len(), rt.cur.console.len(), last_len(rt));
        for (on, e) in events {
            post(rt, on, e)?;
        }
        printed.push(cut(rt, from));
    }
    for (i, (stdout, console)) in printed.into_iter().enumerate().rev() {
        let (s, c) = marks
            .get(i)
            .copied()
            .unwrap_or((rt.cur.stdout.len(), rt.cur.console.len()));
        rt.cur
            .stdout
            .insert_str(s.min(rt.cur.stdout.len()), &stdout);
        let c = c.min(rt.cur.console.len());
        rt.cur.console.splice(c..c, console);
    }
    Ok(())
}

/// The length of the console's last line's text.
fn last_len(rt: &Runtime) -> usize {
    rt.cur.console.last().map_or(0, |l| l.text.len())
}

/// What was printed since `from` (stdout's and the console's lengths, the last line's), taken
/// out of the batch's output: a line's end printed onto an earlier line is a line of its own.
fn cut(
    rt: &mut Runtime,
    (stdout, lines, last): (usize, usize, usize),
) -> (String, Vec<crate::trace::ConsoleLine>) {
    let text = rt.cur.stdout.split_off(stdout);
    let mut console = rt.cur.console.split_off(lines);
    if let Some(l) = rt.cur.console.last_mut() {
        if l.text.len() > last {
            let tail = l.text.split_off(last);
            let mut own = l.clone();
            own.text = tail;
            console.insert(0, own);
        }
    }
    (text, console)
}

/// Whether `o` is a `BatchInfo`, an event or another built-in class.
pub fn is_info(rt: &Runtime, o: &CaseObj) -> bool {
    rt.interp.listeners.owns(o)
}

/// Spark's derived members of a `BatchInfo` (`numRecords`, the delays), an
/// `OutputOperationInfo` (`duration`) or a `StreamInputInfo` (`metadataDescription`).
pub fn method(rt: &mut Runtime, o: &CaseObj, name: &str) -> R {
    let field = |n: &str| -> Value {
        o.class
            .field(n)
            .map(|i| o.fields[i].clone())
            .unwrap_or(Value::None)
    };
    let long = |v: Value| match v {
        Value::Some(x) => match &*x {
            Value::Long(n) => Some(*n),
            _ => None,
        },
        _ => None,
    };
    let opt = |x: Option<i64>| Value::option(x.map(Value::Long));
    let class: &str = &o.class.name;
    let (start, end) = match class {
        "BatchInfo" => (
            long(field("processingStartTime")),
            long(field("processingEndTime")),
        ),
        _ => (long(field("startTime")), long(field("endTime"))),
    };
    let submitted = match field("submissionTime") {
        Value::Long(n) => Some(n),
        _ => None,
    };
    Ok(match (class, name) {
        ("BatchInfo", "numRecords") => {
            let mut n = 0;
            for (_, info) in super::interp::iterate(rt, &field("streamIdToInputInfo"))?
                .iter()
                .filter_map(Value::as_pair)
            {
                if let Some(Value::Long(k)) = info
                    .obj::<CaseObj>()
                    .and_then(|i| i.class.field("numRecords").map(|f| i.fields[f].clone()))
                {
                    n += k;
                }
            }
            Value::Long(n)
        }
        ("BatchInfo", "schedulingDelay") => opt(start.zip(submitted).map(|(s, b)| s - b)),
        ("BatchInfo", "processingDelay") => opt(end.zip(start).map(|(e, s)| e - s)),
        ("BatchInfo", "totalDelay") => opt(start
            .zip(submitted)
            .zip(end)
            .map(|((s, b), e)| (s - b) + (e - s))),
        ("OutputOperationInfo", "duration") => opt(end.zip(start).map(|(e, s)| e - s)),
        ("StreamInputInfo", "metadataDescription") => {
            let metadata = field("metadata");
            let found = super::interp::iterate(rt, &metadata)?
                .iter()
                .filter_map(Value::as_pair)
                .find(|(k, _)| k.to_text() == "Description")
                .map(|(_, v)| Value::str(&v.to_text()));
            Value::option(found)
        }
        _ => return Err(super::spark_api::not_member(name, class, DERIVED)),
    })
}
