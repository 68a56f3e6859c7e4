//! A mutable collection is one object however many names it has. On the JVM, `val b = a`
//! with `a` an `ArrayBuffer` makes two names for one buffer, and `def add(b: ArrayBuffer[Int])
//! = b += 1` grows the caller's buffer; the interpreter's values are immutable, so a name's
//! copy would change alone.
//!
//! So a variable that holds a mutable collection (`ArrayBuffer`, `ListBuffer`, `Array`,
//! `mutable.Map`, `mutable.Set`, a mutable map with a default) holds it in a [`SharedRef`]:
//! one cell that every name bound to it shares. Binding a name (`val`, `var`, a parameter)
//! puts a collection in a new cell, or shares the cell it was read from where Scala passes
//! the reference on: `val b = a`, `b = a`, and a bare name given to a program's own function
//! or method (`add(a)`, `Helper.addTo(a, 4)`). Reading a name gives the collection as it is
//! now (a value: everything else in the interpreter sees plain values); an update
//! (`interp`'s `take_var` and `store`) changes the cell, so every name sees it.
//!
//! A task that reads a driver's variable takes its own cell, a copy of the driver's, as
//! Spark's deserialised closure does (see [`SharedRef::task_copy`]).
//!
//! A case class's field holds its buffer in a cell too. So does a mutable map, buffer or
//! array for an element a name was bound to (`val buf = m.getOrElseUpdate(k,
//! ArrayBuffer())`: `interp::element_kept` puts the cell in the map), and code that reads
//! elements sees the cell's collection (`m.values.flatten`).
//!
//! A name's buffer stored in a mutable collection is that buffer too: `m(k) = a`, `arr(i) =
//! a`, `m.put(k, a)`, `m += (k -> a)`, `m.getOrElseUpdate(k, a)`, `bufs += a`, `bufs.append(a)`
//! (`interp`'s `eval_stored`).
//!
//! What stays a value: a collection put in an immutable one (`List(a)`, `(a, 1)`, `Some(a)`) is
//! the collection as it was then, and changes to `a` after do not show there; so is one put in
//! a set (on the JVM, a buffer changed after it went into a hash set is lost in it).

use std::cell::RefCell;
use std::rc::Rc;

use crate::value::{Object, SeqKind, Value};

/// The cell of a mutable collection that names share.
pub struct SharedRef(RefCell<Value>);

impl SharedRef {
    /// The collection now.
    pub fn get(&self) -> Value {
        self.0.borrow().clone()
    }

    /// The collection taken out for an update in place (its contents held once, so
    /// `Rc::make_mut` does not copy); the cell holds `()` until [`SharedRef::put`].
    pub fn take(&self) -> Value {
        self.0.replace(Value::Unit)
    }

    /// The collection's new contents.
    pub fn put(&self, v: Value) {
        *self.0.borrow_mut() = v;
    }
}

impl Object for SharedRef {
    fn class_name(&self) -> String {
        self.get().type_name()
    }
    fn to_string_scala(&self) -> String {
        self.get().to_text()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_value(&self) -> Option<Value> {
        Some(self.get())
    }
    fn task_copy(&self) -> Option<Value> {
        Some(new_cell(own_copy(self.get())))
    }
}

fn new_cell(v: Value) -> Value {
    Value::Obj(Rc::new(SharedRef(RefCell::new(v))))
}

/// `v` as a task deserialises it: the buffers it holds in cells (a map's values, one level
/// down, in their `(key, value)` pairs) copied too.
fn own_copy(v: Value) -> Value {
    let copied = |x: &Value| -> Option<Value> {
        if let Some(c) = cell(x) {
            return Some(new_cell(c.get()));
        }
        match x {
            Value::Tuple(t) if t.iter().any(|y| cell(y).is_some()) => Some(Value::Tuple(
                t.iter()
                    .map(|y| cell(y).map_or_else(|| y.clone(), |c| new_cell(c.get())))
                    .collect(),
            )),
            _ => None,
        }
    };
    match &v {
        Value::Seq(kind, items) if items.iter().any(|x| copied(x).is_some()) => Value::Seq(
            *kind,
            Rc::new(
                items
                    .iter()
                    .map(|x| copied(x).unwrap_or_else(|| x.clone()))
                    .collect(),
            ),
        ),
        _ => v,
    }
}

/// Whether `v` is a collection that Scala updates in place, so names share it.
#[inline]
pub fn is_mutable(v: &Value) -> bool {
    match v {
        Value::Seq(kind, _) => matches!(
            kind,
            SeqKind::ArrayBuffer
                | SeqKind::ListBuffer
                | SeqKind::Array
                | SeqKind::MutableMap(_)
                | SeqKind::MutableSet(_)
        ),
        Value::Obj(o) => o
            .as_any()
            .downcast_ref::<super::with_default::WithDefault>()
            .is_some_and(|w| is_mutable(&w.map)),
        _ => false,
    }
}

/// `v` as a name binds it: a mutable collection in a new cell (a cell given stays itself).
#[inline]
pub fn bind(v: Value) -> Value {
    if is_mutable(&v) {
        new_cell(v)
    } else {
        v
    }
}

/// The cell `v` is, if it is one.
#[inline]
pub fn cell(v: &Value) -> Option<&SharedRef> {
    match v {
        Value::Obj(o) => o.as_any().downcast_ref::<SharedRef>(),
        _ => None,
    }
}

/// `v` read: a cell's collection as it is now; anything else as it is.
#[inline]
pub fn read(v: Value) -> Value {
    match cell(&v) {
        Some(c) => c.get(),
        None => v,
    }
}

/// The values of `args`, cells read (what native code is given).
pub fn read_all(args: &mut [Value]) {
    for a in args.iter_mut() {
        if let Some(c) = cell(a) {
            *a = c.get();
        }
    }
}
