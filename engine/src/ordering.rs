//! Scala's implicit `Ordering[K]` for the key types a program sorts by: what Spark's
//! `sortByKey` and `sortBy` compare keys with (the range partitioner's bounds, the reduce
//! side's sort), never a user function.
//!
//! `Int`, `Long` and `Char` compare as numbers; `Double` as
//! `java.lang.Double.compare` (Scala 2.13's default `Ordering[Double]` is the total ordering:
//! `-0.0 < 0.0`, `NaN` above everything and equal to itself); `String` as `compareTo` (UTF-16
//! code units); `Boolean` with `false` first; `Option` with `None` first; tuples field by
//! field. Scala has no `Ordering` for a mix of types (`Any`), so comparing an `Int` with a
//! `String` is refused as code the playground cannot run (Scala would not compile it).

use std::cmp::Ordering;

use crate::exec::Exn;
use crate::utf16;
use crate::value::Value;

/// `ordering.compare(a, b)` for two keys of one type.
pub fn compare(a: &Value, b: &Value) -> Result<Ordering, Exn> {
    use Value::*;
    Ok(match (a, b) {
        (Int(x), Int(y)) => x.cmp(y),
        (Long(x), Long(y)) => x.cmp(y),
        (Char(x), Char(y)) => utf16::unit(*x).cmp(&utf16::unit(*y)),
        (Double(x), Double(y)) => double_compare(*x, *y),
        (Str(x), Str(y)) => utf16::units(x).cmp(utf16::units(y)),
        (Bool(x), Bool(y)) => x.cmp(y),
        (Unit, Unit) | (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => compare(x, y)?,
        (Tuple(x), Tuple(y)) if x.len() == y.len() => {
            for (p, q) in x.iter().zip(y.iter()) {
                let c = compare(p, q)?;
                if c != Ordering::Equal {
                    return Ok(c);
                }
            }
            Ordering::Equal
        }
        (Obj(_), _) if a.obj::<crate::scala::case_class::CaseObj>().is_some() => {
            return Err(Exn::unsupported(format!(
                "could not find implicit value for parameter ord: Ordering[{}] (Scala gives a \
                 case class no Ordering: sort by one of its fields)",
                a.type_name()
            )))
        }
        (Null, _) | (_, Null) => {
            return Err(null_compared(a, b)
                .unwrap_or_else(|| Exn::new("java.lang.NullPointerException", "")));
        }
        _ => {
            return Err(Exn::unsupported(format!(
                "sorting needs keys of one type with an Ordering; these are {} and {} \
                 (Scala has no Ordering for a mix of types)",
                a.type_name(),
                b.type_name()
            )))
        }
    })
}

/// `java.lang.Double.compare`.
fn double_compare(x: f64, y: f64) -> Ordering {
    match (x.is_nan(), y.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        // -0.0 < 0.0, as doubleToLongBits orders them.
        _ => x
            .partial_cmp(&y)
            .filter(|c| c.is_ne())
            .unwrap_or_else(|| (x.to_bits() as i64).cmp(&(y.to_bits() as i64))),
    }
}

/// Sorts `items` by `key` stably (Spark's `TimSort` and Scala's `sortBy` keep equal keys in
/// their order), ascending or descending (`ordering.reverse`). The first failed comparison
/// is the error.
pub fn sort_by_key<T>(
    items: &mut [T],
    ascending: bool,
    key: impl Fn(&T) -> &Value,
) -> Result<(), Exn> {
    let mut failed = Option::None;
    crate::sort::sort_by(items, |a, b| match compare(key(a), key(b)) {
        Ok(c) if ascending => c,
        Ok(c) => c.reverse(),
        Err(e) => {
            failed.get_or_insert(e);
            Ordering::Equal
        }
    });
    failed.map_or(Ok(()), Err)
}

/// Java 17's exception when `Ordering.String` compares `a` with `b` (`a.compareTo(b)`) and
/// one of them is null; `None` when neither is, or the other is not a string.
pub fn null_compared(a: &Value, b: &Value) -> Option<Exn> {
    let npe = |m: &str| Some(Exn::new("java.lang.NullPointerException", m));
    match (a, b) {
        (Value::Null, Value::Str(_) | Value::Null) => {
            npe("Cannot invoke \"String.compareTo(String)\" because \"x\" is null")
        }
        (Value::Str(_), Value::Null) => {
            npe("Cannot read field \"value\" because \"anotherString\" is null")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(xs: &[i32]) -> Vec<Value> {
        xs.iter().map(|&x| Value::Int(x)).collect()
    }

    #[test]
    fn doubles_follow_java_double_compare() {
        let c = |x: f64, y: f64| compare(&Value::Double(x), &Value::Double(y)).unwrap();
        assert_eq!(c(-0.0, 0.0), Ordering::Less);
        assert_eq!(c(f64::NAN, f64::INFINITY), Ordering::Greater);
        assert_eq!(c(f64::NAN, f64::NAN), Ordering::Equal);
        assert_eq!(c(1.5, 2.0), Ordering::Less);
    }

    #[test]
    fn strings_compare_by_utf16_units_as_java_does() {
        // U+FF61 is above the surrogates that encode U+1F600 in UTF-16, below it in UTF-8.
        let a = Value::str("\u{FF61}");
        let b = Value::str("\u{1F600}");
        assert_eq!(compare(&a, &b).unwrap(), Ordering::Greater);
    }

    #[test]
    fn tuples_options_and_booleans() {
        let t = |a: i32, b: &str| Value::Tuple(vec![Value::Int(a), Value::str(b)].into());
        assert_eq!(compare(&t(1, "b"), &t(1, "a")).unwrap(), Ordering::Greater);
        assert_eq!(compare(&t(0, "z"), &t(1, "a")).unwrap(), Ordering::Less);
        assert_eq!(
            compare(&Value::None, &Value::Some(Value::Int(0).into())).unwrap(),
            Ordering::Less
        );
        assert_eq!(
            compare(&Value::Bool(false), &Value::Bool(true)).unwrap(),
            Ordering::Less
        );
    }

    #[test]
    fn a_mix_of_types_is_refused() {
        assert!(compare(&Value::Int(1), &Value::str("a")).is_err());
        let mut v = vec![Value::Int(1), Value::str("a")];
        assert!(sort_by_key(&mut v, true, |x| x).is_err());
    }

    #[test]
    fn the_sort_is_stable_both_ways() {
        let mut v: Vec<(Value, usize)> = ints(&[2, 1, 2, 1]).into_iter().zip(0..).collect();
        sort_by_key(&mut v, true, |p| &p.0).unwrap();
        assert_eq!(v.iter().map(|p| p.1).collect::<Vec<_>>(), [1, 3, 0, 2]);
        sort_by_key(&mut v, false, |p| &p.0).unwrap();
        assert_eq!(v.iter().map(|p| p.1).collect::<Vec<_>>(), [0, 2, 1, 3]);
    }
}
