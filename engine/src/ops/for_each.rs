//! `ForEachDStream` (`print`, `foreachRDD`): the output operations. At generation time it only
//! builds the parent's RDD; the job (printing, or the user's function on the driver, whose RDD
//! actions run as jobs of their own) runs afterwards, in registration order.

use std::fmt::Write as _;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind, OutputOp};
use crate::rdd::{self, Rdd};
use crate::scala::interp::{rdd_value, time_value};
use crate::scala::user_class;
use crate::time::Time;
use crate::trace::Scope;
use crate::value::Value;

/// Register an output operation on `parent`.
pub fn new(rt: &mut Runtime, parent: NodeId, op: OutputOp) -> NodeId {
    let slide = rt.graph.nodes[parent].slide;
    let name = match op {
        OutputOp::Print(_) => "print",
        OutputOp::ForeachRdd(_) => "foreachRDD",
    };
    rt.graph.add(
        "ForEachDStream",
        name,
        vec![parent],
        slide,
        NodeKind::ForEach(op),
    )
}

/// A job for time `t`, if the parent has an RDD then.
pub struct Job {
    /// The output stream.
    pub output: NodeId,
    /// The RDD it works on.
    pub rdd: Rc<Rdd>,
    /// What it does.
    pub op: OutputOp,
}

/// `ForEachDStream.generateJob(t)`.
pub fn generate_job(rt: &mut Runtime, id: NodeId, t: Time) -> Result<Option<Job>, Exn> {
    let (parent, op) = {
        let n = &rt.graph.nodes[id];
        let NodeKind::ForEach(op) = &n.kind else {
            return Ok(None);
        };
        (n.parents[0], op.clone())
    };
    Ok(get_or_compute(rt, parent, t)?.map(|rdd| Job {
        output: id,
        rdd,
        op,
    }))
}

/// Run a job: `print(num)` takes `num + 1` elements and prints Spark's block; `foreachRDD`
/// calls the user's function on the driver.
pub fn run_job(rt: &mut Runtime, job: &Job, t: Time) -> Result<(), Exn> {
    match &job.op {
        OutputOp::Print(num) => {
            // `take(num + 1)`: of none (no job) for a negative `num`.
            let first = rdd::take(rt, &job.rdd, (num + 1).max(0) as usize)?;
            let saved = rt.scope;
            rt.scope = Scope::Driver;
            // One allocation for the usual block (records written in place, not each
            // formatted into a string of its own).
            let mut text = String::with_capacity(128 + 24 * first.len());
            text.push_str("-------------------------------------------\n");
            let _ = writeln!(text, "Time: {t}");
            text.push_str("-------------------------------------------\n");
            let mut thrown = None;
            for v in first.iter().take((*num).max(0) as usize) {
                let mut start = text.len();
                v.write_text(&mut text);
                // A `toString` of the program's prints before its element's line; one that
                // throws ends the block there (Spark prints line by line).
                if let Some(out) = user_class::take_output() {
                    text.insert_str(start, &out);
                    start += out.len();
                }
                if let Some(e) = user_class::take_exception() {
                    text.truncate(start);
                    thrown = Some(e);
                    break;
                }
                text.push('\n');
            }
            if thrown.is_none() {
                if first.len() as i64 > *num {
                    text.push_str("...\n");
                }
                text.push('\n');
            }
            let span = rt.cur_span.take();
            rt.print(&text);
            rt.cur_span = span;
            rt.scope = saved;
            thrown.map_or(Ok(()), Err)
        }
        OutputOp::ForeachRdd(f) => {
            let mut args = vec![rdd_value(job.rdd.clone())];
            if f.arity() == Some(2) {
                args.push(time_value(t));
            }
            let saved = rt.scope;
            rt.scope = Scope::Driver;
            let r = rt.call_user("foreachFunc", Some(&Value::str("driver")), f, &args);
            rt.scope = saved;
            r.map(|_| ())
        }
    }
}
