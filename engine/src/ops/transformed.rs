//! `TransformedDStream` (`transform`, `transformWith`, `ssc.transform`): the user's function
//! runs **on the driver, at generation time**, once per batch, with the parents' RDDs (and
//! optionally the time). RDD actions inside it run right away as jobs of their own.

use std::rc::Rc;

use crate::exec::{Exn, Func, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind};
use crate::rdd::Rdd;
use crate::scala::interp::rdd_value;
use crate::time::Time;
use crate::trace::Scope;
use crate::value::Value;

/// The function a transform applies.
pub enum Transform {
    /// The user's function.
    User(Func),
    /// A Spark-internal one.
    Native(crate::graph::TransformFn),
}

/// `transform(f)` over `parents`, which must share one slide.
pub fn new(rt: &mut Runtime, parents: Vec<NodeId>, f: Func, op: &str) -> Result<NodeId, Exn> {
    let slide = rt.graph.one_slide(&parents, "list")?;
    Ok(rt.graph.add(
        "TransformedDStream",
        op,
        parents,
        slide,
        NodeKind::Transformed(f),
    ))
}

/// Run the function on the parents' RDDs at `t`.
pub fn compute(
    rt: &mut Runtime,
    parents: &[NodeId],
    f: Transform,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let mut rdds = Vec::new();
    for &p in parents {
        match get_or_compute(rt, p, t)? {
            Some(r) => rdds.push(r),
            None => {
                return Err(Exn::spark(format!(
                    "Couldn't generate RDD from parent at time {t}"
                )))
            }
        }
    }
    match f {
        Transform::Native(f) => f(rt, rdds, t).map(Some),
        Transform::User(f) => {
            let mut args: Vec<Value> = rdds.into_iter().map(rdd_value).collect();
            // A Scala function gets the time when it declares the extra parameter; a native
            // one (Spark's own `ssc.transform` wrapper, the typed API) always gets it.
            if f.arity().is_none_or(|a| a == args.len() + 1) {
                args.push(crate::scala::interp::time_value(t));
            }
            let saved = rt.scope;
            rt.scope = Scope::Driver;
            let out = rt.call_user("transformFunc", Some(&Value::str("driver")), &f, &args);
            rt.scope = saved;
            match out? {
                Value::Null => Err(Exn::spark(
                    "Transform function must not return null. Return SparkContext.emptyRDD() instead to represent no element as the result of transformation.",
                )),
                v => match crate::scala::interp::as_rdd(&v) {
                    Some(r) => Ok(Some(r)),
                    None => Err(Exn::new(
                        "java.lang.ClassCastException",
                        format!("{} cannot be cast to org.apache.spark.rdd.RDD (transform must return an RDD)", v.type_name()),
                    )),
                },
            }
        }
    }
}
