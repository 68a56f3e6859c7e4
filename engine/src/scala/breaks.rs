//! `scala.util.control.Breaks`: `import scala.util.control.Breaks._`, then `breakable { for
//! (...) { if (...) break } }`, Scala's way out of a loop. `break` throws Scala's
//! `BreakControl`, and the innermost `breakable` around it catches it and ends there; a
//! `break` outside every `breakable` is that exception, uncaught (in a task, the task fails
//! with it). Like any `Throwable`, a `catch { case _ => }` or `case e: Throwable` between them
//! catches it too, which is Scala's well-known trap; `case e: Exception` does not.

use crate::exec::Exn;
use crate::value::Value;

/// The class of what `break` throws.
pub const BREAK_CLASS: &str = "scala.util.control.BreakControl";

/// What `import scala.util.control.Breaks._` (or `.{break, breakable}`, or one of them)
/// brings: each name, with what it stands for in `interp`'s aliases.
pub fn import_aliases(text: &str) -> Vec<(String, &'static str)> {
    let packages = ["scala.util.control.Breaks", "util.control.Breaks"];
    let mut out = Vec::new();
    for s in super::builtins::import_selectors(text, &packages) {
        for (name, target) in [("break", BREAK), ("breakable", BREAKABLE)] {
            if s == "_" || s == name {
                out.push((name.to_string(), target));
            }
        }
    }
    out
}

/// What `break` stands for once imported.
pub const BREAK: &str = "Breaks.break";
/// What `breakable` stands for once imported.
pub const BREAKABLE: &str = "Breaks.breakable";

/// `break`: the exception the innermost `breakable` catches.
pub fn break_exn() -> Exn {
    Exn::new(BREAK_CLASS, "")
}

/// `breakable { body }` once `body` ran: a `break` in it ends it with `()`.
pub fn breakable(body: Result<Value, Exn>) -> Result<Value, Exn> {
    match body {
        Err(e) if e.class == BREAK_CLASS => Ok(Value::Unit),
        Ok(_) => Ok(Value::Unit),
        Err(e) => Err(e),
    }
}
