//! `org.apache.log4j`'s `Logger` and `Level`, as tutorials use them to quiet Spark's log:
//! `Logger.getLogger("org").setLevel(Level.ERROR)`, `Logger.getRootLogger.setLevel(...)`.
//!
//! A level set on a logger holds for every logger below it (`org` covers
//! `org.apache.spark.streaming.StreamingContext`); the nearest one set wins, then the root's,
//! which `sc.setLogLevel` sets too. Spark's WARN lines under a logger at `ERROR`, `FATAL` or
//! `OFF` are hidden from the console, as log4j drops them. A `Level` prints as its name.

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::value::{Object, Value};

/// The levels log4j knows, from the most verbose.
const LEVELS: &[&str] = &[
    "ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF",
];

/// A `Logger`, by its name (empty for the root logger).
pub struct LoggerObj(pub String);

impl Object for LoggerObj {
    fn class_name(&self) -> String {
        "Logger".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A `Level`: `Level.ERROR`.
pub struct LevelObj(pub &'static str);

impl Object for LevelObj {
    fn class_name(&self) -> String {
        "Level".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `Logger.name(args)` and `Level.NAME`.
pub fn module_method(module: &str, name: &str, args: &[Value]) -> Option<Result<Value, Exn>> {
    Some(Ok(match (module, name) {
        ("Logger", "getLogger") => match args.first() {
            Some(Value::Str(s)) => logger(s),
            _ => {
                return Some(Err(Exn::unsupported(
                    "Logger.getLogger takes the logger's name as a String",
                )))
            }
        },
        ("Logger", "getRootLogger") => logger(""),
        ("Level", level) => match LEVELS.iter().find(|l| **l == level) {
            Some(l) => Value::Obj(Rc::new(LevelObj(l))),
            None => return None,
        },
        _ => return None,
    }))
}

fn logger(name: &str) -> Value {
    Value::Obj(Rc::new(LoggerObj(name.to_string())))
}

/// `logger.name(args)`.
pub fn method(rt: &mut Runtime, l: &LoggerObj, name: &str, args: &[Value]) -> Result<Value, Exn> {
    match name {
        "setLevel" => {
            let level = match args.first() {
                Some(v) if v.obj::<LevelObj>().is_some() => v.to_text(),
                Some(Value::Null) => {
                    rt.logger_levels.retain(|(n, _)| *n != l.0);
                    return Ok(Value::Unit);
                }
                Some(v) => {
                    return Err(Exn::unsupported(format!(
                        "type mismatch: found {}, required Level (setLevel takes a Level: \
                         Level.ERROR)",
                        v.type_name()
                    )))
                }
                None => return Err(Exn::unsupported("setLevel takes a Level (Level.ERROR)")),
            };
            if l.0.is_empty() {
                rt.log_level = Some(level);
            } else {
                rt.logger_levels.retain(|(n, _)| *n != l.0);
                rt.logger_levels.push((l.0.clone(), level));
            }
            Ok(Value::Unit)
        }
        "getName" => Ok(Value::str(if l.0.is_empty() { "root" } else { &l.0 })),
        "getLevel" => {
            let set = if l.0.is_empty() {
                rt.log_level.as_deref()
            } else {
                rt.logger_levels
                    .iter()
                    .find(|(n, _)| *n == l.0)
                    .map(|(_, v)| v.as_str())
            };
            Ok(match set.and_then(|s| LEVELS.iter().find(|l| **l == s)) {
                Some(l) => Value::Obj(Rc::new(LevelObj(l))),
                None => Value::Null,
            })
        }
        _ => Err(Exn::unsupported(format!(
            "value {name} is not a member of Logger (the playground has setLevel, getLevel and \
             getName)"
        ))),
    }
}

/// Whether log4j drops a WARN line of `logger`: the level of the nearest logger set above it,
/// else the root's, is above WARN.
pub fn drops_warn(levels: &[(String, String)], root: Option<&str>, logger: &str) -> bool {
    let nearest = levels
        .iter()
        .filter(|(n, _)| {
            logger == n || (logger.starts_with(n.as_str()) && logger[n.len()..].starts_with('.'))
        })
        .max_by_key(|(n, _)| n.len())
        .map(|(_, l)| l.as_str());
    matches!(nearest.or(root), Some("ERROR" | "FATAL" | "OFF"))
}

#[cfg(test)]
mod tests {
    use super::drops_warn;

    #[test]
    fn the_nearest_logger_set_decides_then_the_root() {
        let set = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let ctx = "org.apache.spark.streaming.StreamingContext";
        assert!(drops_warn(&set(&[("org", "ERROR")]), None, ctx));
        assert!(!drops_warn(&set(&[("org", "ERROR")]), None, "orgx.Foo"));
        assert!(!drops_warn(&set(&[("akka", "ERROR")]), None, ctx));
        assert!(!drops_warn(
            &set(&[("org", "ERROR"), ("org.apache.spark", "WARN")]),
            None,
            ctx
        ));
        assert!(!drops_warn(
            &set(&[("org.apache.spark", "INFO")]),
            Some("ERROR"),
            ctx
        ));
        assert!(drops_warn(&[], Some("OFF"), ctx));
        assert!(!drops_warn(&[], Some("WARN"), ctx));
    }
}
