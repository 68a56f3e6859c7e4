//! Replays the traces recorded from real Spark 4.3.0 (`tests/golden/`, see its README) and
//! checks the engine does what Spark did: the same errors, the same `print()` blocks (as
//! multisets), the same calls of each user function per key per batch. The comparison rules
//! are those of `../shared/tools/spark-golden`.

use std::collections::BTreeMap;
use std::path::Path;

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{Detail, Trace};
use serde_json::Value as Json;

const ROLES: [&str; 5] = [
    "reduceFunc",
    "invReduceFunc",
    "filterFunc",
    "updateFunc",
    "mappingFunc",
];
const DASH: &str = "-------------------------------------------";

/// `print()` blocks per batch time: the sorted elements (or the size, when cut with `...`).
fn print_blocks(stdout: &str) -> BTreeMap<i64, Vec<(Vec<String>, bool)>> {
    let lines: Vec<&str> = stdout.split('\n').collect();
    let mut out: BTreeMap<i64, Vec<(Vec<String>, bool)>> = BTreeMap::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == DASH
            && i + 2 < lines.len()
            && lines[i + 1].starts_with("Time: ")
            && lines[i + 2] == DASH
        {
            let t: i64 = lines[i + 1]["Time: ".len()..]
                .split(' ')
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(-1);
            i += 3;
            let mut elems = Vec::new();
            let mut more = false;
            while i < lines.len() && !lines[i].is_empty() && lines[i] != DASH {
                if lines[i] == "..." {
                    more = true;
                } else {
                    elems.push(lines[i].to_string());
                }
                i += 1;
            }
            out.entry(t).or_default().push(shape(elems, more));
        } else {
            i += 1;
        }
    }
    out
}

fn shape(mut elems: Vec<String>, more: bool) -> (Vec<String>, bool) {
    if more {
        (vec![format!("<{} elements>", elems.len())], true)
    } else {
        elems.sort();
        (elems, false)
    }
}

fn json_scalar(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn pair(kv: &Json) -> String {
    format!("({},{})", json_scalar(&kv[0]), json_scalar(&kv[1]))
}

fn expected_blocks(ob: &Json, outputs: &[String]) -> Vec<(Vec<String>, bool)> {
    if ob.get("has_output").and_then(Json::as_bool) == Some(false) {
        return Vec::new();
    }
    let t = ob["time_ms"].as_i64().unwrap_or(-1);
    let mut res: Vec<(Vec<String>, bool)> = if !outputs.iter().any(|o| o == "collect") {
        print_blocks(ob.get("stdout").and_then(Json::as_str).unwrap_or(""))
            .remove(&t)
            .unwrap_or_default()
    } else {
        let mut v = vec![shape(
            ob["output"]
                .as_array()
                .map(|a| a.iter().map(pair).collect())
                .unwrap_or_default(),
            false,
        )];
        if let Some(snap) = ob.get("snapshots").and_then(Json::as_array) {
            v.push(shape(snap.iter().map(pair).collect(), false));
        }
        v
    };
    res.sort();
    res
}

fn compare(scen: &Json, oracle: &Json, trace: &Trace) -> Vec<String> {
    let mut diffs = Vec::new();
    if let Some(oe) = oracle.get("error").filter(|e| !e.is_null()) {
        match &trace.error {
            None => diffs.push(format!("expected error {oe}, got none")),
            Some(te) => {
                for (k, got) in [
                    ("phase", &te.phase),
                    ("class", &te.class),
                    ("message", &te.message),
                ] {
                    if oe[k].as_str() != Some(got.as_str()) {
                        diffs.push(format!("error {k}: expected {}, got {got:?}", oe[k]));
                    }
                }
            }
        }
        return diffs;
    }
    if let Some(te) = &trace.error {
        return vec![format!("unexpected error: {te:?}")];
    }
    let outputs: Vec<String> = scen
        .get("outputs")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_else(|| vec!["collect".to_string()]);
    let by_time: BTreeMap<i64, &dstream_engine::trace::BatchTrace> =
        trace.batches.iter().map(|b| (b.time_ms, b)).collect();
    let oracle_batches = oracle["batches"].as_array().cloned().unwrap_or_default();
    for ob in &oracle_batches {
        let t = ob["time_ms"].as_i64().unwrap_or(-1);
        let Some(b) = by_time.get(&t) else {
            diffs.push(format!("t={t}: no batch in the trace"));
            continue;
        };
        let want = expected_blocks(ob, &outputs);
        let mut got = print_blocks(&b.stdout).remove(&t).unwrap_or_default();
        got.sort();
        if want != got {
            diffs.push(format!(
                "t={t}: print() blocks differ\n    expected {want:?}\n    got      {got:?}"
            ));
        }
        for role in ROLES {
            let w: BTreeMap<String, u64> = ob["calls"]
                .get(role)
                .and_then(Json::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| v.as_u64().filter(|&n| n > 0).map(|n| (k.clone(), n)))
                        .collect()
                })
                .unwrap_or_default();
            let g: BTreeMap<String, u64> = b
                .calls
                .get(role)
                .map(|m| {
                    m.iter()
                        .filter(|(_, &n)| n > 0)
                        .map(|(k, &n)| (k.to_string(), n))
                        .collect()
                })
                .unwrap_or_default();
            if w != g {
                diffs.push(format!(
                    "t={t}: {role} calls per key: expected {w:?}, got {g:?}"
                ));
            }
        }
    }
    let known: Vec<i64> = oracle_batches
        .iter()
        .filter_map(|b| b["time_ms"].as_i64())
        .collect();
    let extra: Vec<i64> = by_time
        .keys()
        .copied()
        .filter(|t| !known.contains(t))
        .collect();
    if !extra.is_empty() {
        diffs.push(format!("trace has batches Spark did not run: {extra:?}"));
    }
    diffs
}

#[test]
fn every_golden_case_matches_real_spark() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("golden fixtures")
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".program.json")
                .map(String::from)
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 45, "the 45 recorded cases");
    let mut failures = Vec::new();
    for name in &names {
        let read = |ext: &str| {
            std::fs::read_to_string(dir.join(format!("{name}.{ext}.json"))).expect("fixture")
        };
        let scenario = Scenario::from_json(&read("program")).expect("scenario");
        let scen: Json = serde_json::from_str(&read("scenario")).expect("scenario json");
        let oracle: Json = serde_json::from_str(&read("trace")).expect("trace json");
        let trace = run(&scenario, Detail::Counts);
        let diffs = compare(&scen, &oracle, &trace);
        if !diffs.is_empty() {
            failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
        }
    }
    println!(
        "golden: {} passed, {} failed",
        names.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Spark:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
