//! From-scratch oracles beside the windowed and stateful operators: on random batches, each
//! operator's output must equal a direct recomputation from the input (differential
//! dataflow's `reduce_reference` idea). Where Spark itself departs from the naive answer
//! (the inverse path with a slide longer than the window, or keys lingering at zero without a
//! filter), the generators stay inside the bounds where Spark and the oracle agree.

use std::collections::BTreeMap;

use dstream_engine::api::Ssc;
use dstream_engine::exec::Func;
use dstream_engine::graph::StateSpecData;
use dstream_engine::ops::map_with_state::StateObj;
use dstream_engine::value::Value;
use proptest::prelude::*;

type Batches = Vec<Vec<(String, i32)>>;

fn batches() -> impl Strategy<Value = Batches> {
    let rec = ("[a-e]", 1..5i32);
    prop::collection::vec(prop::collection::vec(rec, 0..6), 1..14)
}

fn input(b: &Batches) -> Vec<Option<Vec<Value>>> {
    b.iter()
        .map(|recs| {
            Some(
                recs.iter()
                    .map(|(k, v)| Value::pair(Value::str(k), Value::Int(*v)))
                    .collect(),
            )
        })
        .collect()
}

fn add(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(x + y),
        _ => Value::Null,
    }
}

fn sub(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(x - y),
        _ => Value::Null,
    }
}

/// Sums per key over the batches with times in `(t − w, t]` (batch `i` is at `(i + 1)·1000`).
fn window_sums(b: &Batches, t: i64, w: i64) -> BTreeMap<String, i32> {
    let mut m = BTreeMap::new();
    for (i, recs) in b.iter().enumerate() {
        let bt = (i as i64 + 1) * 1000;
        if bt > t - w && bt <= t {
            for (k, v) in recs {
                *m.entry(k.clone()).or_insert(0) += v;
            }
        }
    }
    m
}

fn as_map(out: &[Value]) -> BTreeMap<String, i32> {
    out.iter()
        .filter_map(|v| match v.as_pair() {
            Some((k, Value::Int(n))) => Some((k.to_string(), *n)),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn inverse_path_with_zero_filter_equals_recomputing(b in batches(), w in 1..6i64, s in 1..6i64, parts in 1..4usize) {
        prop_assume!(s <= w);
        let (w, s) = (w * 1000, s * 1000);
        let n = b.len();
        let mut ssc = Ssc::new("local[2]", 1000);
        let inp = ssc.test_input(input(&b), parts);
        let filter: Box<dyn Fn(&Value) -> bool> = Box::new(|kv| kv.as_pair().is_some_and(|(_, v)| *v != Value::Int(0)));
        let win = ssc.reduce_by_key_and_window_inv(inp, add, sub, w, s, Some(2), Some(filter)).unwrap();
        let out = ssc.collect(win);
        let run = ssc.run(n).unwrap();
        for (t, got) in run.output_times(out).into_iter().zip(run.output(out)) {
            prop_assert_eq!(t % s, 0);
            prop_assert_eq!(as_map(&got), window_sums(&b, t, w), "window at {}", t);
        }
        prop_assert_eq!(run.output_times(out).len(), n / (s as usize / 1000));
    }

    #[test]
    fn plain_window_reduce_equals_recomputing(b in batches(), w in 1..6i64, s in 1..6i64) {
        let (w, s) = (w * 1000, s * 1000);
        let mut ssc = Ssc::new("local[2]", 1000);
        let inp = ssc.test_input(input(&b), 2);
        let win = ssc.reduce_by_key_and_window(inp, add, w, s, None).unwrap();
        let out = ssc.collect(win);
        let run = ssc.run(b.len()).unwrap();
        for (t, got) in run.output_times(out).into_iter().zip(run.output(out)) {
            prop_assert_eq!(as_map(&got), window_sums(&b, t, w), "window at {}", t);
        }
    }

    #[test]
    fn window_holds_the_batches_in_its_span(b in batches(), w in 1..6i64, s in 1..6i64) {
        let (w, s) = (w * 1000, s * 1000);
        let mut ssc = Ssc::new("local[2]", 1000);
        let inp = ssc.test_input(input(&b), 2);
        let win = ssc.window(inp, w, s).unwrap();
        let out = ssc.collect(win);
        let run = ssc.run(b.len()).unwrap();
        for (t, got) in run.output_times(out).into_iter().zip(run.output(out)) {
            let mut want: Vec<String> = b.iter().enumerate()
                .filter(|(i, _)| { let bt = (*i as i64 + 1) * 1000; bt > t - w && bt <= t })
                .flat_map(|(_, r)| r.iter().map(|(k, v)| format!("({k},{v})")))
                .collect();
            let mut got: Vec<String> = got.iter().map(|v| v.to_string()).collect();
            want.sort();
            got.sort();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn update_state_by_key_keeps_running_sums(b in batches()) {
        let mut ssc = Ssc::new("local[2]", 1000);
        let inp = ssc.test_input(input(&b), 2);
        let st = ssc.update_state_by_key(inp, |vals, state| {
            let mut s = match state { Some(Value::Int(n)) => *n, _ => 0 };
            for v in vals { if let Value::Int(n) = v { s += n } }
            Some(Value::Int(s))
        }, None);
        let out = ssc.collect(st);
        let run = ssc.run(b.len()).unwrap();
        for (i, got) in run.output(out).iter().enumerate() {
            let t = (i as i64 + 1) * 1000;
            prop_assert_eq!(as_map(got), window_sums(&b, t, t));
        }
        // Every key with state is called in every batch after its first.
        for (i, bt) in run.batches.iter().enumerate() {
            let seen = window_sums(&b, (i as i64 + 1) * 1000, (i as i64 + 1) * 1000).len() as u64;
            let calls: u64 = bt.calls.get("updateFunc").map(|m| m.values().sum()).unwrap_or(0);
            prop_assert_eq!(calls, seen);
        }
    }

    #[test]
    fn map_with_state_calls_once_per_record(b in batches()) {
        let mut ssc = Ssc::new("local", 1000);
        let inp = ssc.test_input(input(&b), 2);
        let func = Func::native("mappingFunc", |_rt, a| {
            let st = a[2].obj::<StateObj>().expect("state");
            let prev = match st.get() { Ok(Value::Int(n)) => n, _ => 0 };
            let v = match &a[1] { Value::Some(v) => match **v { Value::Int(n) => n, _ => 0 }, _ => 0 };
            st.update(Value::Int(prev + v))?;
            Ok(Value::pair(a[0].clone(), Value::Int(prev + v)))
        });
        let (mapped, internal) = ssc.map_with_state(inp, StateSpecData { func, partitions: None, timeout: None, initial: None });
        let snaps = ssc.state_snapshots(internal);
        let out = ssc.collect(mapped);
        let snap_out = ssc.collect(snaps);
        let run = ssc.run(b.len()).unwrap();
        for (i, recs) in b.iter().enumerate() {
            let t = (i as i64 + 1) * 1000;
            prop_assert_eq!(run.output(out)[i].len(), recs.len());
            prop_assert_eq!(as_map(&run.output(snap_out)[i]), window_sums(&b, t, t));
            let calls: u64 = run.batches[i].calls.get("mappingFunc").map(|m| m.values().sum()).unwrap_or(0);
            prop_assert_eq!(calls, recs.len() as u64);
        }
    }
}
