//! Scala's `Regex` (`"(\\w+)=(\\d+)".r`) and its `Match`es, over the playground's
//! `java.util.regex` matcher ([`crate::kafka::pattern`]): `findAllIn` (an iterator of the
//! matched texts), `findFirstIn`, `findAllMatchIn`/`findFirstMatchIn` (`Match`: `group(i)`,
//! `start`, `end`, `matched`, `before`, `after`, `subgroups`), `replaceAllIn` and
//! `replaceFirstIn` with a replacement text (Java's `$1` group references) or a function of
//! the `Match`, `matches`, `split`, and the extractor (`case KV(k, v) =>`: the whole text
//! must match, as `unapplySeq` runs `matcher.matches()`; a group that took no part is
//! `null`). Successive matches follow `Matcher.find`: after an empty match the search
//! moves on by one character.

use std::rc::Rc;

use super::interp::IterObj;
use crate::exec::{Exn, Func, Runtime};
use crate::kafka::pattern::{Groups, Pattern};
use crate::rdd::VecIter;
use crate::value::{Object, Value};

/// A compiled `Regex`.
pub struct RegexObj(pub Pattern);

impl Object for RegexObj {
    fn class_name(&self) -> String {
        "Regex".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.source.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// One match: the text searched and each group's span in characters.
pub struct MatchObj {
    text: Rc<[char]>,
    groups: Groups,
}

impl Object for MatchObj {
    fn class_name(&self) -> String {
        "Match".into()
    }
    fn to_string_scala(&self) -> String {
        self.group(0).to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl MatchObj {
    /// `group(i)`: its text, or `null` if the group took no part.
    fn group(&self, i: usize) -> Value {
        match self.groups.get(i).copied().flatten() {
            Some((a, b)) => Value::str(&self.text[a..b].iter().collect::<String>()),
            None => Value::Null,
        }
    }

    fn span(&self) -> (usize, usize) {
        self.groups.first().copied().flatten().unwrap_or((0, 0))
    }
}

/// `"...".r`: a syntax error is Java's `PatternSyntaxException`.
pub fn compile(source: &str) -> Result<Value, Exn> {
    Ok(Value::Obj(Rc::new(RegexObj(super::builtins::regex(
        source,
    )?))))
}

/// Every match of `p` in `chars`, as `Matcher.find` finds them one after the other.
pub fn all_matches(p: &Pattern, chars: &[char], first_only: bool) -> Result<Vec<Groups>, Exn> {
    let mut out = Vec::new();
    let mut from = 0;
    while from <= chars.len() {
        let Some(g) = p
            .find_groups_checked(chars, from)
            .map_err(Exn::unsupported)?
        else {
            break;
        };
        let (start, end) = g.first().copied().flatten().unwrap_or((from, from));
        out.push(g);
        if first_only {
            break;
        }
        from = if end == start { end + 1 } else { end };
    }
    Ok(out)
}

/// `matcher.appendReplacement`'s reading of a replacement text: `$n` is group `n` (as many
/// digits as still name a group), `\x` is `x`.
pub fn expand(replacement: &str, m: &MatchObj) -> Result<String, Exn> {
    let mut out = String::new();
    let mut it = replacement.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\\' => match it.next() {
                Some(x) => out.push(x),
                None => {
                    return Err(Exn::new(
                        "java.lang.IllegalArgumentException",
                        "character to be escaped is missing",
                    ))
                }
            },
            '$' => {
                let Some(d) = it.peek().and_then(|c| c.to_digit(10)) else {
                    return Err(Exn::new(
                        "java.lang.IllegalArgumentException",
                        "Illegal group reference",
                    ));
                };
                it.next();
                let count = m.groups.len() - 1;
                let mut n = d as usize;
                if n > count {
                    return Err(Exn::new(
                        "java.lang.IndexOutOfBoundsException",
                        format!("No group {n}"),
                    ));
                }
                while let Some(d) = it.peek().and_then(|c| c.to_digit(10)) {
                    if n * 10 + d as usize > count {
                        break;
                    }
                    n = n * 10 + d as usize;
                    it.next();
                }
                if let Value::Str(s) = m.group(n) {
                    out.push_str(&s);
                }
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `s.replaceAll(regex, replacement)` and `r.replaceAllIn(s, replacement)`: each match (or
/// the first) replaced by `with` of it.
pub fn replace(
    rt: &mut Runtime,
    p: &Pattern,
    s: &str,
    first_only: bool,
    with: &mut dyn FnMut(&mut Runtime, &MatchObj) -> Result<String, Exn>,
) -> Result<String, Exn> {
    let text: Rc<[char]> = s.chars().collect();
    let mut out = String::new();
    let mut index = 0;
    for groups in all_matches(p, &text, first_only)? {
        let m = MatchObj {
            text: text.clone(),
            groups,
        };
        let (start, end) = m.span();
        out.extend(&text[index..start]);
        out.push_str(&with(rt, &m)?);
        index = end;
    }
    out.extend(&text[index..]);
    Ok(out)
}

fn text_arg(args: &[Value], name: &str) -> Result<Rc<[char]>, Exn> {
    match args.first() {
        Some(v) => Ok(v.to_string().chars().collect()),
        None => Err(Exn::unsupported(format!("Regex.{name}: a text is missing"))),
    }
}

fn matches_of(p: &Pattern, text: &Rc<[char]>, first_only: bool) -> Result<Vec<Value>, Exn> {
    Ok(all_matches(p, text, first_only)?
        .into_iter()
        .map(|groups| {
            Value::Obj(Rc::new(MatchObj {
                text: text.clone(),
                groups,
            }))
        })
        .collect())
}

/// `r.name(args)`.
pub fn method(rt: &mut Runtime, r: &RegexObj, name: &str, args: &[Value]) -> Result<Value, Exn> {
    let p = &r.0;
    Ok(match name {
        "findAllIn" | "findAllMatchIn" | "findFirstIn" | "findFirstMatchIn" => {
            let text = text_arg(args, name)?;
            let first = name.starts_with("findFirst");
            let mut found = matches_of(p, &text, first)?;
            if !name.ends_with("MatchIn") {
                found = found.iter().map(|m| Value::str(&m.to_string())).collect();
            }
            if first {
                Value::option(found.into_iter().next())
            } else {
                IterObj::wrap(VecIter::new(Rc::new(found)))
            }
        }
        "replaceAllIn" | "replaceFirstIn" => {
            let s = args.first().map(|v| v.to_string()).unwrap_or_default();
            let first = name == "replaceFirstIn";
            match args.get(1) {
                Some(f) if f.obj::<Func>().is_some() => {
                    let f = f.obj::<Func>().cloned().expect("a function");
                    let mut with = |rt: &mut Runtime, m: &MatchObj| {
                        let v = Value::Obj(Rc::new(MatchObj {
                            text: m.text.clone(),
                            groups: m.groups.clone(),
                        }));
                        let r = rt.call(&f, &[v])?.to_string();
                        expand(&r, m)
                    };
                    Value::str(&replace(rt, p, &s, first, &mut with)?)
                }
                Some(t) => {
                    let t = t.to_string();
                    Value::str(&replace(rt, p, &s, first, &mut |_rt, m| expand(&t, m))?)
                }
                None => {
                    return Err(Exn::unsupported(format!(
                        "Regex.{name}: a replacement is missing"
                    )))
                }
            }
        }
        "matches" => {
            let text = text_arg(args, name)?;
            Value::Bool(
                p.match_groups_checked(&text)
                    .map_err(Exn::unsupported)?
                    .is_some(),
            )
        }
        "split" => {
            let s = args.first().map(|v| v.to_string()).unwrap_or_default();
            return super::builtins::call_method(
                rt,
                Value::str(&s),
                "split",
                vec![Value::str(&p.source)],
                Default::default(),
            );
        }
        "unapplySeq" => match args.first().and_then(|v| unapply(p, v)) {
            Some(groups) => Value::option(Some(Value::list(groups))),
            None => Value::None,
        },
        "regex" | "toString" => Value::str(&p.source),
        _ => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of scala.util.matching.Regex"
            )))
        }
    })
}

/// `m.name(args)` on a `Match`.
pub fn match_method(m: &MatchObj, name: &str, args: &[Value]) -> Result<Value, Exn> {
    let (start, end) = m.span();
    let text = |a: usize, b: usize| Value::str(&m.text[a..b].iter().collect::<String>());
    Ok(match name {
        "group" => {
            let i = match args.first() {
                Some(Value::Int(i)) => *i,
                _ => return Err(Exn::unsupported("Match.group needs a group number")),
            };
            if i < 0 || i as usize >= m.groups.len() {
                return Err(Exn::new(
                    "java.lang.IndexOutOfBoundsException",
                    format!("No group {i}"),
                ));
            }
            m.group(i as usize)
        }
        "matched" | "toString" => m.group(0),
        "start" => Value::Int(start as i32),
        "end" => Value::Int(end as i32),
        "before" => text(0, start),
        "after" => text(end, m.text.len()),
        "groupCount" => Value::Int(m.groups.len() as i32 - 1),
        "subgroups" => Value::list((1..m.groups.len()).map(|i| m.group(i)).collect()),
        _ => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of scala.util.matching.Regex.Match"
            )))
        }
    })
}

/// `case R(a, b) =>` on `v`: the groups when the whole text matches (a non-string never does).
pub fn unapply(p: &Pattern, v: &Value) -> Option<Vec<Value>> {
    let Value::Str(s) = v else { return None };
    let text: Rc<[char]> = s.chars().collect();
    let groups = p.match_groups(&text)?;
    let m = MatchObj { text, groups };
    Some((1..m.groups.len()).map(|i| m.group(i)).collect())
}
