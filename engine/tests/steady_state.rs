//! The lesson's claim, checked on the engine: with 1 s batches of `hello 1`, `hi 1`, `hi 1`,
//! `reduceByKeyAndWindow(_ + _, _ - _, Seconds(5), Seconds(1))` calls `reduceFunc` 3 times and
//! `invReduceFunc` 2 times per batch from the sixth batch on (hi: 2 and 1, hello: 1 and 1),
//! and without the inverse the same window costs 9 `reduceFunc` calls (spark-semantics §4.5).

use dstream_engine::api::Ssc;
use dstream_engine::trace::BatchTrace;
use dstream_engine::value::Value;

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

fn calls(b: &BatchTrace, role: &str, key: &str) -> u64 {
    b.calls
        .get(role)
        .and_then(|m| m.get(key))
        .copied()
        .unwrap_or(0)
}

fn total(b: &BatchTrace, role: &str) -> u64 {
    b.calls.get(role).map(|m| m.values().sum()).unwrap_or(0)
}

fn lesson_input(n: usize) -> Vec<Option<Vec<Value>>> {
    (0..n)
        .map(|_| {
            Some(vec![
                Value::str("hello"),
                Value::str("hi"),
                Value::str("hi"),
            ])
        })
        .collect()
}

#[test]
fn inverse_reduce_is_three_and_two_per_batch_in_steady_state() {
    for partitions in [1, 2, 3] {
        let mut ssc = Ssc::new("local[2]", 1000);
        let words = ssc.test_input(lesson_input(12), partitions);
        let pairs = ssc.map(words, |w| Value::pair(w.clone(), Value::Int(1)));
        let win = ssc
            .reduce_by_key_and_window_inv(pairs, add, sub, 5000, 1000, Some(2), None)
            .unwrap();
        let out = ssc.collect(win);
        let run = ssc.run(12).unwrap();
        for b in &run.batches[5..] {
            assert_eq!(
                (total(b, "reduceFunc"), total(b, "invReduceFunc")),
                (3, 2),
                "batch {} ({partitions} partitions)",
                b.time_ms
            );
            assert_eq!(
                (
                    calls(b, "reduceFunc", "hi"),
                    calls(b, "invReduceFunc", "hi")
                ),
                (2, 1)
            );
            assert_eq!(
                (
                    calls(b, "reduceFunc", "hello"),
                    calls(b, "invReduceFunc", "hello")
                ),
                (1, 1)
            );
        }
        // The first batch: only hi's in-batch merge; batches 2..5 add without subtracting.
        assert_eq!(total(&run.batches[0], "reduceFunc"), 1);
        assert_eq!(total(&run.batches[0], "invReduceFunc"), 0);
        for b in &run.batches[1..5] {
            assert_eq!((total(b, "reduceFunc"), total(b, "invReduceFunc")), (3, 0));
        }
        let mut last = run.output(out).pop().unwrap();
        last.sort_by_key(|v| v.to_string());
        assert_eq!(
            last,
            vec![
                Value::pair(Value::str("hello"), Value::Int(5)),
                Value::pair(Value::str("hi"), Value::Int(10))
            ]
        );
    }
}

#[test]
fn without_the_inverse_the_whole_window_is_reduced_again() {
    let mut ssc = Ssc::new("local[2]", 1000);
    let words = ssc.test_input(lesson_input(8), 2);
    let pairs = ssc.map(words, |w| Value::pair(w.clone(), Value::Int(1)));
    let win = ssc
        .reduce_by_key_and_window(pairs, add, 5000, 1000, Some(2))
        .unwrap();
    ssc.collect(win);
    let run = ssc.run(8).unwrap();
    for b in &run.batches[5..] {
        assert_eq!(calls(b, "reduceFunc", "hello"), 4);
        assert_eq!(calls(b, "reduceFunc", "hi"), 5);
        assert_eq!(total(b, "invReduceFunc"), 0);
    }
}

#[test]
fn keys_linger_at_zero_without_filter_func() {
    let mut input = lesson_input(2);
    input.extend((0..6).map(|_| Some(Vec::new())));
    let mut ssc = Ssc::new("local[2]", 1000);
    let words = ssc.test_input(input, 2);
    let pairs = ssc.map(words, |w| Value::pair(w.clone(), Value::Int(1)));
    let win = ssc
        .reduce_by_key_and_window_inv(pairs, add, sub, 3000, 1000, Some(2), None)
        .unwrap();
    let out = ssc.collect(win);
    let run = ssc.run(8).unwrap();
    let mut last = run.output(out).pop().unwrap();
    last.sort_by_key(|v| v.to_string());
    assert_eq!(
        last,
        vec![
            Value::pair(Value::str("hello"), Value::Int(0)),
            Value::pair(Value::str("hi"), Value::Int(0))
        ]
    );
    // Once every batch has left, nothing is called any more.
    assert_eq!(
        total(&run.batches[7], "reduceFunc") + total(&run.batches[7], "invReduceFunc"),
        0
    );
}
