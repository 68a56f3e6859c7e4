//! More of Scala 2.13's sequence methods, beside `builtins::seq_method`'s: `foldRight`,
//! `scanLeft`, `product`, `span`, `splitAt`, `unzip`, `flatten`, `collectFirst`,
//! `groupMapReduce`, `distinctBy`, `indices`, `takeRight`, `dropRight`, `reduceRight`,
//! `lastOption`, `updated`, `permutations`, `combinations`, `indexWhere`, `lastIndexOf`,
//! `reverseIterator`, `tails`, `inits`, `padTo`, `patch`, `sameElements`, `findLast`,
//! `lengthCompare`, `containsSlice`, `indexOfSlice`, `prependedAll`, `zipAll`, `tapEach`,
//! `isDefinedAt`, `unzip3`, `corresponds`, `partitionMap`, `segmentLength`, `applyOrElse`.
//! Each gives what Scala
//! gives, in the same kind of collection (a `Range`'s results are a `Vector`, as
//! `builtins::out_kind` has it), its exceptions word for word (oracle fixture `misc_seq`).

use std::rc::Rc;

use super::ast::BinOp;
use super::builtins::{arg, func_arg, int_arg};
use super::interp::{binary, is_defined_at, iterate};
use crate::exec::{Exn, Runtime};
use crate::value::{SeqKind, Value};

/// The methods of this file.
pub const METHODS: &[&str] = &[
    "foldRight",
    "scanLeft",
    "scanRight",
    "product",
    "span",
    "splitAt",
    "unzip",
    "flatten",
    "collectFirst",
    "groupMapReduce",
    "groupMap",
    "distinctBy",
    "indices",
    "takeRight",
    "dropRight",
    "reduceRight",
    "lastOption",
    "updated",
    "permutations",
    "combinations",
    "indexWhere",
    "lastIndexWhere",
    "lastIndexOf",
    "reverseIterator",
    "tails",
    "inits",
    "padTo",
    "patch",
    "sameElements",
    "findLast",
    "lengthCompare",
    "containsSlice",
    "indexOfSlice",
    "prependedAll",
    "zipAll",
    "tapEach",
    "isDefinedAt",
    "unzip3",
    "corresponds",
    "partitionMap",
    "segmentLength",
    "applyOrElse",
];

/// `xs.name(args)`, `name` one of [`METHODS`]; results of the same kind are of kind `out`.
pub fn method(
    rt: &mut Runtime,
    out: SeqKind,
    items: &[Value],
    name: &str,
    args: &[Value],
) -> Result<Value, Exn> {
    let mk = |v: Vec<Value>| Value::Seq(out, Rc::new(v));
    Ok(match name {
        "foldRight" => {
            let f = func_arg(args, 1, name)?;
            let mut acc = arg(args, 0, name)?;
            for v in items.iter().rev() {
                acc = rt.call(&f, &[v.clone(), acc])?;
            }
            acc
        }
        "scanLeft" => {
            let f = func_arg(args, 1, name)?;
            let mut acc = arg(args, 0, name)?;
            let mut all = Vec::with_capacity(items.len() + 1);
            all.push(acc.clone());
            for v in items.iter() {
                acc = rt.call(&f, &[acc, v.clone()])?;
                all.push(acc.clone());
            }
            mk(all)
        }
        "scanRight" => {
            // The values from the right, `z` last.
            let f = func_arg(args, 1, name)?;
            let mut acc = arg(args, 0, name)?;
            let mut all = Vec::with_capacity(items.len() + 1);
            all.push(acc.clone());
            for v in items.iter().rev() {
                acc = rt.call(&f, &[v.clone(), acc])?;
                all.push(acc.clone());
            }
            all.reverse();
            mk(all)
        }
        "product" => {
            let mut acc = Value::Int(1);
            for v in items.iter() {
                acc = binary(rt, BinOp::Mul, acc, v.clone())?;
            }
            acc
        }
        "span" => {
            let f = func_arg(args, 0, name)?;
            let mut at = items.len();
            for (i, v) in items.iter().enumerate() {
                if rt.call(&f, std::slice::from_ref(v))?.as_bool() != Some(true) {
                    at = i;
                    break;
                }
            }
            Value::pair(mk(items[..at].to_vec()), mk(items[at..].to_vec()))
        }
        "splitAt" => {
            let at = int_arg(args, 0, name)?.clamp(0, items.len() as i64) as usize;
            Value::pair(mk(items[..at].to_vec()), mk(items[at..].to_vec()))
        }
        "unzip" => {
            let mut left = Vec::with_capacity(items.len());
            let mut right = Vec::with_capacity(items.len());
            for v in items.iter() {
                let Some((a, b)) = v.as_pair() else {
                    return Err(Exn::unsupported("unzip needs pairs"));
                };
                left.push(a.clone());
                right.push(b.clone());
            }
            Value::pair(mk(left), mk(right))
        }
        "sameElements" => {
            let other = iterate(rt, &arg(args, 0, name)?)?;
            Value::Bool(
                other.len() == items.len() && items.iter().zip(&other).all(|(a, b)| a.scala_eq(b)),
            )
        }
        "findLast" => {
            let f = func_arg(args, 0, name)?;
            let mut found = None;
            for v in items.iter().rev() {
                if rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true) {
                    found = Some(v.clone());
                    break;
                }
            }
            Value::option(found)
        }
        "lengthCompare" => Value::Int(match (items.len() as i64).cmp(&int_arg(args, 0, name)?) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        }),
        "containsSlice" | "indexOfSlice" => {
            let slice = iterate(rt, &arg(args, 0, name)?)?;
            let at = (0..=items.len().saturating_sub(slice.len()))
                .filter(|_| slice.len() <= items.len())
                .find(|&i| slice.iter().zip(&items[i..]).all(|(a, b)| a.scala_eq(b)));
            match name {
                "containsSlice" => Value::Bool(at.is_some()),
                _ => Value::Int(at.map_or(-1, |i| i as i32)),
            }
        }
        "prependedAll" => {
            let mut all = iterate(rt, &arg(args, 0, name)?)?;
            all.extend(items.iter().cloned());
            mk(all)
        }
        "zipAll" => {
            // Pairs to the longer side's end, each side's filler where it has run out.
            let other = iterate(rt, &arg(args, 0, name)?)?;
            let (this_fill, that_fill) = (arg(args, 1, name)?, arg(args, 2, name)?);
            let n = items.len().max(other.len());
            mk((0..n)
                .map(|i| {
                    let a = items.get(i).cloned().unwrap_or_else(|| this_fill.clone());
                    let b = other.get(i).cloned().unwrap_or_else(|| that_fill.clone());
                    Value::pair(a, b)
                })
                .collect())
        }
        "tapEach" => {
            let f = func_arg(args, 0, name)?;
            for v in items.iter() {
                rt.call(&f, std::slice::from_ref(v))?;
            }
            mk(items.to_vec())
        }
        "isDefinedAt" => {
            let i = int_arg(args, 0, name)?;
            Value::Bool(usize::try_from(i).is_ok_and(|i| i < items.len()))
        }
        "corresponds" => {
            // Scala's loop: the predicate on each pair while both sides last, then whether
            // both ran out together (`List(1, 2).corresponds(List(1))(p)` calls `p` once).
            let other = iterate(rt, &arg(args, 0, name)?)?;
            let p = func_arg(args, 1, name)?;
            for (a, b) in items.iter().zip(&other) {
                if rt.call(&p, &[a.clone(), b.clone()])?.as_bool() != Some(true) {
                    return Ok(Value::Bool(false));
                }
            }
            Value::Bool(items.len() == other.len())
        }
        "partitionMap" => {
            // The `Left`s' values, then the `Right`s'.
            let f = func_arg(args, 0, name)?;
            let (mut lefts, mut rights) = (Vec::new(), Vec::new());
            for v in items.iter() {
                let e = rt.call(&f, std::slice::from_ref(v))?;
                let side = e
                    .obj::<super::case_class::CaseObj>()
                    .filter(|o| super::either::is_either(rt, o))
                    .map(|o| {
                        let value = super::shared_ref::read(o.fields[0].clone());
                        (&*o.class.name == "Left", value)
                    });
                match side {
                    Some((true, x)) => lefts.push(x),
                    Some((false, x)) => rights.push(x),
                    None => return Err(Exn::unsupported("partitionMap needs Left or Right")),
                }
            }
            Value::pair(mk(lefts), mk(rights))
        }
        "segmentLength" => {
            // How many from `from` (0; a negative one is 0) in a row satisfy `p`.
            let p = func_arg(args, 0, name)?;
            let from = match args.get(1) {
                Some(_) => int_arg(args, 1, name)?.clamp(0, items.len() as i64) as usize,
                None => 0,
            };
            let mut n = 0;
            for v in &items[from..] {
                if rt.call(&p, std::slice::from_ref(v))?.as_bool() != Some(true) {
                    break;
                }
                n += 1;
            }
            Value::Int(n)
        }
        "applyOrElse" => {
            // The element at an index inside, else the default function of the index.
            let i = arg(args, 0, name)?;
            let at = int_arg(args, 0, name)?;
            match usize::try_from(at).ok().and_then(|at| items.get(at)) {
                Some(v) => v.clone(),
                None => rt.call(&func_arg(args, 1, name)?, &[i])?,
            }
        }
        "unzip3" => {
            let mut sides: [Vec<Value>; 3] = Default::default();
            for v in items.iter() {
                match v {
                    Value::Tuple(t) if t.len() == 3 => {
                        for (side, x) in sides.iter_mut().zip(t.iter()) {
                            side.push(x.clone());
                        }
                    }
                    _ => return Err(Exn::unsupported("unzip3 needs triples")),
                }
            }
            let [a, b, c] = sides;
            Value::Tuple(Rc::from([mk(a), mk(b), mk(c)]))
        }
        "flatten" => {
            let mut all = Vec::new();
            for v in items.iter() {
                all.extend(iterate(rt, v)?);
            }
            mk(all)
        }
        "collectFirst" => {
            let f = func_arg(args, 0, name)?;
            for v in items.iter() {
                if is_defined_at(rt, &f, v)? {
                    return Ok(Value::option(Some(rt.call(&f, std::slice::from_ref(v))?)));
                }
            }
            Value::None
        }
        "groupMapReduce" | "groupMap" => {
            // Each key's values, in the order met (`groupMap`), or reduced as they come.
            let (key, f) = (func_arg(args, 0, name)?, func_arg(args, 1, name)?);
            let reduce = match name {
                "groupMapReduce" => Some(func_arg(args, 2, name)?),
                _ => None,
            };
            let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
            for v in items.iter() {
                let k = rt.call(&key, std::slice::from_ref(v))?;
                let x = rt.call(&f, std::slice::from_ref(v))?;
                match (groups.iter().position(|(g, _)| g.scala_eq(&k)), &reduce) {
                    (Some(i), Some(r)) => {
                        let acc = groups[i].1.pop().unwrap_or(Value::Unit);
                        groups[i].1.push(rt.call(r, &[acc, x])?);
                    }
                    (Some(i), None) => groups[i].1.push(x),
                    (None, _) => groups.push((k, vec![x])),
                }
            }
            let pairs = groups.into_iter().map(|(k, mut xs)| {
                let v = match reduce {
                    Some(_) => xs.pop().unwrap_or(Value::Unit),
                    None => mk(xs),
                };
                Value::pair(k, v)
            });
            super::collections::from_mutable_map(pairs.collect())?
        }
        "distinctBy" => {
            let f = func_arg(args, 0, name)?;
            let mut seen: Vec<Value> = Vec::new();
            let mut keep = Vec::new();
            for v in items.iter() {
                let k = rt.call(&f, std::slice::from_ref(v))?;
                if !seen.iter().any(|s| s.scala_eq(&k)) {
                    seen.push(k);
                    keep.push(v.clone());
                }
            }
            mk(keep)
        }
        "indices" => super::builtins::range(0, items.len() as i64, 1, true)?,
        "takeRight" | "dropRight" => {
            let n = int_arg(args, 0, name)?.clamp(0, items.len() as i64) as usize;
            let at = items.len() - n;
            mk(if name == "takeRight" {
                &items[at..]
            } else {
                &items[..at]
            }
            .to_vec())
        }
        "reduceRight" => {
            let f = func_arg(args, 0, name)?;
            let mut it = items.iter().rev();
            let mut acc = it.next().cloned().ok_or_else(|| {
                Exn::new(
                    "java.lang.UnsupportedOperationException",
                    "empty.reduceRight",
                )
            })?;
            for v in it {
                acc = rt.call(&f, &[v.clone(), acc])?;
            }
            acc
        }
        "lastOption" => Value::option(items.last().cloned()),
        // `xs.padTo(n, x)`: `xs`, then `x` up to `n` elements.
        "padTo" => {
            let n = int_arg(args, 0, name)?.max(0) as usize;
            crate::exec::Exn::check_size(n, name)?;
            let x = arg(args, 1, name)?;
            let mut v = items.to_vec();
            v.resize(v.len().max(n), x);
            mk(v)
        }
        // `xs.patch(from, other, replaced)`: `replaced` elements from `from` (clamped to the
        // sequence) give way to `other`'s.
        "patch" => {
            let from = int_arg(args, 0, name)?.clamp(0, items.len() as i64) as usize;
            let other = iterate(rt, &arg(args, 1, name)?)?;
            let replaced = int_arg(args, 2, name)?.max(0) as usize;
            let mut v = items[..from].to_vec();
            v.extend(other);
            v.extend(items[(from + replaced).min(items.len())..].iter().cloned());
            mk(v)
        }
        "updated" => {
            let i = int_arg(args, 0, name)?;
            if i < 0 || i >= items.len() as i64 {
                return Err(Exn::new(
                    "java.lang.IndexOutOfBoundsException",
                    format!(
                        "{i} is out of bounds (min 0, max {})",
                        items.len() as i64 - 1
                    ),
                ));
            }
            let mut v = items.to_vec();
            v[i as usize] = arg(args, 1, name)?;
            mk(v)
        }
        "indexWhere" | "lastIndexWhere" | "lastIndexOf" => {
            // The first (last) index from `from` (up to `end`) where `p` holds or `x` is; -1.
            let last = name != "indexWhere";
            let n = items.len() as i64;
            let bound = match args.get(1) {
                Some(_) => int_arg(args, 1, name)?,
                None if last => n - 1,
                None => 0,
            };
            let test = |rt: &mut Runtime, v: &Value| -> Result<bool, Exn> {
                if name == "lastIndexOf" {
                    Ok(v.scala_eq(&arg(args, 0, name)?))
                } else {
                    let f = func_arg(args, 0, name)?;
                    Ok(rt.call(&f, std::slice::from_ref(v))?.as_bool() == Some(true))
                }
            };
            let order: Vec<i64> = if last {
                (0..=bound.min(n - 1)).rev().collect()
            } else {
                (bound.max(0)..n).collect()
            };
            for i in order {
                if test(rt, &items[i as usize])? {
                    return Ok(Value::Int(i as i32));
                }
            }
            Value::Int(-1)
        }
        "reverseIterator" => {
            let rev: Vec<Value> = items.iter().rev().cloned().collect();
            super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(rev)))
        }
        // `List(1, 2).tails`: `List(1, 2)`, `List(2)`, `List()`; `inits` from the other end.
        "tails" | "inits" => {
            let all: Vec<Value> = (0..=items.len())
                .map(|i| match name {
                    "tails" => mk(items[i..].to_vec()),
                    _ => mk(items[..items.len() - i].to_vec()),
                })
                .collect();
            super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(all)))
        }
        "permutations" | "combinations" => {
            let picks = if name == "permutations" {
                permutations(rt, items)?
            } else {
                combinations(rt, items, int_arg(args, 0, name)?)?
            };
            let all: Vec<Value> = picks.into_iter().map(mk).collect();
            super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(all)))
        }
        _ => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of a Seq"
            )))
        }
    })
}

/// What `permutations` and `combinations` work on: the distinct elements in the order of
/// their first occurrence, and every element as the number of its group, sorted (Scala's
/// `init()`: equal elements together, groups in that order).
fn grouped(items: &[Value]) -> (Vec<Value>, Vec<usize>) {
    let mut firsts: Vec<Value> = Vec::new();
    let mut groups = Vec::with_capacity(items.len());
    for v in items {
        match firsts.iter().position(|f| f == v) {
            Some(g) => groups.push(g),
            None => {
                groups.push(firsts.len());
                firsts.push(v.clone());
            }
        }
    }
    groups.sort_unstable();
    (firsts, groups)
}

/// Scala's `permutations`: the distinct orders, lexicographic in the group numbers
/// (`List(3, 1, 2)` starts with itself; `List(1, 1, 2)` gives three).
/// Each one made costs the run's work budget, so a long list's stops the run with the
/// playground's message instead of filling the memory.
pub fn permutations(rt: &mut Runtime, items: &[Value]) -> Result<Vec<Vec<Value>>, Exn> {
    let (firsts, mut idx) = grouped(items);
    let of = |idx: &[usize]| idx.iter().map(|&g| firsts[g].clone()).collect::<Vec<_>>();
    let mut out = vec![of(&idx)];
    // The next permutation in lexicographic order, until the last.
    let mut held = idx.len() as u64;
    while let Some(i) = (1..idx.len()).rev().find(|&i| idx[i - 1] < idx[i]) {
        rt.burn(idx.len() as u64)?;
        held += idx.len() as u64;
        if held > crate::exec::MAX_ELEMENTS {
            return Err(Exn::too_large("permutations"));
        }
        let j = (i..idx.len())
            .rev()
            .find(|&j| idx[j] > idx[i - 1])
            .unwrap_or(i);
        idx.swap(i - 1, j);
        idx[i..].reverse();
        out.push(of(&idx));
    }
    Ok(out)
}

/// Scala's `combinations(n)`: the distinct picks of `n` elements, each in the grouped order,
/// lexicographic in the group numbers (more of an earlier group first); none when `n` is
/// negative or more than there are.
pub fn combinations(rt: &mut Runtime, items: &[Value], n: i64) -> Result<Vec<Vec<Value>>, Exn> {
    let (firsts, idx) = grouped(items);
    if n < 0 || n as usize > idx.len() {
        return Ok(Vec::new());
    }
    let mut counts = vec![0usize; firsts.len()];
    for &g in &idx {
        counts[g] += 1;
    }
    fn pick(
        rt: &mut Runtime,
        g: usize,
        left: usize,
        counts: &[usize],
        cur: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) -> Result<(), Exn> {
        rt.burn(1)?;
        if left == 0 {
            if ((out.len() + 1) * cur.len()) as u64 > crate::exec::MAX_ELEMENTS {
                return Err(Exn::too_large("combinations"));
            }
            out.push(cur.clone());
            return Ok(());
        }
        if g == counts.len() {
            return Ok(());
        }
        for c in (0..=counts[g].min(left)).rev() {
            cur.extend(std::iter::repeat_n(g, c));
            pick(rt, g + 1, left - c, counts, cur, out)?;
            cur.truncate(cur.len() - c);
        }
        Ok(())
    }
    let mut out = Vec::new();
    pick(rt, 0, n as usize, &counts, &mut Vec::new(), &mut out)?;
    Ok(out
        .into_iter()
        .map(|p| p.into_iter().map(|g| firsts[g].clone()).collect())
        .collect())
}
