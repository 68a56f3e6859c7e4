//! `saveAsTextFiles(prefix, suffix)` and `saveAsObjectFiles`, DStream output operations, and
//! `rdd.saveAsTextFile(path)` / `saveAsObjectFile(path)`, which they call once per batch.
//!
//! Spark's `DStream.saveAsTextFiles` is a `foreachRDD` whose function saves each batch's RDD
//! into the directory `prefix-<time ms>[.suffix]`. `RDD.saveAsTextFile` makes one
//! `MapPartitionsRDD` (each record's `toString`; a `null` fails the task with "text files do
//! not allow null rows") and runs one job writing `part-00000`, `part-00001`, ... (one file per
//! partition, empty ones too), then `_SUCCESS`; `saveAsObjectFile` makes two RDDs (records in
//! arrays of ten, then serialized). Spark prints nothing: the files are the output. The
//! playground has no disk, so the batch's trace lists what was written ([`SavedDir`]) and the
//! console shows it apart from stdout. Inside a streaming job Spark does not check whether the
//! directory exists (`PairRDDFunctions.disableOutputSpecValidation`, so a batch re-run after
//! recovery can write again): saving every batch to one fixed path replaces the part files,
//! with no error (asked of Spark 4.3.0).

use std::rc::Rc;

use crate::exec::Func;
use crate::exec::{Exn, Runtime};
use crate::graph::{NodeId, OutputOp};
use crate::rdd::{self, Narrow, Rdd};
use crate::scala::interp::as_rdd;
use crate::time::Time;
use crate::trace::SavedDir;
use crate::value::Value;

/// Registers `stream.saveAsTextFiles(prefix, suffix)` (`objects`: `saveAsObjectFiles`).
pub fn new(
    rt: &mut Runtime,
    parent: NodeId,
    prefix: String,
    suffix: String,
    objects: bool,
) -> NodeId {
    let f = Func::native("spark.saveAsFiles", move |rt, a: &[Value]| {
        let r = as_rdd(&a[0]).ok_or_else(|| Exn::unsupported("saveAsTextFiles"))?;
        let dir = file_name(&prefix, &suffix, rt.now.unwrap_or(Time(0)));
        save(rt, &r, dir, objects)?;
        Ok(Value::Unit)
    });
    let out = super::for_each::new(rt, parent, OutputOp::ForeachRdd(f));
    rt.graph.nodes[out].op = if objects {
        "saveAsObjectFiles"
    } else {
        "saveAsTextFiles"
    }
    .into();
    out
}

/// `DStream.rddToFileName`: `prefix-<ms>`, then `.suffix` unless it is empty.
pub fn file_name(prefix: &str, suffix: &str, t: Time) -> String {
    if suffix.is_empty() {
        format!("{prefix}-{}", t.0)
    } else {
        format!("{prefix}-{}.{suffix}", t.0)
    }
}

/// `rdd.saveAsTextFile(dir)` (`objects`: `saveAsObjectFile`): the RDDs Spark makes, one job,
/// and the files it writes, recorded in the trace.
pub fn save(rt: &mut Runtime, r: &Rc<Rdd>, dir: String, objects: bool) -> Result<(), Exn> {
    let out = if objects {
        // `mapPartitions(_.grouped(10).map(_.toArray))`, then `map` to serialized bytes.
        let grouped = r.narrow(
            rt,
            Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
                Ok(recs
                    .chunks(10)
                    .map(|c| Value::Seq(crate::value::SeqKind::Array, Rc::new(c.to_vec())))
                    .collect())
            })),
        );
        grouped.narrow(
            rt,
            Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs| Ok(recs))),
        )
    } else {
        r.narrow(
            rt,
            Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
                recs.into_iter()
                    .map(|v| match v {
                        Value::Null => Err(Exn::new(
                            "java.lang.IllegalArgumentException",
                            "requirement failed: text files do not allow null rows",
                        )),
                        v => Ok(Value::str(&v.to_text())),
                    })
                    .collect()
            })),
        )
    };
    let parts: Vec<usize> = (0..out.num_partitions()).collect();
    let files = rdd::run_job(rt, &out, &parts, |rt, it| {
        let recs = rdd::drain(rt, it)?;
        Ok(if objects {
            // A sequence file of serialized arrays: what a learner can read is how many
            // records each holds.
            recs.iter()
                .map(|a| match a {
                    Value::Seq(_, xs) => format!("<{} serialized record(s)>", xs.len()),
                    _ => String::new(),
                })
                .collect()
        } else {
            recs.iter().map(Value::to_text).collect::<Vec<String>>()
        })
    })?;
    let saved = SavedDir {
        dir,
        objects,
        parts: files,
    };
    match rt.now {
        Some(_) => rt.cur.files.push(saved),
        None => rt.files_before.push(saved),
    }
    Ok(())
}
