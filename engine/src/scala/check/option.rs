//! What the checker knows of `Option`, as scalac types it: `Some(x)` is a `Some[T]`, `None` a
//! `None.type`, a declared `Option[T]` and what `Option`'s methods give an `Option[T]`;
//! branches that mix them (`if (vs.isEmpty) None else Some(n)`) an `Option[T]`. An `Option`
//! (like a tuple) has no arithmetic: Predef's `any2stringadd` gives it a `+` that takes a
//! `String` ("type mismatch: found Int(1), required String" for `s + 1`) and nothing else
//! ("value - is not a member of Option[Int]"). Checked against Spark 4.3.0's scalac.

use super::{Checker, Ty};
use crate::scala::ast::*;
use crate::scala::value_members::Collection;

impl Checker<'_> {
    /// A method of an `Option[T]` or `Some[T]`: its result's type where it is certain.
    pub(super) fn option_method(&mut self, t: Ty, name: &str, args: &[Vec<Expr>]) -> Ty {
        let one = match args {
            [l] if l.len() == 1 => Some(&l[0]),
            _ => None,
        };
        let known = t != Ty::Unknown;
        match (name, one) {
            ("get", None) if args.is_empty() => t,
            ("isEmpty" | "isDefined" | "nonEmpty", None) if args.is_empty() => Ty::Bool,
            // An `Option` is a collection of at most one value.
            ("head" | "last", None) if args.is_empty() => t,
            ("size", None) if args.is_empty() => Ty::Int,
            ("headOption" | "lastOption", None) if args.is_empty() && known => Ty::Opt(Box::new(t)),
            ("toList", None) if args.is_empty() && known => Ty::Coll(Collection::List, Box::new(t)),
            ("getOrElse", Some(d)) => {
                // A default of another type widens the result (`getOrElse[B >: A]`): to
                // `AnyVal` for two kinds of value, `Any` for a `String` and a value; never
                // by numeric widening (`getOrElse(0L)` of an `Option[Int]` is an `AnyVal`).
                let u = self.expr(d);
                self.or_else.push((d.span, t.clone(), u.clone()));
                if known {
                    lub(t, u)
                } else {
                    Ty::Unknown
                }
            }
            ("map", Some(f)) => Ty::Opt(Box::new(self.func(f, &[t]))),
            ("filter" | "filterNot", Some(f)) => {
                self.func(f, std::slice::from_ref(&t));
                Ty::Opt(Box::new(t))
            }
            ("orElse", Some(x)) => match self.expr(x) {
                Ty::NoneT => Ty::Opt(Box::new(t)),
                Ty::Opt(u) | Ty::Some(u) if known && *u == t => Ty::Opt(u),
                _ => Ty::Unknown,
            },
            ("exists" | "forall" | "foreach", Some(f)) => {
                self.func(f, &[t]);
                match name {
                    "foreach" => Ty::Unit,
                    _ => Ty::Bool,
                }
            }
            _ => {
                for a in args.iter().flatten() {
                    self.func(a, std::slice::from_ref(&t));
                }
                Ty::Unknown
            }
        }
    }
}

/// Scalac's least upper bound of `a` and `b` as a type argument infers it: the same type,
/// `AnyVal` for two value types (`Int` and `Long` too: a bound is not widened), `Any` for a
/// `String` and a value type, `java.io.Serializable` for a `String` and an `Option`, a tuple
/// or a Scala collection; else not known.
pub(super) fn lub(a: Ty, b: Ty) -> Ty {
    let value = |t: &Ty| {
        matches!(
            t,
            Ty::Int | Ty::Long | Ty::Double | Ty::Char | Ty::Bool | Ty::Unit | Ty::AnyVal
        )
    };
    // Serializable references whose common supertype with a `String` is no more than that.
    let serializable = |t: &Ty| {
        matches!(
            t,
            Ty::Str
                | Ty::Serializable
                | Ty::Opt(_)
                | Ty::Some(_)
                | Ty::NoneT
                | Ty::Tuple(_)
                | Ty::Coll(..)
        )
    };
    match (&a, &b) {
        _ if a == b => a,
        (Ty::Unknown, _) | (_, Ty::Unknown) => Ty::Unknown,
        (Ty::Str | Ty::Serializable, _) | (_, Ty::Str | Ty::Serializable)
            if serializable(&a) && serializable(&b) =>
        {
            Ty::Serializable
        }
        _ if value(&a) && value(&b) => Ty::AnyVal,
        (Ty::Any, _) | (_, Ty::Any) => Ty::Any,
        // A value type and a reference (`None`, an `Option`, a tuple): `Any`.
        _ if value(&a) != value(&b) => Ty::Any,
        (Ty::Str, _) if value(&b) => Ty::Any,
        (_, Ty::Str) if value(&a) => Ty::Any,
        _ => Ty::Unknown,
    }
}

/// The type of two branches (`if`, the cases of a `match`): the same type; the wider of two
/// numbers (branches conform weakly: `if (c) 1 else 2L` is a `Long`); an `Option` of what
/// `Some`s and `None`s agree on; else their `lub` (`if (c) 1 else "a"` is an `Any`).
pub(super) fn join(a: Ty, b: Ty) -> Ty {
    if a == b {
        return a;
    }
    let rank = |t: &Ty| match t {
        Ty::Char => Some(0),
        Ty::Int => Some(1),
        Ty::Long => Some(2),
        Ty::Double => Some(3),
        _ => None,
    };
    if let (Some(x), Some(y)) = (rank(&a), rank(&b)) {
        return if x > y { a } else { b };
    }
    match (a, b) {
        (Ty::NoneT, Ty::Opt(x) | Ty::Some(x)) | (Ty::Opt(x) | Ty::Some(x), Ty::NoneT) => Ty::Opt(x),
        (Ty::Opt(x) | Ty::Some(x), Ty::Opt(y) | Ty::Some(y)) if x == y => Ty::Opt(x),
        // `if (c) s else Some((n, 1))`: an `Option` of what the two have in common.
        // `if (c) s else Some((n, 1))`: an `Option` of what the two have in common (two
        // `Some`s a `Some`).
        (Ty::Some(x), Ty::Some(y)) => match lub(*x, *y) {
            Ty::Unknown => Ty::Unknown,
            t => Ty::Some(Box::new(t)),
        },
        (Ty::Opt(x) | Ty::Some(x), Ty::Opt(y) | Ty::Some(y)) => match lub(*x, *y) {
            Ty::Unknown => Ty::Unknown,
            t => Ty::Opt(Box::new(t)),
        },
        (a, b) => lub(a, b),
    }
}

/// Whether `t` is an `Any`, an `AnyVal`, a `Unit`, or an `Option`, a tuple or one of Spark's objects (a
/// `DStream`, an `RDD`, the context) whose type scalac would print in full: a value without
/// arithmetic, whose `+` is `any2stringadd`'s.
pub(super) fn no_arithmetic(t: &Ty) -> bool {
    let spark = matches!(
        t,
        Ty::DStream(_)
            | Ty::Input(_)
            | Ty::Rdd(_)
            | Ty::Mapped(_)
            | Ty::Spec(_)
            | Ty::State(_)
            | Ty::Broadcast(_)
            | Ty::Conf
            | Ty::Sc
            | Ty::Ssc
    );
    matches!(t, Ty::Any | Ty::AnyVal | Ty::Unit | Ty::Serializable)
        || (spark || matches!(t, Ty::Opt(_) | Ty::Some(_) | Ty::NoneT | Ty::Tuple(_)))
            && super::scalac_type(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branches_of_some_and_none_join_to_an_option() {
        let some = Ty::Some(Box::new(Ty::Int));
        let opt = Ty::Opt(Box::new(Ty::Int));
        assert_eq!(join(Ty::NoneT, some.clone()), opt);
        assert_eq!(join(some.clone(), opt.clone()), opt);
        assert_eq!(join(some.clone(), some.clone()), some);
        // Of two types: what they have in common (scalac: `Some[Any]`, `Option[AnyVal]`).
        let str_some = Ty::Some(Box::new(Ty::Str));
        assert_eq!(join(str_some, some.clone()), Ty::Some(Box::new(Ty::Any)));
        let long_opt = Ty::Opt(Box::new(Ty::Long));
        assert_eq!(join(some, long_opt), Ty::Opt(Box::new(Ty::AnyVal)));
        let tuple = Ty::Some(Box::new(Ty::Tuple(vec![Ty::Int, Ty::Int])));
        assert_eq!(join(tuple, opt.clone()), Ty::Opt(Box::new(Ty::Any)));
        assert_eq!(join(Ty::Some(Box::new(Ty::Unknown)), opt), Ty::Unknown);
    }

    #[test]
    fn branches_widen_numbers_and_type_arguments_do_not() {
        // `if (c) 1 else 2L` is a `Long`; `o.getOrElse(0L)` of an `Option[Int]` an `AnyVal`.
        assert_eq!(join(Ty::Int, Ty::Long), Ty::Long);
        assert_eq!(join(Ty::Double, Ty::Char), Ty::Double);
        assert_eq!(lub(Ty::Int, Ty::Long), Ty::AnyVal);
        assert_eq!(lub(Ty::Int, Ty::Bool), Ty::AnyVal);
        assert_eq!(join(Ty::Int, Ty::Str), Ty::Any);
        assert_eq!(lub(Ty::Str, Ty::Unit), Ty::Any);
        assert_eq!(lub(Ty::AnyVal, Ty::Str), Ty::Any);
        assert_eq!(lub(Ty::Int, Ty::Int), Ty::Int);
        // What the checker cannot name is left unknown.
        assert_eq!(
            lub(
                Ty::Some(Box::new(Ty::Int)),
                Ty::Tuple(vec![Ty::Int, Ty::Int])
            ),
            Ty::Unknown
        );
        // A `String` and an `Option` or a tuple: `java.io.Serializable`.
        assert_eq!(lub(Ty::Str, Ty::Opt(Box::new(Ty::Int))), Ty::Serializable);
        assert_eq!(lub(Ty::Serializable, Ty::NoneT), Ty::Serializable);
        assert_eq!(lub(Ty::Serializable, Ty::Int), Ty::Any);
        assert_eq!(lub(Ty::Int, Ty::NoneT), Ty::Any);
        assert_eq!(lub(Ty::Any, Ty::Opt(Box::new(Ty::Int))), Ty::Any);
        assert_eq!(lub(Ty::Int, Ty::Unknown), Ty::Unknown);
    }

    #[test]
    fn options_and_known_tuples_have_no_arithmetic() {
        assert!(no_arithmetic(&Ty::Opt(Box::new(Ty::Int))));
        assert!(no_arithmetic(&Ty::NoneT));
        assert!(no_arithmetic(&Ty::Tuple(vec![Ty::Int, Ty::Str])));
        assert!(no_arithmetic(&Ty::Any) && no_arithmetic(&Ty::AnyVal));
        // What the checker does not know in full is left alone.
        assert!(!no_arithmetic(&Ty::Opt(Box::new(Ty::Unknown))));
        assert!(!no_arithmetic(&Ty::Int));
    }
}
