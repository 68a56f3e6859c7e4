//! Spark's own DStream test cases, ported: every case of `spark-cases.json` (transcribed from
//! Spark's `WindowOperationsSuite`, `BasicOperationsSuite` and `MapWithStateSuite`) runs here
//! through the engine, with `TestSuiteBase`'s harness (a `TestInputStream` of 2 partitions,
//! batches of 1 s from zero time 0, one collected output per generated RDD). Operators of the
//! typed API are used directly; the ones only the Scala front-end has (`count`, `reduce`,
//! `countByWindow`, joins, `transformWith`, `StreamingContext.union`...) are called through
//! `spark_api::call_method`, the same entry the interpreter uses. Outputs are compared per
//! batch as the case says (ordered lists or sets), together with the batch times at which they
//! appear; property cases inspect the graph's streams; error cases check the exception.
//!
//! The case file is a copy of `/work/shared/spec/spark-cases.json` (the shared spec folder),
//! kept beside this test so it does not depend on anything outside the repository.

use std::collections::BTreeSet;
use std::rc::Rc;

use dstream_engine::api::{Output, Run, Ssc, Stream};
use dstream_engine::engine::run_batch;
use dstream_engine::exec::{Exn, Func, Runtime};
use dstream_engine::graph::{slice, StateSpecData, StateUpdate};
use dstream_engine::ops;
use dstream_engine::ops::map_with_state::StateObj;
use dstream_engine::rdd::{self, Narrow, Partitioner, Rdd};
use dstream_engine::scala::ast::Span;
use dstream_engine::scala::interp::{as_rdd, rdd_value, TimeObj};
use dstream_engine::scala::spark_api::{call_method, duration_value, DStreamObj, SscObj};
use dstream_engine::time::{Duration, Time};
use dstream_engine::value::Value;
use serde_json::Value as Json;

const CASES: &str = include_str!("spark_cases/spark-cases.json");

/// Every case id this file ports (checked against the file by `all_cases_are_ported`).
const PORTED: &[&str] = &[
    "window-basic-window",
    "window-tumbling-window",
    "window-larger-window",
    "window-non-overlapping-window",
    "rbkaw-basic-reduction",
    "rbkaw-key-already-in-window-and-new-value-added-into-window",
    "rbkaw-new-key-added-into-window",
    "rbkaw-key-removed-from-window",
    "rbkaw-larger-slide-time",
    "rbkaw-big-test",
    "rbkaw-inv-basic-reduction",
    "rbkaw-inv-key-already-in-window-and-new-value-added-into-window",
    "rbkaw-inv-new-key-added-into-window",
    "rbkaw-inv-key-removed-from-window",
    "rbkaw-inv-larger-slide-time",
    "rbkaw-inv-big-test",
    "rbkaw-inv-filter-big-test",
    "groupByKeyAndWindow",
    "countByWindow",
    "countByValueAndWindow",
    "window-persistence-level",
    "basic-map",
    "basic-flatMap",
    "basic-filter",
    "basic-glom",
    "basic-mapPartitions",
    "basic-groupByKey",
    "basic-reduceByKey",
    "basic-reduce",
    "basic-count",
    "basic-countByValue",
    "basic-mapValues",
    "basic-flatMapValues",
    "basic-union",
    "basic-union-with-input-stream-return-None",
    "basic-StreamingContextunion",
    "basic-transform",
    "basic-transform-with-NULL",
    "basic-transform-with-input-stream-return-None",
    "basic-transformWith",
    "basic-transformWith-with-input-stream-return-None",
    "basic-StreamingContexttransform",
    "basic-StreamingContexttransform-with-input-stream-return-None",
    "basic-cogroup",
    "basic-join",
    "basic-leftOuterJoin",
    "basic-rightOuterJoin",
    "basic-fullOuterJoin",
    "basic-updateStateByKey",
    "basic-updateStateByKey---simple-with-initial-value-RDD",
    "basic-updateStateByKey---testing-time-stamps-as-input",
    "basic-updateStateByKey---with-initial-value-RDD",
    "basic-updateStateByKey---object-lifecycle",
    "basic-slice",
    "basic-rdd-cleanup---map-and-window",
    "basic-rdd-cleanup---updateStateByKey",
    "mapWithState-mapWithState---basic-operations-with-simple-API",
    "mapWithState-mapWithState---basic-operations-with-advanced-API",
    "mapWithState-mapWithState---states-as-mapped-data",
    "mapWithState-mapWithState---initial-states-with-nothing-returned-as-from-mapping-function",
    "mapWithState-mapWithState---state-removing",
    "mapWithState-state-timing-out",
    "mapWithState-checkpoint-durations",
];

// ---------------------------------------------------------------------------------------------
// The case file.

fn all_cases() -> Vec<Json> {
    let doc: Json = serde_json::from_str(CASES).expect("spark-cases.json parses");
    doc["cases"].as_array().expect("cases").clone()
}

fn case(id: &str) -> Json {
    all_cases()
        .into_iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no case {id}"))
}

fn ms(c: &Json, key: &str) -> i64 {
    c["operation"][key]
        .as_i64()
        .unwrap_or_else(|| panic!("{}: operation.{key}", c["id"]))
}

fn master(c: &Json) -> &'static str {
    if c["suite"] == "MapWithStateSuite" {
        "local"
    } else {
        "local[2]"
    }
}

fn batches(c: &Json) -> usize {
    c["num_batches_run"].as_u64().expect("num_batches_run") as usize
}

/// A JSON datum as an engine value: numbers are `Int`s, arrays are tuples.
fn value(j: &Json) -> Value {
    match j {
        Json::Number(n) => Value::Int(n.as_i64().expect("integer") as i32),
        Json::String(s) => Value::str(s),
        Json::Array(items) => Value::Tuple(Rc::from(items.iter().map(value).collect::<Vec<_>>())),
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Object(_) => panic!("no objects in inputs"),
    }
}

/// An engine value in the file's encoding: tuples and sequences as arrays, `Some(v)` as `v`,
/// `None` as `null`, `Int` and `Long` as numbers.
fn json(v: &Value) -> Json {
    match v {
        Value::Int(i) => (*i).into(),
        Value::Long(l) => (*l).into(),
        Value::Bool(b) => (*b).into(),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Char(c) => Json::String(c.to_string()),
        Value::Tuple(items) => Json::Array(items.iter().map(json).collect()),
        Value::Seq(_, items) => Json::Array(items.iter().map(json).collect()),
        Value::Some(v) => json(v),
        Value::None | Value::Null => Json::Null,
        other => panic!("unexpected value in an output: {other}"),
    }
}

fn input(c: &Json, key: &str) -> Vec<Option<Vec<Value>>> {
    c[key]
        .as_array()
        .unwrap_or_else(|| panic!("{}: {key}", c["id"]))
        .iter()
        .map(|b| b.as_array().map(|items| items.iter().map(value).collect()))
        .collect()
}

fn partitions(c: &Json) -> usize {
    c["input_partitions"].as_u64().unwrap_or(2) as usize
}

// ---------------------------------------------------------------------------------------------
// Comparison.

fn key(j: &Json) -> String {
    serde_json::to_string(j).expect("json")
}

/// Compare the collected `out` with `c[expected_key]`, per the case's `compare` rule, and the
/// batch times with `expected_output_times_ms`. `norm` is the case's post-processing, applied
/// to every record of both sides.
fn check_with(c: &Json, run: &Run, out: Output, expected_key: &str, norm: fn(&Json) -> Json) {
    let id = &c["id"];
    let expected: Vec<Vec<Json>> = c[expected_key]
        .as_array()
        .unwrap_or_else(|| panic!("{id}: {expected_key}"))
        .iter()
        .map(|b| b.as_array().expect("batch").iter().map(norm).collect())
        .collect();
    let actual: Vec<Vec<Json>> = run
        .output(out)
        .iter()
        .map(|b| b.iter().map(|v| norm(&json(v))).collect())
        .collect();
    assert_eq!(
        actual.len(),
        expected.len(),
        "{id} ({expected_key}): number of outputs; actual {actual:?}"
    );
    for (i, (a, e)) in actual.iter().zip(&expected).enumerate() {
        if c["compare"] == "list" {
            assert_eq!(a, e, "{id} ({expected_key}): batch output #{i}");
        } else {
            let a: BTreeSet<String> = a.iter().map(key).collect();
            let e: BTreeSet<String> = e.iter().map(key).collect();
            assert_eq!(a, e, "{id} ({expected_key}): batch output #{i} (as sets)");
        }
    }
    let times: Vec<i64> = c["expected_output_times_ms"]
        .as_array()
        .expect("expected_output_times_ms")
        .iter()
        .map(|t| t.as_i64().expect("time"))
        .collect();
    assert_eq!(run.output_times(out), times, "{id} ({expected_key}): times");
}

fn same(j: &Json) -> Json {
    j.clone()
}

fn check(c: &Json, run: &Run, out: Output) {
    check_with(c, run, out, "expected", same);
}

/// Run a one-input case: `build` gets the test input stream and returns the stream to collect.
fn run_case(id: &str, build: impl FnOnce(&mut Ssc, Stream) -> Stream) {
    run_case_norm(id, same, build);
}

fn run_case_norm(
    id: &str,
    norm: fn(&Json) -> Json,
    build: impl FnOnce(&mut Ssc, Stream) -> Stream,
) {
    let c = case(id);
    let mut ssc = Ssc::new(master(&c), c["batch_ms"].as_i64().unwrap_or(1000));
    let s = ssc.test_input(input(&c, "input"), partitions(&c));
    let r = build(&mut ssc, s);
    let out = ssc.collect(r);
    let run = ssc
        .run(batches(&c))
        .unwrap_or_else(|e| panic!("{id}: {}", e.describe()));
    check_with(&c, &run, out, "expected", norm);
}

/// Run a two-input case (`input`, `input2`).
fn run_case2(id: &str, build: impl FnOnce(&mut Ssc, Stream, Stream) -> Stream) {
    let c = case(id);
    let mut ssc = Ssc::new(master(&c), 1000);
    let a = ssc.test_input(input(&c, "input"), partitions(&c));
    let b = ssc.test_input(input(&c, "input2"), partitions(&c));
    let r = build(&mut ssc, a, b);
    let out = ssc.collect(r);
    let run = ssc
        .run(batches(&c))
        .unwrap_or_else(|e| panic!("{id}: {}", e.describe()));
    check(&c, &run, out);
}

/// An `expect_error` case: building works, running fails with the case's exception.
fn expect_error(id: &str, build: impl FnOnce(&mut Ssc, Vec<Stream>) -> Stream) {
    let c = case(id);
    assert_eq!(c["kind"], "expect_error");
    let mut ssc = Ssc::new(master(&c), 1000);
    let mut inputs = vec![ssc.test_input(input(&c, "input"), partitions(&c))];
    if c.get("input2").is_some() {
        inputs.push(ssc.test_input(input(&c, "input2"), partitions(&c)));
    }
    let r = build(&mut ssc, inputs);
    ssc.collect(r);
    let err = match ssc.run(batches(&c)) {
        Ok(_) => panic!("{id}: expected an exception"),
        Err(e) => e,
    };
    let e = &c["expected_error"];
    assert_eq!(err.class, e["type"].as_str().unwrap(), "{id}: class");
    assert_eq!(
        err.message,
        e["message_from_code"].as_str().unwrap(),
        "{id}: message"
    );
}

// ---------------------------------------------------------------------------------------------
// Building blocks.

fn add(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(x.wrapping_add(*y)),
        (Value::Long(x), Value::Long(y)) => Value::Long(x + y),
        _ => panic!("add {a} {b}"),
    }
}

fn sub(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(x.wrapping_sub(*y)),
        (Value::Long(x), Value::Long(y)) => Value::Long(x - y),
        _ => panic!("sub {a} {b}"),
    }
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i as i64,
        Value::Long(l) => *l,
        other => panic!("not a number: {other}"),
    }
}

/// `x => (x, 1)`.
fn pair_one(ssc: &mut Ssc, s: Stream) -> Stream {
    ssc.map(s, |v| Value::pair(v.clone(), Value::Int(1)))
}

/// `x => (x, "x")`.
fn pair_x(ssc: &mut Ssc, s: Stream) -> Stream {
    ssc.map(s, |v| Value::pair(v.clone(), Value::str("x")))
}

fn dstream(s: Stream) -> Value {
    Value::Obj(Rc::new(DStreamObj {
        id: s.0,
        internal: None,
    }))
}

/// A DStream method of the Scala front-end (`s.name(args...)`), returning the new stream.
fn call(ssc: &mut Ssc, s: Stream, name: &str, args: Vec<Value>) -> Stream {
    let v = call_method(&mut ssc.rt, dstream(s), name, args, Span::default())
        .unwrap_or_else(|e| panic!("{name}: {}", e.describe()));
    Stream(v.obj::<DStreamObj>().expect("a DStream").id)
}

/// A `StreamingContext` method of the Scala front-end.
fn ssc_call(ssc: &mut Ssc, name: &str, args: Vec<Value>) -> Value {
    call_method(
        &mut ssc.rt,
        Value::Obj(Rc::new(SscObj)),
        name,
        args,
        Span::default(),
    )
    .unwrap_or_else(|e| panic!("ssc.{name}: {}", e.describe()))
}

/// An RDD method of the Scala front-end (`rdd.name(args...)`).
fn rdd_call(rt: &mut Runtime, r: &Rc<Rdd>, name: &str, args: Vec<Value>) -> Result<Rc<Rdd>, Exn> {
    let v = call_method(rt, rdd_value(r.clone()), name, args, Span::default())?;
    Ok(as_rdd(&v).expect("an RDD"))
}

fn dur(ms: i64) -> Value {
    duration_value(Duration(ms))
}

/// A user function value of `n` arguments.
fn func(name: &str, f: impl Fn(&[Value]) -> Value + 'static) -> Value {
    Func::native(name, move |_rt, a| Ok(f(a))).into_value()
}

fn sum_values(values: &[Value]) -> i64 {
    values.iter().map(int).sum()
}

/// `rdd.map(_.toString)`, as a transform.
fn to_string_rdd(rt: &mut Runtime, r: &Rc<Rdd>) -> Rc<Rdd> {
    let f = Func::native("toString", |_rt, a| Ok(Value::str(&a[0].to_string())));
    r.narrow(rt, Narrow::Map(f, "mapFunc"))
}

/// Start the graph and run `n` batches, keeping the context so its streams can be inspected
/// (`Ssc::run` consumes it).
fn run_keeping(ssc: &mut Ssc, n: usize) {
    let batch = ssc.rt.batch.expect("batch").0;
    let dir = ssc.rt.checkpoint_dir.is_some();
    ssc.rt.graph.start(Time(0), dir).expect("start");
    for i in 1..=n {
        let t = Time(batch * i as i64);
        ssc.rt.begin_batch(t);
        let r = run_batch(&mut ssc.rt, t, false);
        ssc.rt.end_batch();
        r.unwrap_or_else(|e| panic!("batch {t}: {}", e.describe()));
    }
}

fn generated(ssc: &Ssc, s: Stream) -> Vec<i64> {
    ssc.rt.graph.nodes[s.0].generated.keys().copied().collect()
}

fn remember(ssc: &Ssc, s: Stream) -> Option<i64> {
    ssc.rt.graph.nodes[s.0].remember.map(|d| d.0)
}

// ---------------------------------------------------------------------------------------------
// The cases.

#[test]
fn all_cases_are_ported() {
    let ids: Vec<String> = all_cases()
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect();
    let doc: Json = serde_json::from_str(CASES).unwrap();
    assert_eq!(ids.len() as u64, doc["case_count"].as_u64().unwrap());
    assert_eq!(ids.len(), 63);
    assert_eq!(ids, PORTED);
}

// WindowOperationsSuite ------------------------------------------------------------------------

fn window_case(id: &str) {
    let c = case(id);
    let (w, s) = (ms(&c, "window_ms"), ms(&c, "slide_ms"));
    run_case(id, |ssc, i| ssc.window(i, w, s).unwrap());
}

#[test]
fn window_basic_window() {
    window_case("window-basic-window");
}

#[test]
fn window_tumbling_window() {
    window_case("window-tumbling-window");
}

#[test]
fn window_larger_window() {
    window_case("window-larger-window");
}

#[test]
fn window_non_overlapping_window() {
    window_case("window-non-overlapping-window");
}

fn rbkaw_case(id: &str) {
    let c = case(id);
    let (w, s) = (ms(&c, "window_ms"), ms(&c, "slide_ms"));
    run_case(id, |ssc, i| {
        ssc.reduce_by_key_and_window(i, add, w, s, None).unwrap()
    });
}

#[test]
fn rbkaw_basic_reduction() {
    rbkaw_case("rbkaw-basic-reduction");
}

#[test]
fn rbkaw_key_already_in_window_and_new_value_added_into_window() {
    rbkaw_case("rbkaw-key-already-in-window-and-new-value-added-into-window");
}

#[test]
fn rbkaw_new_key_added_into_window() {
    rbkaw_case("rbkaw-new-key-added-into-window");
}

#[test]
fn rbkaw_key_removed_from_window() {
    rbkaw_case("rbkaw-key-removed-from-window");
}

#[test]
fn rbkaw_larger_slide_time() {
    rbkaw_case("rbkaw-larger-slide-time");
}

#[test]
fn rbkaw_big_test() {
    rbkaw_case("rbkaw-big-test");
}

/// `reduceByKeyAndWindow(_ + _, _ - _, W, S[, filter])`, checkpointed every 100 s as the test
/// does (`.persist().checkpoint(Seconds(100))` on the windowed stream).
fn rbkaw_inv_case(id: &str) {
    let c = case(id);
    let (w, s) = (ms(&c, "window_ms"), ms(&c, "slide_ms"));
    let cp = ms(&c, "explicit_checkpoint_interval_ms");
    let with_filter = c["operation"].get("filter").is_some();
    run_case(id, |ssc, i| {
        let filter: Option<dstream_engine::api::FilterFn> = if with_filter {
            Some(Box::new(|kv: &Value| {
                kv.as_pair().is_some_and(|(_, v)| int(v) != 0)
            }))
        } else {
            None
        };
        let r = ssc
            .reduce_by_key_and_window_inv(i, add, sub, w, s, None, filter)
            .unwrap();
        ssc.checkpoint(r, cp);
        r
    });
}

#[test]
fn rbkaw_inv_basic_reduction() {
    rbkaw_inv_case("rbkaw-inv-basic-reduction");
}

#[test]
fn rbkaw_inv_key_already_in_window_and_new_value_added_into_window() {
    rbkaw_inv_case("rbkaw-inv-key-already-in-window-and-new-value-added-into-window");
}

#[test]
fn rbkaw_inv_new_key_added_into_window() {
    rbkaw_inv_case("rbkaw-inv-new-key-added-into-window");
}

#[test]
fn rbkaw_inv_key_removed_from_window() {
    rbkaw_inv_case("rbkaw-inv-key-removed-from-window");
}

#[test]
fn rbkaw_inv_larger_slide_time() {
    rbkaw_inv_case("rbkaw-inv-larger-slide-time");
}

#[test]
fn rbkaw_inv_big_test() {
    rbkaw_inv_case("rbkaw-inv-big-test");
}

#[test]
fn rbkaw_inv_filter_big_test() {
    rbkaw_inv_case("rbkaw-inv-filter-big-test");
}

/// `(k, values)` with the values as a sorted set (the test compares value sets).
fn values_as_set(j: &Json) -> Json {
    let pair = j.as_array().expect("pair");
    let mut vals: Vec<String> = pair[1]
        .as_array()
        .expect("values")
        .iter()
        .map(key)
        .collect();
    vals.sort();
    vals.dedup();
    Json::Array(vec![
        pair[0].clone(),
        Json::Array(vals.into_iter().map(Json::String).collect()),
    ])
}

#[test]
fn group_by_key_and_window() {
    let c = case("groupByKeyAndWindow");
    let (w, s) = (ms(&c, "window_ms"), ms(&c, "slide_ms"));
    run_case_norm("groupByKeyAndWindow", values_as_set, |ssc, i| {
        call(ssc, i, "groupByKeyAndWindow", vec![dur(w), dur(s)])
    });
}

#[test]
fn count_by_window() {
    let c = case("countByWindow");
    let (w, s) = (ms(&c, "window_ms"), ms(&c, "slide_ms"));
    run_case("countByWindow", |ssc, i| {
        call(ssc, i, "countByWindow", vec![dur(w), dur(s)])
    });
}

#[test]
fn count_by_value_and_window() {
    let c = case("countByValueAndWindow");
    let (w, s) = (ms(&c, "window_ms"), ms(&c, "slide_ms"));
    run_case("countByValueAndWindow", |ssc, i| {
        call(ssc, i, "countByValueAndWindow", vec![dur(w), dur(s)])
    });
}

/// The engine keeps only "persisted or not" (no storage levels), so `MEMORY_ONLY_SER` and
/// `MEMORY_ONLY` both read as persisted.
#[test]
fn window_persistence_level() {
    let c = case("window-persistence-level");
    assert_eq!(c["kind"], "property");
    let mut ssc = Ssc::new("local[2]", 1000);
    let i = ssc.test_input(vec![], 2);
    assert!(!ssc.rt.graph.nodes[i.0].persist);
    let w = ssc
        .window(i, ms(&c, "window_ms"), ms(&c, "slide_ms"))
        .unwrap();
    assert!(!ssc.rt.graph.nodes[w.0].persist, "windowed stream: NONE");
    assert!(ssc.rt.graph.nodes[i.0].persist, "parent: MEMORY_ONLY_SER");
    let same_w = call(&mut ssc, w, "persist", vec![]);
    assert_eq!(same_w, w);
    assert!(
        !ssc.rt.graph.nodes[w.0].persist,
        "windowed stream stays NONE"
    );
    assert!(ssc.rt.graph.nodes[i.0].persist, "parent: MEMORY_ONLY");
}

// BasicOperationsSuite -------------------------------------------------------------------------

#[test]
fn basic_map() {
    run_case("basic-map", |ssc, i| {
        ssc.map(i, |v| Value::str(&v.to_string()))
    });
}

#[test]
fn basic_flat_map() {
    run_case("basic-flatMap", |ssc, i| {
        ssc.flat_map(i, |v| vec![v.clone(), add(v, v)])
    });
}

#[test]
fn basic_filter() {
    run_case("basic-filter", |ssc, i| ssc.filter(i, |v| int(v) % 2 == 0));
}

#[test]
fn basic_glom() {
    run_case("basic-glom", |ssc, i| ssc.glom(i));
}

#[test]
fn basic_map_partitions() {
    run_case("basic-mapPartitions", |ssc, i| {
        ssc.map_partitions(i, |recs| vec![Value::Int(sum_values(&recs) as i32)])
    });
}

#[test]
fn basic_group_by_key() {
    run_case("basic-groupByKey", |ssc, i| {
        let p = pair_one(ssc, i);
        ssc.group_by_key(p, None)
    });
}

#[test]
fn basic_reduce_by_key() {
    run_case("basic-reduceByKey", |ssc, i| {
        let p = pair_one(ssc, i);
        ssc.reduce_by_key(p, add, None)
    });
}

#[test]
fn basic_reduce() {
    run_case("basic-reduce", |ssc, i| {
        call(ssc, i, "reduce", vec![func("_ + _", |a| add(&a[0], &a[1]))])
    });
}

#[test]
fn basic_count() {
    run_case("basic-count", |ssc, i| call(ssc, i, "count", vec![]));
}

#[test]
fn basic_count_by_value() {
    run_case("basic-countByValue", |ssc, i| {
        call(ssc, i, "countByValue", vec![])
    });
}

#[test]
fn basic_map_values() {
    run_case("basic-mapValues", |ssc, i| {
        let p = pair_one(ssc, i);
        let r = ssc.reduce_by_key(p, add, None);
        ssc.map_values(r, |v| add(v, &Value::Int(10)))
    });
}

#[test]
fn basic_flat_map_values() {
    run_case("basic-flatMapValues", |ssc, i| {
        let p = pair_one(ssc, i);
        let r = ssc.reduce_by_key(p, add, None);
        ssc.flat_map_values(r, |v| vec![v.clone(), add(v, &Value::Int(10))])
    });
}

fn plus(ssc: &mut Ssc, s: Stream, n: i32) -> Stream {
    ssc.map(s, move |v| add(v, &Value::Int(n)))
}

#[test]
fn basic_union() {
    run_case("basic-union", |ssc, i| {
        let m = plus(ssc, i, 4);
        ssc.union(&[i, m]).unwrap()
    });
}

#[test]
fn basic_union_with_input_stream_return_none() {
    expect_error("basic-union-with-input-stream-return-None", |ssc, i| {
        let m = plus(ssc, i[0], 4);
        ssc.union(&[i[0], m]).unwrap()
    });
}

#[test]
fn basic_streaming_context_union() {
    run_case("basic-StreamingContextunion", |ssc, i| {
        let a = plus(ssc, i, 4);
        let b = plus(ssc, i, 8);
        let v = ssc_call(
            ssc,
            "union",
            vec![Value::list(vec![dstream(i), dstream(a), dstream(b)])],
        );
        Stream(v.obj::<DStreamObj>().expect("a DStream").id)
    });
}

#[test]
fn basic_transform() {
    run_case("basic-transform", |ssc, i| {
        ssc.transform(&[i], |rt, rdds| Ok(Some(to_string_rdd(rt, &rdds[0]))))
    });
}

#[test]
fn basic_transform_with_null() {
    expect_error("basic-transform-with-NULL", |ssc, i| {
        ssc.transform(&[i[0]], |_rt, _rdds| Ok(None))
    });
}

#[test]
fn basic_transform_with_input_stream_return_none() {
    expect_error("basic-transform-with-input-stream-return-None", |ssc, i| {
        ssc.transform(&[i[0]], |rt, rdds| Ok(Some(to_string_rdd(rt, &rdds[0]))))
    });
}

/// `s1.transformWith(s2, (rdd1, rdd2) => rdd1.<method>(rdd2))`, through the front-end.
fn transform_with(ssc: &mut Ssc, a: Stream, b: Stream, method: &'static str) -> Stream {
    let f = Func::native("transformFunc", move |rt, args| {
        let (r1, r2) = (as_rdd(&args[0]).unwrap(), as_rdd(&args[1]).unwrap());
        Ok(rdd_value(rdd_call(rt, &r1, method, vec![rdd_value(r2)])?))
    });
    call(ssc, a, "transformWith", vec![dstream(b), f.into_value()])
}

#[test]
fn basic_transform_with() {
    run_case2("basic-transformWith", |ssc, a, b| {
        let (a, b) = (pair_one(ssc, a), pair_x(ssc, b));
        transform_with(ssc, a, b, "join")
    });
}

#[test]
fn basic_transform_with_with_input_stream_return_none() {
    expect_error(
        "basic-transformWith-with-input-stream-return-None",
        |ssc, i| transform_with(ssc, i[0], i[1], "union"),
    );
}

/// `ssc.transform(Seq(s, s.map(_ + 4), s.map(_ + 8)), (rdds, time) => sc.union(rdds))`.
fn ssc_transform(ssc: &mut Ssc, i: Stream) -> Stream {
    let a = plus(ssc, i, 4);
    let b = plus(ssc, i, 8);
    let f = Func::native("transformFunc", |rt, args| {
        let rdds: Vec<Rc<Rdd>> = args[0]
            .as_seq()
            .expect("a Seq of RDDs")
            .iter()
            .map(|r| as_rdd(r).expect("an RDD"))
            .collect();
        Ok(rdd_value(rdd::union(rt, rdds)))
    });
    let v = ssc_call(
        ssc,
        "transform",
        vec![
            Value::list(vec![dstream(i), dstream(a), dstream(b)]),
            f.into_value(),
        ],
    );
    Stream(v.obj::<DStreamObj>().expect("a DStream").id)
}

/// Not a case of the file: Spark's `ssc.transform` always hands the function the batch time
/// (`(Seq[RDD[_]], Time) => RDD[T]`).
#[test]
fn basic_streaming_context_transform_gets_the_batch_time() {
    let mut ssc = Ssc::new("local[2]", 1000);
    let i = ssc.test_input(vec![Some(vec![Value::Int(1)])], 2);
    let seen: Rc<std::cell::RefCell<Vec<String>>> = Rc::default();
    let sink = seen.clone();
    let f = Func::native("transformFunc", move |rt, args| {
        let t = args[1].obj::<TimeObj>().map(|t| t.0 .0);
        sink.borrow_mut().push(format!("{t:?}"));
        let rdds: Vec<Rc<Rdd>> = args[0]
            .as_seq()
            .expect("a Seq of RDDs")
            .iter()
            .map(|r| as_rdd(r).expect("an RDD"))
            .collect();
        Ok(rdd_value(rdd::union(rt, rdds)))
    });
    let v = ssc_call(
        &mut ssc,
        "transform",
        vec![Value::list(vec![dstream(i)]), f.into_value()],
    );
    ssc.collect(Stream(v.obj::<DStreamObj>().expect("a DStream").id));
    ssc.run(2).unwrap();
    assert_eq!(*seen.borrow(), ["Some(1000)", "Some(2000)"]);
}

#[test]
fn basic_streaming_context_transform() {
    run_case("basic-StreamingContexttransform", ssc_transform);
}

#[test]
fn basic_streaming_context_transform_with_input_stream_return_none() {
    expect_error(
        "basic-StreamingContexttransform-with-input-stream-return-None",
        |ssc, i| ssc_transform(ssc, i[0]),
    );
}

fn join_case(id: &str, method: &str) {
    run_case2(id, |ssc, a, b| {
        let (a, b) = (pair_one(ssc, a), pair_x(ssc, b));
        call(ssc, a, method, vec![dstream(b)])
    });
}

#[test]
fn basic_cogroup() {
    join_case("basic-cogroup", "cogroup");
}

#[test]
fn basic_join() {
    join_case("basic-join", "join");
}

#[test]
fn basic_left_outer_join() {
    join_case("basic-leftOuterJoin", "leftOuterJoin");
}

#[test]
fn basic_right_outer_join() {
    join_case("basic-rightOuterJoin", "rightOuterJoin");
}

#[test]
fn basic_full_outer_join() {
    join_case("basic-fullOuterJoin", "fullOuterJoin");
}

/// `(values, state) => Some(values.sum + state.getOrElse(0))`.
fn running_sum(values: &[Value], state: Option<&Value>) -> Option<Value> {
    Some(Value::Int(
        (sum_values(values) + state.map_or(0, int)) as i32,
    ))
}

#[test]
fn basic_update_state_by_key() {
    run_case("basic-updateStateByKey", |ssc, i| {
        let p = pair_one(ssc, i);
        ssc.update_state_by_key(p, running_sum, None)
    });
}

/// `sc.makeRDD(initial_state)` (defaultParallelism partitions).
fn initial_rdd(ssc: &mut Ssc, c: &Json) -> Rc<Rdd> {
    let items: Vec<Value> = c["operation"]["initial_state"]
        .as_array()
        .expect("initial_state")
        .iter()
        .map(value)
        .collect();
    let n = ssc.rt.conf.cores() as usize;
    Rdd::parallelize(&mut ssc.rt, items, n)
}

/// The update function as a front-end value: `(values: Seq[Int], state: Option[Int])`.
fn running_sum_func() -> Value {
    func("updateFunc", |a| {
        let state = match &a[1] {
            Value::Some(v) => Some((**v).clone()),
            _ => None,
        };
        Value::option(running_sum(a[0].as_seq().unwrap_or(&[]), state.as_ref()))
    })
}

#[test]
fn basic_update_state_by_key_simple_with_initial_value_rdd() {
    let id = "basic-updateStateByKey---simple-with-initial-value-RDD";
    let c = case(id);
    run_case(id, |ssc, i| {
        let p = pair_one(ssc, i);
        let init = initial_rdd(ssc, &c);
        // updateStateByKey(updateFunc, new HashPartitioner(2), initialRDD)
        call(
            ssc,
            p,
            "updateStateByKey",
            vec![running_sum_func(), Value::Int(2), rdd_value(init)],
        )
    });
}

/// The time-aware form `(time, key, values, state) => Option[state]` is only chosen by the
/// front-end for 4-parameter Scala closures, so the state stream is built directly.
#[test]
fn basic_update_state_by_key_testing_time_stamps_as_input() {
    let id = "basic-updateStateByKey---testing-time-stamps-as-input";
    let c = case(id);
    run_case(id, |ssc, i| {
        let p = pair_one(ssc, i);
        let init = initial_rdd(ssc, &c);
        let f = Func::native("updateFunc", |_rt, a| {
            let t = a[0].obj::<TimeObj>().expect("a Time").0 .0;
            let values = a[2].as_seq().unwrap_or(&[]);
            let state = match &a[3] {
                Value::Some(v) => int(v),
                _ => 0,
            };
            let next = if values.is_empty() { state } else { t + state };
            Ok(Value::option(Some(Value::Long(next))))
        });
        Stream(ops::state::new(
            &mut ssc.rt,
            p.0,
            StateUpdate::WithTime(f),
            Partitioner::hash(2),
            Some(init),
        ))
    });
}

/// The iterator form `(Iterator[(K, Seq[V], Option[S])]) => Iterator[(K, S)]` with
/// `rememberPartitioner = true` applies the same per-key function; the engine has one form.
#[test]
fn basic_update_state_by_key_with_initial_value_rdd() {
    let id = "basic-updateStateByKey---with-initial-value-RDD";
    let c = case(id);
    run_case(id, |ssc, i| {
        let p = pair_one(ssc, i);
        let init = initial_rdd(ssc, &c);
        let f = Func::native("updateFunc", |_rt, a| {
            let state = match &a[1] {
                Value::Some(v) => Some((**v).clone()),
                _ => None,
            };
            Ok(Value::option(running_sum(
                a[0].as_seq().unwrap_or(&[]),
                state.as_ref(),
            )))
        });
        Stream(ops::state::new(
            &mut ssc.rt,
            p.0,
            StateUpdate::Simple(f),
            Partitioner::hash(2),
            Some(init),
        ))
    });
}

/// The state object `{counter, expireCounter}` is a pair `(counter, expireCounter)`.
#[test]
fn basic_update_state_by_key_object_lifecycle() {
    run_case("basic-updateStateByKey---object-lifecycle", |ssc, i| {
        let p = pair_one(ssc, i);
        let s = ssc.update_state_by_key(
            p,
            |values, state| {
                let (mut counter, mut expire) = state
                    .and_then(Value::as_pair)
                    .map_or((0, 0), |(c, e)| (int(c), int(e)));
                match sum_values(values) {
                    0 => expire += 1,
                    n => {
                        counter += n;
                        expire = 0;
                    }
                }
                if expire == 2 {
                    None
                } else {
                    Some(Value::pair(
                        Value::Int(counter as i32),
                        Value::Int(expire as i32),
                    ))
                }
            },
            None,
        );
        ssc.map_values(s, |st| st.as_pair().expect("state").0.clone())
    });
}

#[test]
fn basic_slice() {
    let c = case("basic-slice");
    let mut ssc = Ssc::new("local[2]", 1000);
    let i = ssc.test_input(input(&c, "input"), partitions(&c));
    ssc.collect(i);
    ssc.rt.graph.start(Time(0), true).unwrap();
    for a in c["assertions"].as_array().unwrap() {
        let (from, to) = (a["from_ms"].as_i64().unwrap(), a["to_ms"].as_i64().unwrap());
        let rdds = slice(&mut ssc.rt, i.0, Time(from), Time(to)).unwrap();
        let mut got = BTreeSet::new();
        for (_, r) in rdds {
            for v in rdd::collect(&mut ssc.rt, &r).unwrap() {
                got.insert(int(&v));
            }
        }
        let want: BTreeSet<i64> = a["result_set"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        assert_eq!(got, want, "slice({from}, {to})");
    }
}

/// The case's note: `slice` before `start` throws `SparkException("... has not been
/// initialized")`.
#[test]
fn basic_slice_has_not_been_initialized() {
    let c = case("basic-slice");
    let mut ssc = Ssc::new("local[2]", 1000);
    let i = ssc.test_input(input(&c, "input"), partitions(&c));
    ssc.collect(i);
    let err = match slice(&mut ssc.rt, i.0, Time(0), Time(1000)) {
        Ok(_) => panic!("slice before start must fail"),
        Err(e) => e,
    };
    assert_eq!(err.class, "org.apache.spark.SparkException");
    assert!(
        err.message.contains("has not been initialized"),
        "{}",
        err.message
    );
}

#[test]
fn basic_rdd_cleanup_map_and_window() {
    let c = case("basic-rdd-cleanup---map-and-window");
    let mut ssc = Ssc::new("local[2]", 1000);
    ssc_call(&mut ssc, "remember", vec![dur(3000)]);
    let i = ssc.test_input(input(&c, "input"), partitions(&c));
    let mapped = ssc.map(i, |v| {
        Value::pair(Value::Int((int(v) % 10) as i32), Value::Int(1))
    });
    let w1 = ssc.window(mapped, 2000, 1000).unwrap();
    let w2 = ssc.window(w1, 4000, 2000).unwrap();
    ssc.collect(w2);
    run_keeping(&mut ssc, batches(&c));
    assert_eq!(remember(&ssc, w2), Some(3000), "outer window");
    assert_eq!(remember(&ssc, w1), Some(3000 + 4000), "inner window");
    assert_eq!(remember(&ssc, mapped), Some(7000 + 2000), "mapped stream");
    let g2 = generated(&ssc, w2);
    assert!(
        g2.contains(&10000) && g2.contains(&8000) && !g2.contains(&6000),
        "{g2:?}"
    );
    let g1 = generated(&ssc, w1);
    assert!(
        (4000..=10000).step_by(1000).all(|t| g1.contains(&t)),
        "{g1:?}"
    );
    assert!(!g1.contains(&3000), "{g1:?}");
    let gm = generated(&ssc, mapped);
    assert!(
        (2000..=10000).step_by(1000).all(|t| gm.contains(&t)),
        "{gm:?}"
    );
    assert!(!gm.contains(&1000), "{gm:?}");
}

#[test]
fn basic_rdd_cleanup_update_state_by_key() {
    let c = case("basic-rdd-cleanup---updateStateByKey");
    let mut ssc = Ssc::new("local[2]", 1000);
    let i = ssc.test_input(input(&c, "input"), partitions(&c));
    let p = pair_one(&mut ssc, i);
    let s = ssc.update_state_by_key(p, running_sum, None);
    ssc.checkpoint(s, 3000);
    ssc.collect(s);
    run_keeping(&mut ssc, batches(&c));
    assert_eq!(remember(&ssc, s), Some(2 * 3000));
    let g = generated(&ssc, s);
    assert!(g.contains(&10000) && !g.contains(&4000), "{g:?}");
}

// MapWithStateSuite ----------------------------------------------------------------------------

fn state(v: &Value) -> &StateObj {
    v.obj::<StateObj>().expect("a State")
}

/// `value.getOrElse(0) + state.getOption.getOrElse(0)`, stored in the state.
fn update_running_sum(value: &Value, st: &StateObj) -> Result<i64, Exn> {
    let v = match value {
        Value::Some(v) => int(v),
        _ => 0,
    };
    let s = if st.exists() { int(&st.get()?) } else { 0 };
    st.update(Value::Int((v + s) as i32))?;
    Ok(v + s)
}

/// Run a `MapWithStateSuite` case: `x => (x, 1)`, `mapWithState(spec)`, collecting the mapped
/// stream and `stateSnapshots()` every batch.
///
/// `f` gets `(key, Option[value], State)`. For the cases written with Spark's 4-argument
/// form (`(time, key, value, state) => Option[T]`, which emits only `Some`s), `f` returns the
/// `Option` and `options` unwraps it downstream (`flatMap(_.toList)`): native functions have
/// no arity, so the engine always takes the 3-argument path for them.
fn mws_case(
    id: &str,
    options: bool,
    f: impl Fn(&Value, &Value, &StateObj) -> Result<Value, Exn> + 'static,
) {
    let c = case(id);
    let mut ssc = Ssc::new(master(&c), 1000);
    let i = ssc.test_input(input(&c, "input"), partitions(&c));
    let p = pair_one(&mut ssc, i);
    let op = &c["operation"];
    let initial = op.get("initial_state").map(|_| {
        let items: Vec<Value> = op["initial_state"]
            .as_array()
            .unwrap()
            .iter()
            .map(value)
            .collect();
        Rdd::parallelize(&mut ssc.rt, items, 1)
    });
    let spec = StateSpecData {
        func: Func::native("mappingFunc", move |_rt, a| f(&a[0], &a[1], state(&a[2]))),
        partitions: op["num_partitions"].as_u64().map(|n| n as usize),
        timeout: op["timeout_ms"].as_i64().map(Duration),
        initial,
    };
    let (mapped, internal) = ssc.map_with_state(p, spec);
    let mapped = if options {
        ssc.flat_map(mapped, |v| match v {
            Value::Some(x) => vec![(**x).clone()],
            Value::None => vec![],
            other => panic!("not an Option: {other}"),
        })
    } else {
        mapped
    };
    let snaps = ssc.state_snapshots(internal);
    let out = ssc.collect(mapped);
    let snap_out = ssc.collect(snaps);
    let run = ssc
        .run(batches(&c))
        .unwrap_or_else(|e| panic!("{id}: {}", e.describe()));
    check_with(&c, &run, out, "expected", same);
    check_with(&c, &run, snap_out, "expected_state_snapshots", same);
}

#[test]
fn map_with_state_basic_operations_with_simple_api() {
    mws_case(
        "mapWithState-mapWithState---basic-operations-with-simple-API",
        false,
        |_k, v, st| Ok(Value::Int(update_running_sum(v, st)? as i32)),
    );
}

#[test]
fn map_with_state_basic_operations_with_advanced_api() {
    mws_case(
        "mapWithState-mapWithState---basic-operations-with-advanced-API",
        true,
        |k, v, st| {
            update_running_sum(v, st)?;
            Ok(Value::option(Some(Value::str(&format!("{k}{k}")))))
        },
    );
}

#[test]
fn map_with_state_states_as_mapped_data() {
    mws_case(
        "mapWithState-mapWithState---states-as-mapped-data",
        true,
        |k, v, st| {
            let sum = update_running_sum(v, st)?;
            Ok(Value::option(Some(Value::pair(
                k.clone(),
                Value::Int(sum as i32),
            ))))
        },
    );
}

#[test]
fn map_with_state_initial_states_with_nothing_returned() {
    mws_case(
        "mapWithState-mapWithState---initial-states-with-nothing-returned-as-from-mapping-function",
        true,
        |_k, v, st| {
            update_running_sum(v, st)?;
            Ok(Value::None)
        },
    );
}

#[test]
fn map_with_state_state_removing() {
    mws_case(
        "mapWithState-mapWithState---state-removing",
        true,
        |k, v, st| {
            if st.exists() {
                st.remove()?;
                Ok(Value::option(Some(k.clone())))
            } else {
                let v = match v {
                    Value::Some(v) => (**v).clone(),
                    other => panic!("no value: {other}"),
                };
                st.update(v)?;
                Ok(Value::None)
            }
        },
    );
}

#[test]
fn map_with_state_state_timing_out() {
    let id = "mapWithState-state-timing-out";
    let c = case(id);
    assert_eq!(c["kind"], "property");
    let mut ssc = Ssc::new(master(&c), 1000);
    let i = ssc.test_input(input(&c, "input"), partitions(&c));
    let p = pair_one(&mut ssc, i);
    let spec = StateSpecData {
        func: Func::native("mappingFunc", |_rt, a| {
            let st = state(&a[2]);
            if matches!(a[1], Value::Some(_)) {
                st.update(Value::Int(1))?;
            }
            let timing_out = st.inner.borrow().timing_out;
            Ok(Value::option(timing_out.then(|| a[0].clone())))
        }),
        partitions: None,
        timeout: Some(Duration(ms(&c, "timeout_ms"))),
        initial: None,
    };
    let (mapped, internal) = ssc.map_with_state(p, spec);
    let mapped = ssc.flat_map(mapped, |v| match v {
        Value::Some(x) => vec![(**x).clone()],
        _ => vec![],
    });
    let snaps = ssc.state_snapshots(internal);
    let out = ssc.collect(mapped);
    let snap_out = ssc.collect(snaps);
    let run = ssc
        .run(batches(&c))
        .unwrap_or_else(|e| panic!("{id}: {}", e.describe()));
    let outputs = run.output(out);
    assert_eq!(outputs.len(), 20);
    let mut all: Vec<String> = outputs.iter().flatten().map(|v| v.to_string()).collect();
    all.sort();
    assert_eq!(all, ["b", "c"], "all mapped outputs");
    // derived_timing: both are emitted in the batch at 10000 ms (the first checkpointed one).
    let times = run.output_times(out);
    for (t, recs) in times.iter().zip(&outputs) {
        assert_eq!(
            !recs.is_empty(),
            *t == 10000,
            "mapped output at {t}: {recs:?}"
        );
    }
    let as_set = |b: &Vec<Value>| -> BTreeSet<String> { b.iter().map(|v| key(&json(v))).collect() };
    let abc: BTreeSet<String> = [("a", 1), ("b", 1), ("c", 1)]
        .iter()
        .map(|(k, v)| key(&serde_json::json!([k, v])))
        .collect();
    let snapshots = run.output(snap_out);
    assert!(
        snapshots.iter().any(|b| as_set(b) == abc),
        "some snapshot is {{a, b, c}}"
    );
    let a_only: BTreeSet<String> = [key(&serde_json::json!(["a", 1]))].into_iter().collect();
    assert_eq!(as_set(snapshots.last().unwrap()), a_only, "last snapshot");
    // The snapshots keep a, b and c until 9000 ms.
    let snap_times = run.output_times(snap_out);
    for (t, b) in snap_times.iter().zip(&snapshots) {
        if (1000..=9000).contains(t) {
            assert_eq!(as_set(b), abc, "snapshot at {t}");
        }
    }
}

#[test]
fn map_with_state_checkpoint_durations() {
    let c = case("mapWithState-checkpoint-durations");
    for a in c["assertions"].as_array().unwrap() {
        let batch = a["batch_ms"].as_i64().unwrap();
        let explicit = a["explicit_ms"].as_i64();
        let want = a["internal_checkpoint_ms"].as_i64().unwrap();
        let mut ssc = Ssc::new("local", batch);
        let i = ssc.test_input(vec![], 2);
        let p = pair_one(&mut ssc, i);
        let spec = StateSpecData {
            func: Func::native("dummyFunc", |_rt, _a| Ok(Value::Int(0))),
            partitions: None,
            timeout: None,
            initial: None,
        };
        let (mapped, internal) = ssc.map_with_state(p, spec);
        if let Some(d) = explicit {
            // mapWithStateStream.checkpoint(d), through the front-end (forwarded inside).
            let handle = Value::Obj(Rc::new(DStreamObj {
                id: mapped.0,
                internal: Some(internal.0),
            }));
            call_method(
                &mut ssc.rt,
                handle,
                "checkpoint",
                vec![dur(d)],
                Span::default(),
            )
            .unwrap();
        }
        ssc.collect(mapped);
        ssc.rt.graph.start(Time(0), true).unwrap();
        let n = &ssc.rt.graph.nodes;
        assert_eq!(
            n[mapped.0].checkpoint, None,
            "batch {batch}, explicit {explicit:?}"
        );
        assert_eq!(
            n[internal.0].checkpoint.map(|d| d.0),
            Some(want),
            "batch {batch}, explicit {explicit:?}"
        );
    }
}
