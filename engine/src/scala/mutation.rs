//! In-place updates of mutable sequences: an `ArrayBuffer`'s (or `ListBuffer`'s) `+=`, `++=`, `-=`, `append`,
//! `prepend`, `insert`, `remove`, `clear`, `update`, `sortInPlace`, `trimEnd`, `dropInPlace`
//! and kin, and `buf(i) = x` / `arr(i) = x` on a buffer or an `Array`; those that run a
//! function (`filterInPlace`, `mapInPlace`, `sortInPlaceBy`...) the interpreter runs as their
//! collection method ([`BUFFER_FN_UPDATES`]).
//!
//! Values here are immutable, so the interpreter takes the sequence out of the variable that
//! holds it (a `val` too: the update is the sequence's own, not a reassignment), changes its
//! contents in place (`Rc::make_mut`: a copy only when another value shares them), and binds
//! it back (`interp::update_held`). A task updates its own copy of a driver variable (see
//! `interp::assign`), which is what Spark's serialized closures do: the classic
//! `val seen = ArrayBuffer[String](); rdd.foreach(seen += _)` leaves the driver's buffer
//! empty. Two names for one buffer (`val b = a`, a parameter, a field) hold one shared cell,
//! so they see each other's updates (see `shared_ref`).

use crate::exec::Exn;
use crate::value::{SeqKind, Value};

/// The updating methods of an `ArrayBuffer` (Scala 2.13).
pub const BUFFER_UPDATES: &[&str] = &[
    "+=",
    "++=",
    "-=",
    "--=",
    "append",
    "appendAll",
    "addOne",
    "addAll",
    "prepend",
    "prependAll",
    "+=:",
    "insert",
    "insertAll",
    "remove",
    "clear",
    "update",
    "subtractOne",
    "sortInPlace",
    "trimEnd",
    "trimStart",
    "dropInPlace",
    "dropRightInPlace",
    "takeInPlace",
    "takeRightInPlace",
    "sliceInPlace",
    "padToInPlace",
];

/// The in-place updates that run a function: each is its collection method's result put in
/// place of the contents (`filterInPlace(p)`: `filter(p)`), by the interpreter, which can
/// call functions ([`super::interp`]'s buffer updates).
pub const BUFFER_FN_UPDATES: &[(&str, &str)] = &[
    ("filterInPlace", "filter"),
    ("mapInPlace", "map"),
    ("flatMapInPlace", "flatMap"),
    ("sortInPlaceWith", "sortWith"),
    ("sortInPlaceBy", "sortBy"),
    ("dropWhileInPlace", "dropWhile"),
    ("takeWhileInPlace", "takeWhile"),
];

/// What an update returns, beside changing the buffer.
pub enum Returns {
    /// `()`: `append`, `insert`, `clear`, `update`.
    Unit,
    /// A value: `remove(i)`'s element.
    Value(Value),
    /// The buffer itself: `+=` and kin.
    Itself,
}

/// `buf.name(args)` for an `ArrayBuffer`'s updating method, on its contents in place;
/// `None` when `name` is not one. An update that fails leaves the contents as they were.
pub fn buffer_update(
    items: &mut Vec<Value>,
    name: &str,
    args: &[Value],
) -> Option<Result<Returns, Exn>> {
    if !BUFFER_UPDATES.contains(&name) {
        return None;
    }
    Some(update(items, name, args))
}

fn update(out: &mut Vec<Value>, name: &str, args: &[Value]) -> Result<Returns, Exn> {
    let arg = |i: usize| {
        args.get(i)
            .cloned()
            .ok_or_else(|| Exn::unsupported(format!("{name}: missing argument")))
    };
    let elems = |v: Value| elements(name, v);
    // Scala's `checkWithinBounds(lo, lo + count)`: the index of an update or removal
    // (`count` 1), or of an insertion (`count` 0, so the end is allowed).
    let index = |v: Value, len: usize, count: i64| -> Result<usize, Exn> {
        let Value::Int(lo) = v else {
            return Err(Exn::unsupported(format!(
                "type mismatch: found {}, required Int",
                v.type_name()
            )));
        };
        let hi = i64::from(lo) + count;
        if lo < 0 {
            Err(out_of_bounds(i64::from(lo), len))
        } else if hi > len as i64 {
            Err(out_of_bounds(hi - 1, len))
        } else {
            Ok(lo as usize)
        }
    };
    let mut result = Returns::Unit;
    match name {
        "+=" | "append" | "addOne" => out.extend(args.iter().cloned()),
        "++=" | "appendAll" | "addAll" => out.extend(elems(arg(0)?)?),
        "prepend" | "+=:" => out.insert(0, arg(0)?),
        "prependAll" => {
            let mut front = elems(arg(0)?)?;
            front.append(out);
            *out = front;
        }
        "-=" | "subtractOne" => {
            let x = arg(0)?;
            if let Some(i) = out.iter().position(|y| y.scala_eq(&x)) {
                out.remove(i);
            }
        }
        "--=" => {
            for x in elems(arg(0)?)? {
                if let Some(i) = out.iter().position(|y| y.scala_eq(&x)) {
                    out.remove(i);
                }
            }
        }
        "insert" => {
            let i = index(arg(0)?, out.len(), 0)?;
            out.insert(i, arg(1)?);
        }
        "insertAll" => {
            let i = index(arg(0)?, out.len(), 0)?;
            let more = elems(arg(1)?)?;
            out.splice(i..i, more);
        }
        "remove" => match args.get(1) {
            Some(Value::Int(n)) if *n < 0 => {
                return Err(Exn::new(
                    "java.lang.IllegalArgumentException",
                    format!("removing negative number of elements: {n}"),
                ))
            }
            Some(Value::Int(n)) => {
                let i = index(arg(0)?, out.len(), i64::from(*n))?;
                out.drain(i..i + *n as usize);
            }
            _ => {
                let i = index(arg(0)?, out.len(), 1)?;
                result = Returns::Value(out.remove(i));
            }
        },
        "clear" => out.clear(),
        // Scala's `normalized(n)`: `n` within `0..=length`.
        "trimEnd" | "dropRightInPlace" | "trimStart" | "dropInPlace" | "takeInPlace"
        | "takeRightInPlace" => {
            let n = count(arg(0)?, out.len())?;
            let len = out.len();
            match name {
                "trimEnd" | "dropRightInPlace" => out.truncate(len - n),
                "trimStart" | "dropInPlace" => drop(out.drain(..n)),
                "takeInPlace" => out.truncate(n),
                _ => drop(out.drain(..len - n)),
            }
        }
        "sliceInPlace" => {
            let end = count(arg(1)?, out.len())?;
            out.truncate(end);
            let start = count(arg(0)?, out.len())?;
            out.drain(..start);
        }
        "padToInPlace" => {
            let n = count(arg(0)?, usize::MAX)?;
            Exn::check_size(n, name)?;
            let x = arg(1)?;
            while out.len() < n {
                out.push(x.clone());
            }
        }
        // `sortInPlace()`: the natural ordering, stable (`java.util.Arrays.sort` of objects).
        "sortInPlace" => {
            let mut err = None;
            let mut sorted = out.clone();
            crate::sort::sort_by(&mut sorted, |a, b| {
                crate::ordering::compare(a, b).unwrap_or_else(|e| {
                    err.get_or_insert(e);
                    std::cmp::Ordering::Equal
                })
            });
            if let Some(e) = err {
                return Err(e);
            }
            *out = sorted;
        }
        "update" => {
            let i = index(arg(0)?, out.len(), 1)?;
            out[i] = arg(1)?;
        }
        _ => return Err(Exn::unsupported(format!("{name} on an ArrayBuffer"))),
    }
    // `+=` and kin return the buffer; `append`, `insert`, `clear`, `update` return `()`.
    if matches!(
        name,
        "+=" | "++="
            | "-="
            | "--="
            | "addOne"
            | "addAll"
            | "prepend"
            | "prependAll"
            | "+=:"
            | "subtractOne"
            | "sortInPlace"
            | "dropInPlace"
            | "dropRightInPlace"
            | "takeInPlace"
            | "takeRightInPlace"
            | "sliceInPlace"
            | "padToInPlace"
    ) {
        result = Returns::Itself;
    }
    Ok(result)
}

/// An `Int` argument `v` within `0..=max`.
fn count(v: Value, max: usize) -> Result<usize, Exn> {
    match v {
        Value::Int(n) => Ok((n.max(0) as usize).min(max)),
        other => Err(Exn::unsupported(format!(
            "type mismatch: found {}, required Int",
            other.type_name()
        ))),
    }
}

/// The elements an updating method `name` takes from its collection argument (`buf ++= xs`,
/// `m ++= pairs`): a sequence's items, an option's value.
pub fn elements(name: &str, v: Value) -> Result<Vec<Value>, Exn> {
    match v {
        Value::Seq(_, xs) => Ok(xs.to_vec()),
        Value::Some(x) => Ok(vec![(*x).clone()]),
        Value::None => Ok(Vec::new()),
        other => Err(Exn::unsupported(format!(
            "{name} takes a collection, not {}",
            other.type_name()
        ))),
    }
}

/// `ArrayBuffer`'s index error.
fn out_of_bounds(i: i64, len: usize) -> Exn {
    Exn::new(
        "java.lang.IndexOutOfBoundsException",
        format!("{i} is out of bounds (min 0, max {})", len as i64 - 1),
    )
}

/// `xs(i) = v` on an `Array` or `ArrayBuffer`, in place.
pub fn set_element(kind: SeqKind, items: &mut [Value], i: &Value, v: Value) -> Result<(), Exn> {
    let len = items.len();
    match i {
        Value::Int(i) if *i >= 0 && (*i as usize) < len => {
            items[*i as usize] = v;
            Ok(())
        }
        Value::Int(i) if kind == SeqKind::Array => Err(Exn::new(
            "java.lang.ArrayIndexOutOfBoundsException",
            format!("Index {i} out of bounds for length {len}"),
        )),
        Value::Int(i) => Err(out_of_bounds(i64::from(*i), len)),
        other => Err(Exn::unsupported(format!(
            "type mismatch: found {}, required Int",
            other.type_name()
        ))),
    }
}
