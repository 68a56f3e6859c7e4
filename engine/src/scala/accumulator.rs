//! Spark's accumulators: `sc.longAccumulator(name)`, `doubleAccumulator` and
//! `collectionAccumulator`. A task works on its own copy, reset to zero when the task starts
//! (Spark deserializes a fresh one per task), so `acc.value` inside a task is what that task
//! added; the driver's value is the sum of every finished task's additions. A task that runs
//! again (an RDD computed by two jobs because it was not cached) adds again: accumulators in
//! transformations count work done, not records.

use std::cell::RefCell;

use crate::exec::{Exn, Runtime};
use crate::trace::Scope;
use crate::value::{java_double, Object, SeqKind, Value};

/// The kind of accumulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `LongAccumulator`.
    Long,
    /// `DoubleAccumulator`.
    Double,
    /// `CollectionAccumulator`.
    Collection,
}

/// What an accumulator holds: the sum and count of what was added, or the items.
#[derive(Clone, Debug)]
enum Held {
    Long(i64, i64),
    Double(f64, i64),
    Items(Vec<Value>),
}

/// The methods of an accumulator.
pub const ACCUMULATOR_METHODS: &[&str] = &[
    "add", "value", "sum", "count", "avg", "name", "id", "isZero", "reset",
];

/// An accumulator: the driver's value and the running task's copy (with the task it is for).
pub struct AccumulatorObj {
    id: u32,
    name: Option<String>,
    kind: Kind,
    driver: RefCell<Held>,
    task: RefCell<(u32, Held)>,
}

impl AccumulatorObj {
    /// `sc.<kind>Accumulator(name)`, the `id`-th made by the program.
    pub fn new(id: u32, name: Option<String>, kind: Kind) -> AccumulatorObj {
        AccumulatorObj {
            id,
            name,
            kind,
            driver: RefCell::new(zero(kind)),
            task: RefCell::new((0, zero(kind))),
        }
    }

    /// `acc.name(args)`; `in_task` is the running task's number, `None` on the driver.
    pub fn method(&self, rt: &mut Runtime, name: &str, args: &[Value]) -> Result<Value, Exn> {
        let task = match rt.scope {
            Scope::Task { .. } => Some(rt.interp.task_epoch()),
            _ => None,
        };
        if let Some(t) = task {
            let mut copy = self.task.borrow_mut();
            if copy.0 != t {
                *copy = (t, zero(self.kind));
            }
        }
        let read = || match task {
            Some(_) => self.task.borrow().1.clone(),
            None => self.driver.borrow().clone(),
        };
        Ok(match name {
            "add" => {
                let v = args.first().cloned().unwrap_or(Value::Unit);
                add(&mut self.driver.borrow_mut(), &v)?;
                if task.is_some() {
                    add(&mut self.task.borrow_mut().1, &v)?;
                }
                Value::Unit
            }
            "value" | "sum" => value(&read(), name == "sum"),
            "count" => match read() {
                Held::Long(_, n) | Held::Double(_, n) => Value::Long(n),
                Held::Items(_) => return Err(not_member(name, self.kind)),
            },
            "avg" => match read() {
                Held::Long(s, n) => Value::Double(s as f64 / n as f64),
                Held::Double(s, n) => Value::Double(s / n as f64),
                Held::Items(_) => return Err(not_member(name, self.kind)),
            },
            "isZero" => Value::Bool(match read() {
                Held::Long(s, n) => s == 0 && n == 0,
                Held::Double(s, n) => s == 0.0 && n == 0,
                Held::Items(v) => v.is_empty(),
            }),
            "reset" => {
                match task {
                    Some(_) => self.task.borrow_mut().1 = zero(self.kind),
                    None => *self.driver.borrow_mut() = zero(self.kind),
                }
                Value::Unit
            }
            "name" => Value::option(self.name.as_deref().map(Value::str)),
            "id" => Value::Long(i64::from(self.id)),
            "toString" => Value::str(&self.to_string_scala()),
            _ => return Err(not_member(name, self.kind)),
        })
    }
}

fn zero(kind: Kind) -> Held {
    match kind {
        Kind::Long => Held::Long(0, 0),
        Kind::Double => Held::Double(0.0, 0),
        Kind::Collection => Held::Items(Vec::new()),
    }
}

fn add(held: &mut Held, v: &Value) -> Result<(), Exn> {
    match (held, v) {
        (Held::Long(s, n), Value::Int(i)) => {
            *s = s.wrapping_add(i64::from(*i));
            *n += 1;
        }
        (Held::Long(s, n), Value::Long(l)) => {
            *s = s.wrapping_add(*l);
            *n += 1;
        }
        (Held::Double(s, n), Value::Int(i)) => {
            *s += f64::from(*i);
            *n += 1;
        }
        (Held::Double(s, n), Value::Long(l)) => {
            *s += *l as f64;
            *n += 1;
        }
        (Held::Double(s, n), Value::Double(d)) => {
            *s += d;
            *n += 1;
        }
        (Held::Items(items), v) => items.push(v.clone()),
        (_, v) => {
            return Err(Exn::new(
                "dstream.TypeMismatch",
                format!(
                    "type mismatch: an accumulator of numbers cannot add {}",
                    v.type_name()
                ),
            ))
        }
    }
    Ok(())
}

fn value(held: &Held, sum: bool) -> Value {
    match held {
        Held::Long(s, _) => Value::Long(*s),
        Held::Double(s, _) => Value::Double(*s),
        Held::Items(items) if !sum => {
            Value::Seq(SeqKind::JavaList, std::rc::Rc::new(items.clone()))
        }
        Held::Items(_) => Value::Unit,
    }
}

fn class(kind: Kind) -> &'static str {
    match kind {
        Kind::Long => "LongAccumulator",
        Kind::Double => "DoubleAccumulator",
        Kind::Collection => "CollectionAccumulator",
    }
}

fn not_member(name: &str, kind: Kind) -> Exn {
    super::spark_api::not_member(name, class(kind), ACCUMULATOR_METHODS)
}

impl Object for AccumulatorObj {
    fn class_name(&self) -> String {
        class(self.kind).into()
    }

    /// `AccumulatorV2.toString`. Spark numbers accumulators across the JVM, its own
    /// (task metrics) included, so a real run's ids are in the hundreds; the playground counts
    /// the program's own from 0.
    fn to_string_scala(&self) -> String {
        let name = match &self.name {
            Some(n) => format!("Some({n})"),
            None => "None".into(),
        };
        let v = match &*self.driver.borrow() {
            Held::Long(s, _) => s.to_string(),
            Held::Double(s, _) => java_double(*s),
            Held::Items(items) => {
                Value::Seq(SeqKind::JavaList, std::rc::Rc::new(items.clone())).to_string()
            }
        };
        format!(
            "{}(id: {}, name: {name}, value: {v})",
            class(self.kind),
            self.id
        )
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
