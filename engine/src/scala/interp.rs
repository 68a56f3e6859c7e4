//! The interpreter: runs a program's `main` on the driver, building the DStream graph, and runs
//! its closures wherever Spark would run them (on the driver at generation, in a job, or in a
//! task), with Scala's semantics for the subset.
//!
//! Variables live in frames of cells. A closure captures its frame. A task closure that
//! assigns to a driver `var` changes a per-task copy, as a deserialised closure on an
//! executor does; the driver never sees it. Method calls dispatch on the receiver's runtime
//! type in `builtins.rs` (Scala library) and `spark_api.rs` (Spark's classes).

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::ast::{
    BinOp, Case, Expr, ExprKind, InterpPart, Lit, Param, Pattern, Stmt, StmtKind, UnOp,
};
use crate::exec::{Exn, Func, Runtime};
use crate::rdd::{PartIter, Rdd, VecIter};
use crate::time::Time;
use crate::trace::Scope;
use crate::utf16;
use crate::value::{Object, SeqKind, Value};

/// One variable of a frame.
struct Slot {
    name: Rc<str>,
    val: Value,
    mutable: bool,
    /// An object-level `val`/`var` (a static field): in local mode the driver and every task
    /// share it, so tasks write it, not copies.
    shared: bool,
    /// How a number assigned to it widens: its declared type's (`var x: Any = 1.0` none), or
    /// the type of the value it was defined with (`var d = 0.0`: `d = 3` is `3.0`).
    widen: Widen,
}

/// A frame of variables.
pub struct Frame {
    slots: RefCell<Vec<Slot>>,
    parent: Option<Rc<Frame>>,
    /// Whether the frame belongs to the driver program (`main` and driver-side closures'
    /// frames), whose `var`s tasks see as copies.
    pub(crate) driver: bool,
    /// Whether the frame is a function's call (a lambda's, a `def`'s, a `for` body's, which
    /// scalac compiles to a lambda): names bound above it are what the function captured.
    call: bool,
}

impl Frame {
    /// A new frame under `parent`.
    pub fn new(parent: Option<Rc<Frame>>, driver: bool) -> Rc<Frame> {
        Rc::new(Frame {
            slots: RefCell::default(),
            parent,
            driver,
            call: false,
        })
    }

    /// A new frame under `parent` for the body of a `for` (a lambda in scalac's terms).
    fn new_call(parent: Rc<Frame>, driver: bool) -> Rc<Frame> {
        Rc::new(Frame {
            slots: RefCell::default(),
            parent: Some(parent),
            driver,
            call: true,
        })
    }

    /// A function call's frame: its parameters bound under `parent`, in a frame of `pool`
    /// when one is free (a call's frame is free again when nothing captured it).
    fn with_params(
        pool: &mut Vec<Rc<Frame>>,
        parent: Rc<Frame>,
        names: &[Rc<str>],
        args: impl Iterator<Item = Value>,
        driver: bool,
    ) -> Rc<Frame> {
        let slots = names.iter().zip(args).map(|(name, val)| Slot {
            name: name.clone(),
            val: super::shared_ref::bind(val),
            mutable: false,
            shared: false,
            widen: Widen::No,
        });
        if let Some(mut frame) = pool.pop() {
            if let Some(f) = Rc::get_mut(&mut frame) {
                f.slots.get_mut().extend(slots);
                f.parent = Some(parent);
                f.driver = driver;
                f.call = true;
                return frame;
            }
        }
        Rc::new(Frame {
            slots: RefCell::new(slots.collect()),
            parent: Some(parent),
            driver,
            call: true,
        })
    }

    /// Gives a finished call's frame back to `pool`, emptied, unless something kept it (a
    /// closure defined in the call captured it).
    fn release(pool: &mut Vec<Rc<Frame>>, mut frame: Rc<Frame>) {
        if pool.len() < FRAME_POOL {
            if let Some(f) = Rc::get_mut(&mut frame) {
                f.slots.get_mut().clear();
                f.parent = None;
                pool.push(frame);
            }
        }
    }

    /// The value of `name` in this frame itself (not its parents).
    pub fn own(&self, name: &str) -> Option<Value> {
        self.slots
            .borrow()
            .iter()
            .rev()
            .find(|s| &*s.name == name)
            .map(|s| super::shared_ref::read(s.val.clone()))
    }

    /// Bind `name` in this frame.
    pub fn define(&self, name: &str, v: Value, mutable: bool) {
        let widen = Widen::like(&v);
        let v = super::shared_ref::bind(v);
        let mut slots = self.slots.borrow_mut();
        if let Some(slot) = slots.iter_mut().find(|s| &*s.name == name) {
            slot.val = v;
            slot.mutable = mutable;
            slot.widen = widen;
            return;
        }
        slots.push(Slot {
            name: Rc::from(name),
            val: v,
            mutable,
            shared: false,
            widen,
        });
    }

    /// `name` was declared with a type: numbers assigned to it widen as that type says.
    pub fn declare(&self, name: &str, ty: &super::ast::TypeRef) {
        if let Some(slot) = self
            .slots
            .borrow_mut()
            .iter_mut()
            .rfind(|s| &*s.name == name)
        {
            slot.widen = Widen::of(Some(ty));
        }
    }

    /// Make every variable bound so far shared by the driver and tasks (see [`Slot`]), and
    /// the fields of the class instances they hold: a task reaches an object-level instance
    /// through the static field, so its updates are the driver's too (oracle:
    /// `obj_instance_in_task`).
    fn share_all(&self) {
        let held: Vec<Value> = {
            let mut slots = self.slots.borrow_mut();
            if !slots.is_empty() && slots.iter().all(|s| s.shared) {
                return;
            }
            for s in slots.iter_mut() {
                s.shared = true;
            }
            slots.iter().map(|s| s.val.clone()).collect()
        };
        for v in held {
            if let Some(i) = v.obj::<super::user_class::Instance>() {
                i.frame.share_all();
            }
        }
    }
}

/// A Scala closure: parameters, body, and the frame it was made in.
pub struct Closure {
    /// Parameters.
    pub params: Vec<Param>,
    /// The parameters' names, shared by every frame a call makes.
    names: Rc<[Rc<str>]>,
    /// The body.
    pub body: Rc<Expr>,
    /// The defining frame.
    pub env: Rc<Frame>,
    /// Where the lambda is in the program.
    pub span: (u32, u32),
    /// A `def`'s parameter lists, defaults and repeated parameter; `None` for a lambda.
    pub def: Option<Rc<DefShape>>,
    /// How each parameter's declared type widens a number it is given (`(d: Double)` takes
    /// `3` as `3.0`); `None` when none does.
    widen: Option<Rc<[Widen]>>,
    /// How the declared result type widens the body's value (`def area: Double = w * h`).
    ret: Widen,
}

/// `val f: Int => Double = x => x`: a lambda takes the widening of the function type it is
/// declared with (its own parameter types, where written, win).
fn typed_lambda(v: Value, params: &[super::ast::TypeRef], result: &super::ast::TypeRef) -> Value {
    let Some(Func::Scala(c)) = v.obj::<Func>() else {
        return v;
    };
    if c.def.is_some() || c.params.len() != params.len() {
        return v;
    }
    let declared: Vec<Widen> = params.iter().map(|t| Widen::of(Some(t))).collect();
    let widen: Vec<Widen> = match &c.widen {
        Some(own) => own
            .iter()
            .zip(&declared)
            .map(|(o, d)| if *o == Widen::No { *d } else { *o })
            .collect(),
        None => declared,
    };
    let ret = match c.ret {
        Widen::No => Widen::of(Some(result)),
        own => own,
    };
    if widen.iter().all(|w| *w == Widen::No) && ret == Widen::No {
        return v;
    }
    Func::Scala(Rc::new(Closure {
        params: c.params.clone(),
        names: c.names.clone(),
        body: c.body.clone(),
        env: c.env.clone(),
        span: c.span,
        def: None,
        widen: Some(widen.into()),
        ret,
    }))
    .into_value()
}

/// Scala's numeric widening to a declared type: an `Int` given where a `Double` (or a `Long`)
/// is declared becomes one (`val d: Double = 3` is `3.0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widen {
    /// Not a type numbers widen to.
    No,
    /// `Long`.
    Long,
    /// `Double` (or `Float`, which the playground keeps as a `Double`).
    Double,
    /// A `Seq`, `IndexedSeq` or `Iterable`: an `Array` given becomes an `ArraySeq` (Scala
    /// 2.13's implicit conversion, `val xs: Seq[Int] = Array(1, 2)`).
    Seq,
}

impl Widen {
    /// The widening a declared type asks for.
    pub fn of(ty: Option<&super::ast::TypeRef>) -> Widen {
        match ty {
            Some(super::ast::TypeRef::Named { name, args, .. }) if args.is_empty() => {
                match name.rsplit('.').next().unwrap_or(name) {
                    "Double" | "Float" => Widen::Double,
                    "Long" => Widen::Long,
                    _ => Widen::No,
                }
            }
            Some(super::ast::TypeRef::Named { name, args, .. }) if args.len() == 1 => {
                match name.rsplit('.').next().unwrap_or(name) {
                    "Seq" | "IndexedSeq" | "Iterable" => Widen::Seq,
                    _ => Widen::No,
                }
            }
            _ => Widen::No,
        }
    }

    /// Per parameter, or `None` when no parameter widens (the common lambda `_ + _`).
    fn of_params(params: &[Param]) -> Option<Rc<[Widen]>> {
        let w: Vec<Widen> = params.iter().map(|p| Widen::of(p.ty.as_ref())).collect();
        w.iter().any(|w| *w != Widen::No).then(|| w.into())
    }

    /// The widening of a variable's type inferred from the value it is defined with (`var d =
    /// 0.0` is a `Double`).
    pub fn like(v: &Value) -> Widen {
        match v {
            Value::Double(_) => Widen::Double,
            Value::Long(_) => Widen::Long,
            _ => Widen::No,
        }
    }

    /// `v` as the declared type takes it.
    pub fn apply(self, v: Value) -> Value {
        match (self, v) {
            (Widen::Double, Value::Int(i)) => Value::Double(f64::from(i)),
            (Widen::Double, Value::Long(l)) => Value::Double(l as f64),
            (Widen::Double, Value::Char(c)) => Value::Double(f64::from(utf16::unit(c))),
            (Widen::Long, Value::Int(i)) => Value::Long(i64::from(i)),
            (Widen::Long, Value::Char(c)) => Value::Long(i64::from(utf16::unit(c))),
            (Widen::Seq, Value::Seq(SeqKind::Array, items)) => Value::Seq(SeqKind::ArraySeq, items),
            (_, v) => v,
        }
    }
}

/// What a call of a `def` needs beyond its flattened parameters.
pub struct DefShape {
    /// How many parameters each list has.
    lists: Vec<usize>,
    /// Each parameter's default (empty: none has one).
    defaults: Vec<Option<Rc<Expr>>>,
    /// The last parameter is repeated (`xs: Int*`).
    repeated: bool,
}

/// The interpreter's part of the runtime.
#[derive(Default)]
pub struct InterpState {
    /// The frame of `main`.
    pub globals: Option<Rc<Frame>>,
    lambda_cache: FxHashMap<(u32, u32), Rc<Expr>>,
    task_vars: RefCell<FxHashMap<(usize, usize), Value>>,
    /// The `Random` object (one unseeded generator for the run), once used.
    random: Option<Value>,
    return_value: Option<Value>,
    /// Set when `ssc.awaitTermination()` was reached.
    pub awaited: bool,
    /// Set when `ssc.stop()` returned to the driver (a context stopped starts no more).
    pub stopped: bool,
    /// Expressions being evaluated, nested (see `MAX_EVAL_DEPTH`).
    depth: u32,
    /// How often each statement and function body ran since the last `take_runs`, by scope.
    runs: FxHashMap<(u32, u32, RunScope), u32>,
    /// Call frames free for the next call (each call's frame would be two allocations).
    frames: Vec<Rc<Frame>>,
    /// Tasks started so far: which task an accumulator's task copy belongs to.
    task_epoch: u32,
    /// The program's `StreamingListener`s (see `listener.rs`).
    pub listeners: super::listener::Listeners,
    /// `Left` and `Right`, once the program uses them (built-in case classes).
    pub either: Option<[Rc<super::case_class::CaseClass>; 2]>,
    /// Names imported from Scala's mutable collections, with the companions they stand for
    /// (`import scala.collection.mutable.HashMap`: `HashMap` is the mutable one).
    aliases: Vec<(String, &'static str)>,
    /// Helper objects opened by `import Utils._`.
    opened: Vec<Value>,
    /// The program defines a class that is not serializable: functions handed to Spark are
    /// checked for its instances (see `user_class::check_closures`).
    pub unserializable: bool,
    /// The program's own object (`P` of `object P { def main ... }`), which a function that
    /// uses an `object` of `main`'s drags into its task (`None` for a bare body).
    pub program_object: Option<String>,
    /// The functions the DStream graph keeps (each handed to a DStream's method,
    /// `ssc.transform` or `StateSpec.function`), serialized with it when checkpointing is on.
    pub graph_funcs: Vec<Value>,
    /// `ssc.checkpoint(dir)` was called (not only `sc.setCheckpointDir`).
    pub streaming_checkpoint: bool,
}

impl InterpState {
    /// What an imported name stands for; the name itself when it was not imported.
    pub fn alias<'a>(&self, name: &'a str) -> &'a str {
        match self.aliases.iter().rev().find(|(n, _)| n == name) {
            Some((_, to)) => to,
            None => name,
        }
    }

    /// Takes in the names an `import` brings.
    pub fn import(&mut self, text: &str) {
        self.aliases.extend(super::builtins::import_aliases(text));
    }

    /// The running task's number (changes with every task started).
    pub fn task_epoch(&self) -> u32 {
        self.task_epoch
    }
}

/// At most this many free frames are kept (nested calls need one each).
const FRAME_POOL: usize = 16;

/// How deep evaluation may nest before the program gets the JVM's `StackOverflowError`.
/// The interpreter recurses on the host's stack: in the browser that is V8's (about 1 MB,
/// fixed; an overflow there is a `RangeError` that leaves the app broken) and the wasm
/// shadow stack (8 MB, `.cargo/config.toml`). The limit counts nested expressions rather than
/// calls, so a call whose body nests deeply counts for more, and is the same on every host:
/// the same program stops at the same place natively and in the page. A plain recursive
/// `def` (three expressions a call) reaches about 1,000 calls; a JVM reaches thousands.
pub const MAX_EVAL_DEPTH: u32 = 1_200;

/// Where a piece of code ran, for the scope colouring of the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RunScope {
    /// The driver, while `main` runs (application scope).
    Application,
    /// The driver, in a batch (job scope).
    Driver,
    /// A task, for one partition.
    Task(u32),
}

/// Count one run of the code at `span` in the current scope.
fn note_run(rt: &mut Runtime, span: (u32, u32)) {
    let scope = match rt.scope {
        Scope::Application => RunScope::Application,
        Scope::Driver => RunScope::Driver,
        Scope::Task { partition, .. } => RunScope::Task(partition),
    };
    *rt.interp.runs.entry((span.0, span.1, scope)).or_insert(0) += 1;
}

/// The runs counted since the last call, in source order: `(start, end, scope, count)`.
pub fn take_runs(rt: &mut Runtime) -> Vec<(u32, u32, RunScope, u32)> {
    let mut v: Vec<_> = rt
        .interp
        .runs
        .drain()
        .map(|((a, b, s), n)| (a, b, s, n))
        .collect();
    crate::sort::sort(&mut v);
    v
}

/// The name under which an update finds a shared cell that no variable holds: a case class's
/// field, a map's buffer (see [`cell_home`]).
const CELL_NAME: &str = "field$cell";

/// A frame of its own holding `cell`, where the update machinery ([`update_held`],
/// [`set_held`]) finds it by [`CELL_NAME`].
fn cell_home(cell: Value) -> (Rc<Frame>, String) {
    let frame = Frame::new(None, false);
    frame.define(CELL_NAME, cell, false);
    (frame, CELL_NAME.to_string())
}

/// Control flow that unwinds: an exception, `return`, or reaching `awaitTermination`.
pub const RETURN_CLASS: &str = "dstream.Return";
/// Raised by `ssc.awaitTermination()`: `main` stops there while the stream runs.
pub const AWAIT_CLASS: &str = "dstream.AwaitTermination";

type R = Result<Value, Exn>;

/// The fuel one turn of a `while` loop burns besides its expressions' (see `Runtime::burn`).
const LOOP_TURN_FUEL: u64 = 1;

/// Whether code runs in a task now.
pub fn is_task(rt: &Runtime) -> bool {
    matches!(rt.scope, Scope::Task { .. })
}

/// Whether `name` in `env` is a member of an `object` (a static field or method: a function
/// that uses it reaches it through the object's class, not a captured value).
pub fn is_object_member(env: &Rc<Frame>, name: &str) -> bool {
    let mut f = Some(env);
    while let Some(frame) = f {
        let slots = frame.slots.borrow();
        if let Some(i) = slots.iter().rposition(|s| &*s.name == name) {
            return slots[i].shared;
        }
        f = frame.parent.as_ref();
    }
    false
}

/// The value `name` has in `env` (a shared collection as it is now: see `shared_ref`).
pub fn lookup(rt: &Runtime, env: &Rc<Frame>, name: &str) -> Option<Value> {
    lookup_raw(rt, env, name).map(super::shared_ref::read)
}

/// What `name` holds in `env`: a mutable collection's shared cell itself, which a name
/// bound to it shares (`val b = a`, `add(a)`).
fn lookup_raw(rt: &Runtime, env: &Rc<Frame>, name: &str) -> Option<Value> {
    let mut f = Some(env);
    while let Some(frame) = f {
        let slots = frame.slots.borrow();
        if let Some(i) = slots.iter().rposition(|s| &*s.name == name) {
            if frame.driver && is_task(rt) && !slots[i].shared {
                let key = (Rc::as_ptr(frame) as usize, i);
                let mut copies = rt.interp.task_vars.borrow_mut();
                if let Some(v) = copies.get(&key) {
                    return Some(v.clone());
                }
                // A mutable object the task reads: its own copy from here on.
                if let Value::Obj(o) = &slots[i].val {
                    if let Some(copy) = o.task_copy() {
                        copies.insert(key, copy.clone());
                        return Some(copy);
                    }
                }
            }
            return Some(slots[i].val.clone());
        }
        f = frame.parent.as_ref();
    }
    None
}

/// How Java's compiled code names the local `name` read in `env`: as written where it is
/// bound in the same function, `name$1` where a closure captured it (a `var`: `name$1.elem`,
/// its `ObjectRef`'s field); `None` for the program's object-level members (see
/// `null_receiver`).
pub fn java_local(env: &Rc<Frame>, name: &str) -> Option<String> {
    let mut captured = false;
    let mut f = Some(env);
    while let Some(frame) = f {
        if let Some(slot) = frame.slots.borrow().iter().rfind(|s| &*s.name == name) {
            if slot.shared {
                return None;
            }
            return Some(match (captured, slot.mutable) {
                (false, _) => name.to_string(),
                (true, false) => format!("{name}$1"),
                (true, true) => format!("{name}$1.elem"),
            });
        }
        captured |= frame.call;
        f = frame.parent.as_ref();
    }
    None
}

/// How a number assigned to `name` (defined in `env` or above) widens (see [`Slot`]).
pub fn declared_widen(env: &Rc<Frame>, name: &str) -> Widen {
    let mut f = Some(env);
    while let Some(frame) = f {
        if let Some(slot) = frame.slots.borrow().iter().rfind(|s| &*s.name == name) {
            return slot.widen;
        }
        f = frame.parent.as_ref();
    }
    Widen::No
}

/// `name = v` for a `var` defined in `env` or above (a task's own copy of a driver's).
pub fn assign(rt: &mut Runtime, env: &Rc<Frame>, name: &str, v: Value) -> Result<(), Exn> {
    store(rt, env, name, v, false)
}

/// Bind `name` to `v` where it is defined: a reassignment (`var`s only), or, when `update`,
/// a mutable sequence's new contents (a `val` too; see `mutation.rs`). A task writes its own
/// copy of a driver variable.
fn store(rt: &mut Runtime, env: &Rc<Frame>, name: &str, v: Value, update: bool) -> Result<(), Exn> {
    let mut f = Some(env);
    while let Some(frame) = f {
        let pos = frame.slots.borrow().iter().rposition(|s| &*s.name == name);
        if let Some(i) = pos {
            if !update && !frame.slots.borrow()[i].mutable {
                // scalac's words: the name is not in them.
                return Err(Exn::unsupported("reassignment to val"));
            }
            let task = frame.driver && is_task(rt) && !frame.slots.borrow()[i].shared;
            let mut slots = frame.slots.borrow_mut();
            let copies = rt.interp.task_vars.get_mut();
            let held = if task {
                copies
                    .entry((Rc::as_ptr(frame) as usize, i))
                    .or_insert(Value::Unit)
            } else {
                &mut slots[i].val
            };
            // An update puts the contents back in the cell every name shares; a
            // reassignment binds the name anew (to the cell it was given, if any).
            match super::shared_ref::cell(held) {
                Some(c) if update => c.put(v),
                _ => *held = super::shared_ref::bind(v),
            }
            return Ok(());
        }
        f = frame.parent.as_ref();
    }
    Err(Exn::unsupported(format!("not found: variable {name}")))
}

impl InterpState {
    /// The `Random` object: one unseeded generator for the run, shared by driver and tasks
    /// (a static in the executor's JVM).
    pub fn random_companion(&mut self) -> Value {
        self.random
            .get_or_insert_with(|| super::random_obj::seeded(super::random_obj::UNSEEDED))
            .clone()
    }
}

/// Forget task-local copies of driver variables (a new task deserialises afresh).
pub fn new_task(rt: &mut Runtime) {
    rt.interp.task_vars.get_mut().clear();
    rt.interp.task_epoch += 1;
}

/// Run the program in `frame`: its case classes, its object's `def`s, its object-level
/// statements (the first `statics` of `body`, whose variables tasks share with the driver,
/// as static fields in local mode), then `main`'s. Stops at `awaitTermination` (Ok).
pub fn run_main(
    rt: &mut Runtime,
    frame: &Rc<Frame>,
    file: &super::ast::SourceFile,
) -> Result<(), Exn> {
    let (body, defs, statics) = (&file.body, &file.object_defs, file.statics);
    super::user_class::reset();
    let _listening = super::user_class::Listening::start();
    rt.interp.globals = Some(frame.clone());
    frame.define(
        "args",
        Value::Seq(SeqKind::Array, Rc::new(Vec::new())),
        false,
    );
    for h in &file.helpers {
        let obj = HelperObj {
            def: Rc::new(h.clone()),
            frame: RefCell::new(None),
            local: None,
        };
        frame.define(&h.name, Value::Obj(Rc::new(obj)), false);
    }
    for (text, _) in &file.imports {
        open_helper(rt, frame, text);
        super::listener::import(rt, frame, text);
    }
    // Case classes first, wherever they are written in the file (Scala's classes are not
    // statements that run in order).
    for d in body
        .iter()
        .filter(|s| matches!(s.kind, StmtKind::CaseClass { .. } | StmtKind::Class(_)))
    {
        exec_stmt(rt, frame, d)?;
    }
    for d in defs {
        exec_stmt(rt, frame, d)?;
    }
    for (i, s) in body.iter().enumerate() {
        if i == statics || file.app {
            frame.share_all();
        }
        match exec_stmt(rt, frame, s) {
            Ok(_) => {}
            Err(e) if e.class == AWAIT_CLASS => return Ok(()),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Run one statement in `env`.
pub fn exec_stmt(rt: &mut Runtime, env: &Rc<Frame>, s: &Stmt) -> R {
    exec_stmt_kind(rt, env, s)
        .and_then(|v| super::user_class::take_thrown(rt).map(|()| v))
        .map_err(|x| x.at((s.span.start, s.span.end)))
}

fn exec_stmt_kind(rt: &mut Runtime, env: &Rc<Frame>, s: &Stmt) -> R {
    rt.cur_span = Some((s.span.start, s.span.end));
    note_run(rt, (s.span.start, s.span.end));
    match &s.kind {
        StmtKind::Val {
            lazy: true,
            pat: Pattern::Bind(name, _),
            init,
            ..
        } => {
            // Run at the first use (see `Lazy`).
            let thunk = Lazy {
                init: Rc::new(init.clone()),
                env: env.clone(),
                name: Rc::from(name.as_str()),
            };
            env.define(name, Value::Obj(Rc::new(thunk)), false);
            Ok(Value::Unit)
        }
        StmtKind::Val {
            mutable,
            pat,
            init,
            ty,
            ..
        } => {
            // `val b = a`: one buffer, two names (see `shared_ref`).
            let init = match pat {
                Pattern::Bind(..) => eval_kept(rt, env, init)?,
                _ => eval(rt, env, init)?,
            };
            let v = Widen::of(ty.as_ref()).apply(init);
            let v = match ty {
                Some(super::ast::TypeRef::Function(params, result, _)) => {
                    typed_lambda(v, params, result)
                }
                _ => v,
            };
            bind_pattern(rt, env, pat, v, *mutable)?;
            if let (true, Pattern::Bind(name, _), Some(ty)) = (*mutable, pat, ty) {
                env.declare(name, ty);
            }
            Ok(Value::Unit)
        }
        StmtKind::Class(c) => {
            super::user_class::define(rt, c, env);
            Ok(Value::Unit)
        }
        StmtKind::Object(h) => {
            let obj = HelperObj {
                def: h.clone(),
                frame: RefCell::new(None),
                local: Some(env.clone()),
            };
            // A function that uses it captures `main`'s object (see `check_closures`).
            rt.interp.unserializable = true;
            env.define(&h.name, Value::Obj(Rc::new(obj)), false);
            Ok(Value::Unit)
        }
        StmtKind::CaseClass {
            name,
            fields,
            defaults,
            methods,
            parents,
            parent_args,
            object,
            ..
        } => {
            let mut inherited =
                super::user_class::inherited_defs(rt, env, parents, parent_args, fields)?;
            let methods = if inherited.is_empty() {
                methods
            } else {
                inherited.extend(methods.iter().cloned());
                &inherited
            };
            let v = super::case_class::CaseClass::define(
                super::case_class::Definition {
                    name,
                    fields,
                    defaults,
                    methods,
                    parents,
                    object: *object,
                },
                env,
            );
            env.define(name, v, false);
            Ok(Value::Unit)
        }
        // A trait is a type: nothing to run.
        StmtKind::Trait { .. } => Ok(Value::Unit),
        StmtKind::Def {
            name,
            params,
            defaults,
            body,
            ret,
            ..
        } => {
            let flat: Vec<Param> = params.iter().flatten().cloned().collect();
            let body = Rc::new(body.clone());
            let repeated = flat.last().is_some_and(
                |p| matches!(&p.ty, Some(super::ast::TypeRef::Named { name, .. }) if name == "*"),
            );
            let shape = (params.len() > 1 || repeated || !defaults.is_empty()).then(|| {
                Rc::new(DefShape {
                    lists: params.iter().map(Vec::len).collect(),
                    defaults: defaults.iter().map(|d| d.clone().map(Rc::new)).collect(),
                    repeated,
                })
            });
            let clo = Closure {
                names: param_names(&flat),
                widen: Widen::of_params(&flat),
                params: flat,
                body,
                env: env.clone(),
                span: (s.span.start, s.span.end),
                def: shape,
                ret: Widen::of(ret.as_ref()),
            };
            let f = Func::Scala(Rc::new(clo));
            let v = if params.is_empty() {
                Value::Obj(Rc::new(ByName(f)))
            } else {
                f.into_value()
            };
            env.define(name, v, false);
            Ok(Value::Unit)
        }
        StmtKind::Assign { target, op, value } => assign_stmt(rt, env, target, op, value, s.span),
        StmtKind::Import(text) => {
            rt.interp.import(text);
            open_helper(rt, env, text);
            super::listener::import(rt, env, text);
            Ok(Value::Unit)
        }
        StmtKind::Expr(e) => eval(rt, env, e),
    }
}

/// `x = v`, `x += v`, `arr(i) = v`, `m(k) += v`, `Stats.total += v`, `acc.total = v`: an
/// assignment, apart from [`exec_stmt`], whose frame every nested block of a program pays.
#[inline(never)]
fn assign_stmt(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    target: &Expr,
    op: &Option<BinOp>,
    value: &Expr,
    span: super::ast::Span,
) -> R {
    // `b = a`, `m(k) = a`: the name or the element holds `a`'s buffer itself.
    let rhs = match (&target.kind, op) {
        (ExprKind::Ident(_), None) => eval_kept(rt, env, value)?,
        (ExprKind::Apply { .. } | ExprKind::MethodCall { .. }, None) if place(target).is_some() => {
            eval_kept(rt, env, value)?
        }
        // `bufs += buf`, `m += (k -> buf)`: the collection holds `buf` itself.
        (ExprKind::Ident(name), Some(BinOp::Add))
            if stored_shape(value)
                && lookup(rt, env, name).is_some_and(|c| stores_element(&c, "+=")) =>
        {
            let mut one = eval_stored(rt, env, std::slice::from_ref(value))?;
            one.pop().unwrap_or(Value::Unit)
        }
        _ => eval(rt, env, value)?,
    };
    match &target.kind {
        ExprKind::Ident(name) => {
            let v = match op {
                Some(op) => {
                    let cur = lookup(rt, env, name)
                        .ok_or_else(|| Exn::unsupported(format!("not found: value {name}")))?;
                    let update = match op {
                        BinOp::Add => Some("+="),
                        BinOp::Sub => Some("-="),
                        _ => None,
                    };
                    // `buf += x` on an `ArrayBuffer`, `counts += (w -> 1)` or
                    // `seen -= x` on a mutable table: the collection's own update, whose
                    // value is the collection (`def add(s: mutable.Set[Int]) = s += 3`).
                    // `m += (a -> 1, b -> 2)`: its varargs overload, all at once.
                    let (update, rhs) = match (update, varargs_parts(&cur, *op, value, &rhs)) {
                        (Some(m), Some(parts)) => {
                            let all = if m == "+=" { "++=" } else { "--=" };
                            (Some(all), Value::list(parts))
                        }
                        _ => (update, rhs),
                    };
                    if let Some(m) = update {
                        if updates_in_place(&cur, m) {
                            drop(cur);
                            return update_held(rt, env, name, m, vec![rhs]);
                        }
                        if let Value::Seq(
                            kind @ (SeqKind::MutableMap(_) | SeqKind::MutableSet(_)),
                            items,
                        ) = super::with_default::mutable_inner(&cur)
                        {
                            let (kind, items) = (*kind, items.clone());
                            return update_mutable(rt, env, name, kind, &items, m, vec![rhs]);
                        }
                    }
                    if matches!(op, BinOp::Add | BinOp::Concat)
                        && (cur.obj::<super::queue::QueueObj>().is_some()
                            || cur
                                .obj::<super::string_builder::StringBuilderObj>()
                                .is_some())
                    {
                        // `queue += rdd`, `sb ++= s` on a `val`: the object's own update.
                        let m = if *op == BinOp::Add { "+=" } else { "++=" };
                        return super::builtins::call_method(rt, cur, m, vec![rhs], span);
                    }
                    binary(rt, *op, cur, rhs)?
                }
                // `d = 3` for a `var d: Double` (or `var d = 0.0`): the variable's
                // type widens the number (`var x: Any = 1.0` none).
                None if matches!(rhs, Value::Int(_) | Value::Long(_) | Value::Char(_)) => {
                    declared_widen(env, name).apply(rhs)
                }
                None => rhs,
            };
            assign(rt, env, name, v)?;
            Ok(Value::Unit)
        }
        ExprKind::Apply { .. } | ExprKind::MethodCall { .. } if place(target).is_some() => {
            // `arr(i) = x`, `buf(i) += 1`, `counts(w) += 1`, `grid(r)(c) = x`,
            // `m.getOrElseUpdate(k, 0) += 1`: the element update of each level,
            // innermost first, bound to the variable.
            let Some((root, steps)) = place(target) else {
                return Err(Exn::unsupported("assignment to a field"));
            };
            let Some((home, name)) = place_home(rt, env, &root)? else {
                return Err(Exn::unsupported("assignment to a field"));
            };
            // `m.getOrElseUpdate(k, 0) += 1`: the call's result is the target.
            let result_target =
                op.is_some() && matches!(steps.last(), Some(Step::GetOrElseUpdate(..)));
            let (root, keys, elem) =
                resolve_place(rt, env, (&home, &name), &steps, result_target, span)?;
            if let (true, Some(op)) = (result_target, op) {
                if matches!(
                    elem,
                    Value::Int(_)
                        | Value::Long(_)
                        | Value::Double(_)
                        | Value::Bool(_)
                        | Value::Char(_)
                        | Value::Str(_)
                ) {
                    // scalac refuses it (a call's result is no variable, and an `Int`
                    // has no `+=`); the playground finds out when it runs.
                    return Err(Exn::unsupported(format!(
                        "value {}= is not a member of {}",
                        op.text(),
                        elem.type_name()
                    )));
                }
            }
            if let ([Step::Index(_)], [k], Value::Seq(kind, _)) =
                (steps.as_slice(), keys.as_slice(), &root)
            {
                if matches!(
                    kind,
                    SeqKind::MutableMap(_)
                        | SeqKind::Array
                        | SeqKind::ArrayBuffer
                        | SeqKind::ListBuffer
                ) {
                    // `counts(w) = n`, `arr(i) += 1`: the element set in place.
                    let v = element_value(rt, root, k, *op, rhs, span)?;
                    return set_held(rt, &home, &name, k, v).map(|()| Value::Unit);
                }
            }
            let new = updated_element(rt, root, &keys, *op, rhs, span)?;
            store(rt, &home, &name, new, true)?;
            Ok(Value::Unit)
        }
        ExprKind::Field { recv, name, .. }
            if matches!(&recv.kind, ExprKind::Ident(_) | ExprKind::Field { .. }) =>
        {
            // `Stats.order += x`: the update of a collection an object holds.
            let update = match op {
                Some(BinOp::Add) => Some("+="),
                Some(BinOp::Sub) => Some("-="),
                _ => None,
            };
            if let Some((frame, field)) = object_field(rt, env, target)? {
                let cur = lookup(rt, &frame, &field);
                if let (Some(m), Some(cur)) = (update, &cur) {
                    if updates_in_place(cur, m) {
                        return update_held(rt, &frame, &field, m, vec![rhs]);
                    }
                }
                // `Stats.total += 1`, `Stats.last = x`: an object's `var` (a `val`
                // is refused).
                let v = match (op, cur) {
                    (Some(op), Some(cur)) => binary(rt, *op, cur, rhs)?,
                    _ => declared_widen(&frame, &field).apply(rhs),
                };
                store(rt, &frame, &field, v, false)?;
                return Ok(Value::Unit);
            }
            // `acc.total = 5`, `acc.total += 1`: a `var` of a program's class.
            let obj = eval(rt, env, recv)?;
            if let Some(inst) = obj.obj::<super::user_class::Instance>() {
                let v = match op {
                    Some(op) => {
                        let cur =
                            super::builtins::call_method(rt, obj.clone(), name, Vec::new(), span)?;
                        binary(rt, *op, cur, rhs)?
                    }
                    None => rhs,
                };
                super::user_class::assign(rt, inst, name, v)?;
                return Ok(Value::Unit);
            }
            let field = super::builtins::call_method(rt, obj, name, Vec::new(), span)?;
            let m = match op {
                Some(BinOp::Add) => "+=",
                Some(BinOp::Sub) => "-=",
                _ => return Err(Exn::unsupported("assignment to a field")),
            };
            super::builtins::call_method(rt, field, m, vec![rhs], span)
        }
        _ => {
            // `queue += rdd` and friends: a method call on the target.
            let recv = eval(rt, env, target)?;
            let name = match op {
                Some(BinOp::Add) => "+=",
                Some(BinOp::Sub) => "-=",
                _ => return Err(Exn::unsupported("assignment to a field")),
            };
            super::builtins::call_method(rt, recv, name, vec![rhs], span)
        }
    }
}

/// A `lazy val` not yet used: its initialiser and where it runs. The first use runs it and
/// binds the name to the value, in the frame, or, in a task using a driver's `lazy val`, in
/// the task's own copy: each task deserializes the unset `LazyRef` and runs it again, as on
/// Spark (an object-level one is a static field, run once for the driver and all tasks).
struct Lazy {
    init: Rc<Expr>,
    env: Rc<Frame>,
    name: Rc<str>,
}

impl Object for Lazy {
    fn class_name(&self) -> String {
        "LazyRef".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A parameterless `def`: evaluated at each use.
pub struct ByName(
    /// The body, as a function of no arguments.
    pub Func,
);

impl Object for ByName {
    fn class_name(&self) -> String {
        "Function0".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn bind_pattern(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    pat: &Pattern,
    v: Value,
    mutable: bool,
) -> Result<(), Exn> {
    if !match_pattern(rt, env, pat, &v, mutable)? {
        return Err(super::class_obj::ClassObj::match_error(&v));
    }
    Ok(())
}

fn match_pattern(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    pat: &Pattern,
    v: &Value,
    mutable: bool,
) -> Result<bool, Exn> {
    rt.burn(1)?;
    // A case class's buffer field: a name binds its cell, other patterns see the buffer.
    if !matches!(pat, Pattern::Bind(..)) {
        if let Some(c) = super::shared_ref::cell(v) {
            return match_pattern(rt, env, pat, &c.get(), mutable);
        }
    }
    Ok(match pat {
        Pattern::Bind(name, _) => {
            env.define(name, v.clone(), mutable);
            true
        }
        Pattern::Wildcard(_) => true,
        Pattern::Interp(texts, names, _) => match v {
            Value::Str(s) => match super::glob::glob(texts, s) {
                Some(holes) => {
                    for (n, h) in names.iter().zip(holes) {
                        if let Some(n) = n {
                            env.define(n, Value::str(&h), mutable);
                        }
                    }
                    true
                }
                None => false,
            },
            _ => false,
        },
        Pattern::Tuple(items, _) => match v {
            Value::Tuple(t) if t.len() == items.len() => {
                for (p, x) in items.iter().zip(t.iter()) {
                    if !match_pattern(rt, env, p, x, mutable)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        },
        Pattern::Lit(l, _) => lit_value(l).scala_eq(v),
        Pattern::Some(p, _) => match v {
            Value::Some(x) => match_pattern(rt, env, p, x, mutable)?,
            _ => false,
        },
        Pattern::None(_) => matches!(v, Value::None),
        Pattern::Stable(name, _) => match lookup(rt, env, name) {
            Some(x) => x.scala_eq(v),
            None => super::builtins::global(rt, name, pat.span())?.scala_eq(v),
        },
        Pattern::Ctor(name, items, _) => {
            let bound = lookup(rt, env, name);
            let regex = bound
                .clone()
                .filter(|r| r.obj::<super::regex_obj::RegexObj>().is_some());
            // A case class imported under another name (`{StreamingListenerBatchCompleted =>
            // Done}`) matches by its own.
            let own = bound
                .as_ref()
                .and_then(|c| c.obj::<super::case_class::Companion>())
                .map(|c| c.0.name.clone());
            let name = own.as_deref().unwrap_or(name);
            let fields: Vec<Value> = match super::case_class::unapply(v, name, items.len()) {
                Some(f) => f.to_vec(),
                // `case KV(k, v)` with `val KV = "(\\w+)=(\\d+)".r`: the groups.
                None if regex.is_some() => {
                    let r = regex
                        .as_ref()
                        .and_then(|r| r.obj::<super::regex_obj::RegexObj>());
                    match r.and_then(|r| super::regex_obj::unapply(&r.0, v)) {
                        Some(g) if g.len() == items.len() => g,
                        _ => return Ok(false),
                    }
                }
                None => match (super::try_obj::unapply(v, name), v) {
                    (Some(x), _) if items.len() == 1 => vec![x],
                    // `case Array(a, b)`: a sequence of exactly that many elements;
                    // `case Array(a, rest @ _*)`: at least the others.
                    (None, Value::Seq(kind, xs))
                        if match name {
                            "Array" => *kind == SeqKind::Array,
                            "List" | "Seq" | "Vector" | "IndexedSeq" => *kind != SeqKind::Array,
                            _ => false,
                        } =>
                    {
                        match items.split_last() {
                            Some((Pattern::SeqRest(rest, _), fixed)) if xs.len() >= fixed.len() => {
                                let mut fields = xs[..fixed.len()].to_vec();
                                if rest.is_some() {
                                    // Scala 2.13 gives an array's rest as an `ArraySeq`, a
                                    // list's as a `List`.
                                    let kind = match kind {
                                        SeqKind::Array => SeqKind::ArraySeq,
                                        k => *k,
                                    };
                                    let tail = xs[fixed.len()..].to_vec();
                                    fields.push(Value::Seq(kind, Rc::new(tail)));
                                }
                                fields
                            }
                            _ if xs.len() == items.len() => xs.to_vec(),
                            _ => return Ok(false),
                        }
                    }
                    _ => return Ok(false),
                },
            };
            for (p, x) in items.iter().zip(fields.iter()) {
                if !match_pattern(rt, env, p, x, mutable)? {
                    return Ok(false);
                }
            }
            true
        }
        Pattern::Cons(head, tail, _) => match v {
            Value::Seq(SeqKind::List, xs) if !xs.is_empty() => {
                let rest = Value::Seq(SeqKind::List, Rc::new(xs[1..].to_vec()));
                match_pattern(rt, env, head, &xs[0], mutable)?
                    && match_pattern(rt, env, tail, &rest, mutable)?
            }
            _ => false,
        },
        Pattern::Alt(alts, _) => {
            for p in alts {
                if match_pattern(rt, env, p, v, mutable)? {
                    return Ok(true);
                }
            }
            false
        }
        Pattern::SeqRest(Some(name), _) => {
            env.define(name, v.clone(), mutable);
            true
        }
        Pattern::SeqRest(None, _) => true,
        Pattern::Binder(name, p, _) => {
            let ok = match_pattern(rt, env, p, v, mutable)?;
            if ok {
                env.define(name, v.clone(), mutable);
            }
            ok
        }
        Pattern::Typed(p, ty, _) => {
            let name = match ty {
                super::ast::TypeRef::Named { name, .. } => name.as_str(),
                _ => "",
            };
            let ok = match name {
                _ if v.obj::<ExnObj>().is_some() => exception_is(
                    &v.obj::<ExnObj>()
                        .map(|e| e.0.class.clone())
                        .unwrap_or_default(),
                    name,
                ),
                // A type the playground cannot test matches, as before it tested any.
                _ => super::instance_of::is_instance(v, ty).unwrap_or(true),
            };
            ok && match_pattern(rt, env, p, v, mutable)?
        }
    })
}

fn lit_value(l: &Lit) -> Value {
    match l {
        Lit::Int(i) => Value::Int(*i),
        Lit::Long(l) => Value::Long(*l),
        Lit::Double(d) => Value::Double(*d),
        Lit::Str(s) => Value::Str(s.clone()),
        Lit::Char(c) => Value::Char(*c),
        Lit::Bool(b) => Value::Bool(*b),
        Lit::Null => Value::Null,
        Lit::Unit => Value::Unit,
    }
}

/// Evaluate an expression. An exception it raises carries the span of the innermost
/// expression that raised it (`Exn::span`), so the playground can underline it.
pub fn eval(rt: &mut Runtime, env: &Rc<Frame>, e: &Expr) -> R {
    if rt.interp.depth >= MAX_EVAL_DEPTH {
        return Err(Exn::new("java.lang.StackOverflowError", "").at((e.span.start, e.span.end)));
    }
    // Every expression is a unit of work: whatever a program does for ever (a loop, calls,
    // recursion that fans out), the budget runs out in about the same real time.
    rt.burn(1).map_err(|x| x.at((e.span.start, e.span.end)))?;
    rt.interp.depth += 1;
    let r = eval_kind(rt, env, e);
    rt.interp.depth -= 1;
    r.map_err(|x| x.at((e.span.start, e.span.end)))
}

fn eval_kind(rt: &mut Runtime, env: &Rc<Frame>, e: &Expr) -> R {
    match &e.kind {
        ExprKind::Lit(l) => Ok(lit_value(l)),
        ExprKind::Ident(name) => match lookup(rt, env, name) {
            Some(Value::Obj(o)) if o.as_any().is::<Lazy>() => {
                let Some(l) = o.as_any().downcast_ref::<Lazy>() else {
                    return Ok(Value::Unit);
                };
                let v = eval(rt, &l.env, &l.init)?;
                store(rt, &l.env, &l.name, v.clone(), true)?;
                Ok(v)
            }
            Some(Value::Obj(o)) if o.as_any().is::<ByName>() => {
                let f = o.as_any().downcast_ref::<ByName>().map(|b| b.0.clone());
                match f {
                    Some(f) => rt.call(&f, &[]),
                    None => Ok(Value::Unit),
                }
            }
            Some(v) => Ok(v),
            None => match this_case_obj(rt, env) {
                // `productArity` inside the case class's body.
                Some(this) if super::case_class::is_product_method(name) => {
                    super::builtins::call_method(rt, this, name, Vec::new(), e.span)
                }
                _ => match opened_member(rt, name, Vec::new(), e.span) {
                    Some(r) => r,
                    None => super::builtins::global(rt, name, e.span),
                },
            },
        },
        ExprKind::Field {
            recv,
            name,
            name_span,
        } => {
            if let Some(path) = qualified_name(e) {
                if lookup(rt, env, path.split('.').next().unwrap_or("")).is_none() {
                    if let Some(v) = super::builtins::qualified_global(rt, &path) {
                        return Ok(v);
                    }
                }
            }
            let r = eval(rt, env, recv)?;
            if matches!(name.as_str(), "sum" | "product")
                && matches!(&r, Value::Seq(k, items) if items.is_empty()
                    && !super::collections::is_map(*k))
                && super::empty_sum::holds_doubles(recv)
            {
                // Scala's zero of the static element type (see `empty_sum`).
                return Ok(Value::Double(if name == "sum" { 0.0 } else { 1.0 }));
            }
            if ETA_VALUE_METHODS.contains(&name.as_str())
                && (matches!(r, Value::Seq(..) | Value::Str(_))
                    || r.obj::<super::with_default::WithDefault>().is_some())
            {
                // `rdd.filter(stopWords.contains)`: a collection's method as a function value
                // (eta-expansion), called with the arguments it is given.
                let (name, span) = (name.clone(), *name_span);
                let f = move |rt: &mut Runtime, a: &[Value]| {
                    super::builtins::call_method(rt, r.clone(), &name, a.to_vec(), span)
                };
                return Ok(Func::native("eta", f).into_value());
            }
            if let ExprKind::Ident(var) = &recv.kind {
                if matches!(
                    name.as_str(),
                    "append" | "prepend" | "addOne" | "subtractOne" | "add" | "remove"
                ) && updates_in_place(&r, name)
                {
                    // `xs.foreach(buf.append)`: the update as a function value, on the
                    // name's buffer each time it is called.
                    let (env, var, name) = (env.clone(), var.clone(), name.clone());
                    let f = move |rt: &mut Runtime, a: &[Value]| {
                        update_held(rt, &env, &var, &name, a.to_vec())
                    };
                    return Ok(Func::native("eta", f).into_value());
                }
            }
            let null = matches!(r, Value::Null);
            super::builtins::call_method(rt, r, name, Vec::new(), *name_span).map_err(|x| {
                if null {
                    super::null_receiver::explain(rt, env, recv, x)
                } else {
                    x
                }
            })
        }
        ExprKind::MethodCall {
            recv, name, args, ..
        } if matches!(
            (name.as_str(), qualified_name(recv).as_deref()),
            ("iterate" | "from" | "continually", Some("Iterator"))
                | ("iterate", Some("Array" | "List" | "Seq" | "Vector"))
        ) =>
        {
            iterator_source(rt, env, recv, name, args, e.span)
        }
        ExprKind::MethodCall {
            recv, name, args, ..
        } if matches!(name.as_str(), "fill" | "tabulate")
            && args.len() >= 2
            && args[0].len() == 1
            && args[1].len() == 1
            && match qualified_name(recv).as_deref() {
                Some("Array" | "Iterator") => args.len() == 2,
                Some("List" | "Seq" | "Vector") => true,
                _ => false,
            } =>
        {
            // `List.fill(2)(0)(5)`: the list, then applied to what follows. (An `Array`'s
            // third list would be its implicit `ClassTag`.)
            let mut v = fill_or_tabulate(rt, env, e, recv, name, &args[..2])?;
            for more in &args[2..] {
                let a = eval_args(rt, env, more)?;
                v = apply_value(rt, v, a, e.span)?;
            }
            Ok(v)
        }
        ExprKind::MethodCall {
            recv,
            name,
            args,
            targs,
            ..
        } if (name == "isInstanceOf" || name == "asInstanceOf")
            && args.is_empty()
            && targs.len() == 1 =>
        {
            let v = eval(rt, env, recv)?;
            if name == "asInstanceOf" {
                return super::instance_of::as_instance(v, &targs[0]);
            }
            match super::instance_of::is_instance(&v, &targs[0]) {
                Some(is) => Ok(Value::Bool(is)),
                None => Err(Exn::unsupported(format!(
                    "`isInstanceOf[{}]` (a type the playground does not test)",
                    super::printer::print_type(&targs[0])
                ))),
            }
        }
        ExprKind::MethodCall {
            recv,
            name,
            args,
            targs,
            ..
        } if name == "ofDim"
            && args.len() == 1
            && (1..=2).contains(&args[0].len())
            && qualified_name(recv).as_deref() == Some("Array") =>
        {
            of_dim(rt, env, args, targs)
        }
        ExprKind::MethodCall {
            recv, name, args, ..
        } if (name == "when" || name == "unless")
            && args.len() == 2
            && args.iter().all(|a| a.len() == 1)
            && qualified_name(recv).as_deref() == Some("Option")
            && lookup(rt, env, "Option").is_none() =>
        {
            // `Option.when(test)(value)`: the value (by name) is computed only when kept.
            let test = eval(rt, env, &args[0][0])?.as_bool() == Some(true);
            if test == (name == "when") {
                Ok(Value::Some(Rc::new(eval(rt, env, &args[1][0])?)))
            } else {
                Ok(Value::None)
            }
        }
        ExprKind::MethodCall {
            recv, name, args, ..
        } if name == "Try"
            && args.len() == 1
            && args[0].len() == 1
            && qualified_name(recv).as_deref() == Some("scala.util") =>
        {
            super::try_obj::TryObj::of(eval(rt, env, &args[0][0]))
        }
        ExprKind::MethodCall {
            recv,
            name,
            name_span,
            args,
            ..
        } => {
            if let Some(pkg) = qualified_name(recv) {
                // `mutable.ArrayBuffer[Int]()`: a collection's companion by its package.
                if lookup(rt, env, pkg.split('.').next().unwrap_or("")).is_none() {
                    if let Some(m) = super::builtins::package_member(&pkg, name) {
                        let m = m?;
                        let mut v = {
                            let first = args.first().map(Vec::as_slice).unwrap_or(&[]);
                            let a = eval_args(rt, env, first)?;
                            if m == "Queue" || m == "Stack" {
                                super::spark_api::construct(rt, m, a, *name_span)?
                            } else {
                                super::builtins::call_global(rt, m, a, *name_span)?
                            }
                        };
                        for more in args.iter().skip(1) {
                            let a = eval_args(rt, env, more)?;
                            v = apply_value(rt, v, a, e.span)?;
                        }
                        return Ok(v);
                    }
                }
            }
            let r = match held_update(rt, env, recv, name, args, e.span)? {
                Held::Done(v) => return Ok(v),
                Held::Receiver(r) => r,
            };
            if let Some(v) = op_assign(rt, env, recv, &r, name, args)? {
                return Ok(v);
            }
            if let Some(v) = case_class_call(rt, env, &r, name, args)? {
                return Ok(v);
            }
            // `xs.foldLeft(z)(op)`: a curried method takes its lists at once.
            let curried = match name.as_str() {
                "foldLeft" | "fold" | "aggregate" | "treeAggregate" | "aggregateByKey"
                | "foldByKey" | "foldRight" | "scanLeft" | "scan" | "scanRight" | "groupMap"
                | "corresponds" | "zipPartitions" => 1,
                "groupMapReduce" => 2,
                _ => 0,
            }
            .min(args.len().saturating_sub(1));
            let mut rest = args.iter().skip(1 + curried).peekable();
            let mut v = {
                let written = args.first().map(Vec::as_slice).unwrap_or(&[]);
                // A program's object or class instance shares the buffers its caller names.
                let program_method = (r.obj::<HelperObj>().is_some()
                    || r.obj::<super::user_class::Instance>().is_some())
                    && written
                        .iter()
                        .all(|a| super::named_args::named(a).is_none());
                let mut first = if program_method {
                    eval_args_kept(rt, env, written)?
                } else {
                    eval_method_args(rt, env, name, written)?
                };
                for more in args.iter().skip(1).take(curried) {
                    first.extend(eval_args(rt, env, more)?);
                }
                // `rdd.top(3)(Ordering.by(_._2))`, `xs.sortBy(f)(ord)`: an explicit ordering
                // in the implicit list is an argument of the method.
                let mut applied = None;
                if curried == 0 && ORDERED_METHODS.contains(&name.as_str()) {
                    if let Some(more) = rest.next() {
                        let a = eval_args(rt, env, more)?;
                        match a.as_slice() {
                            [o] if super::ordering_obj::of(Some(o)).is_some() => first.extend(a),
                            _ => applied = Some(a),
                        }
                    }
                }
                let null = matches!(r, Value::Null);
                let v =
                    super::builtins::call_method(rt, r, name, first, *name_span).map_err(|x| {
                        if null {
                            super::null_receiver::explain(rt, env, recv, x)
                        } else {
                            x
                        }
                    })?;
                match applied {
                    Some(a) => apply_value(rt, v, a, e.span)?,
                    None => v,
                }
            };
            for more in rest {
                let a = eval_args(rt, env, more)?;
                v = apply_value(rt, v, a, e.span)?;
            }
            Ok(v)
        }
        ExprKind::Apply { func, args, .. }
            if args.len() == 1
                && args[0].len() == 1
                && matches!(&func.kind, ExprKind::Ident(n) | ExprKind::Field { name: n, .. } if n == "Try")
                && matches!(
                    qualified_name(func).as_deref(),
                    Some("Try" | "scala.util.Try")
                )
                && lookup(rt, env, "Try").is_none() =>
        {
            // `Try(expr)`: `expr` is passed by name, run here, its exception kept.
            super::try_obj::TryObj::of(eval(rt, env, &args[0][0]))
        }
        ExprKind::Apply { func, args, .. } => {
            let mut v = match &func.kind {
                ExprKind::Ident(name) if lookup(rt, env, name).is_none() => {
                    if let ([list], super::breaks::BREAKABLE) =
                        (args.as_slice(), rt.interp.alias(name))
                    {
                        let [body] = list.as_slice() else {
                            return Err(Exn::unsupported("breakable takes one block"));
                        };
                        // `breakable { ... }`: its body by name, a `break` in it caught.
                        return super::breaks::breakable(eval(rt, env, body));
                    }
                    if let Some(this) = this_case_obj(rt, env) {
                        // `copy(n = 2)` inside the case class's body.
                        if let Some(v) = case_class_call(rt, env, &this, name, args)? {
                            return Ok(v);
                        }
                    }
                    let a = eval_args(rt, env, args.first().map(Vec::as_slice).unwrap_or(&[]))?;
                    let opened = rt.interp.opened.iter().filter_map(|v| v.obj::<HelperObj>());
                    if opened.clone().any(|h| h.def.defines(name)) {
                        opened_member(rt, name, a, func.span).unwrap_or(Ok(Value::Unit))?
                    } else {
                        super::builtins::call_global(rt, name, a, func.span)?
                    }
                }
                _ => {
                    let f = eval(rt, env, func)?;
                    let written = args.first().map(Vec::as_slice).unwrap_or(&[]);
                    let named_call = match f.obj::<Func>() {
                        Some(Func::Scala(c))
                            if written
                                .iter()
                                .any(|a| super::named_args::named(a).is_some()) =>
                        {
                            Some(c.clone())
                        }
                        _ => None,
                    };
                    if let Some(c) = f.obj::<super::case_class::Companion>() {
                        let a = eval_named_args(rt, env, written)?;
                        super::case_class::build(rt, &c.0, a, "apply", None)?
                    } else if let Some(c) = named_call {
                        // `greet(greeting = "yo", name = "al")`.
                        let a = eval_named_args(rt, env, written)?;
                        let a = named_def_args(rt, &c, a)?;
                        call_closure(rt, &c, &a)?
                    } else {
                        // A program's function is given the buffers its caller names.
                        let a = match f.obj::<Func>() {
                            Some(Func::Scala(_)) => eval_args_kept(rt, env, written)?,
                            _ => eval_args(rt, env, written)?,
                        };
                        apply_value(rt, f, a, e.span)?
                    }
                }
            };
            for more in args.iter().skip(1) {
                let a = eval_args(rt, env, more)?;
                v = apply_value(rt, v, a, e.span)?;
            }
            Ok(v)
        }
        ExprKind::New {
            class: super::ast::TypeRef::Named {
                name, args: targs, ..
            },
            args,
        } if name == "Array" && targs.len() == 1 && args.len() == 1 && args[0].len() == 1 => {
            // `new Array[Int](n)`: as `Array.ofDim[Int](n)`, the element type's zeros.
            of_dim(rt, env, args, targs)
        }
        ExprKind::New { class, args } => {
            let name = match class {
                super::ast::TypeRef::Named { name, .. } => {
                    let short = name.rsplit('.').next().unwrap_or(name);
                    match rt.interp.alias(short) {
                        "MutableMap" => "HashMap",
                        "MutableSet" => "HashSet",
                        n => n,
                    }
                    .to_string()
                }
                _ => String::new(),
            };
            let written = args.first().map(Vec::as_slice).unwrap_or(&[]);
            if let Some(c) = lookup(rt, env, &name)
                .as_ref()
                .and_then(Value::obj::<super::case_class::Companion>)
            {
                let a = eval_named_args(rt, env, written)?;
                return super::case_class::build(rt, &c.0, a, "<init>", None);
            }
            if let Some(c) = lookup(rt, env, &name)
                .as_ref()
                .and_then(Value::obj::<super::user_class::Companion>)
            {
                let class = c.0.clone();
                let a = eval_named_args(rt, env, written)?;
                return super::user_class::construct(rt, &class, a, e.span);
            }
            let a = eval_args(rt, env, written)?;
            super::spark_api::construct(rt, &name, a, e.span)
        }
        ExprKind::Tuple(items) => {
            // A pair or a triple (the common `(word, 1)`) in one allocation, left to right,
            // not a vector and then a copy of it.
            let vals: Rc<[Value]> = match items.as_slice() {
                [a, b] => Rc::from([eval(rt, env, a)?, eval(rt, env, b)?]),
                [a, b, c] => Rc::from([eval(rt, env, a)?, eval(rt, env, b)?, eval(rt, env, c)?]),
                _ => Rc::from(eval_args(rt, env, items)?),
            };
            Ok(Value::Tuple(vals))
        }
        ExprKind::Block(stmts) => {
            let frame = Frame::new(Some(env.clone()), env.driver && !is_task(rt));
            let mut last = Value::Unit;
            for s in stmts {
                last = exec_stmt(rt, &frame, s)?;
                // An assignment's value: `()`, or the collection a `+=` updated in place.
                if !matches!(s.kind, StmtKind::Expr(_) | StmtKind::Assign { .. }) {
                    last = Value::Unit;
                }
            }
            Ok(last)
        }
        ExprKind::Binary { op, lhs, rhs, .. } => match op {
            BinOp::And => {
                let l = eval(rt, env, lhs)?;
                if l.as_bool() == Some(false) {
                    return Ok(Value::Bool(false));
                }
                let r = eval(rt, env, rhs)?;
                binary(rt, *op, l, r)
            }
            BinOp::Or => {
                let l = eval(rt, env, lhs)?;
                if l.as_bool() == Some(true) {
                    return Ok(Value::Bool(true));
                }
                let r = eval(rt, env, rhs)?;
                binary(rt, *op, l, r)
            }
            _ => {
                let l = eval(rt, env, lhs)?;
                let r = eval(rt, env, rhs)?;
                if *op == BinOp::Concat && as_rdd(&l).is_some() {
                    // `rdd ++ other`: `RDD.++`, Spark's `union`.
                    return super::spark_api::call_method(rt, l, "++", vec![r], e.span);
                }
                if let Some(parts) = varargs_parts(&l, *op, rhs, &r) {
                    // `m + (a -> 1, b -> 2)`, `s - (1, 2)`: the varargs overload, one by one.
                    return parts
                        .into_iter()
                        .try_fold(l, |acc, x| binary(rt, *op, acc, x));
                }
                binary(rt, *op, l, r)
            }
        },
        ExprKind::Unary { op, expr } => {
            let v = eval(rt, env, expr)?;
            match (op, v) {
                (UnOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
                (UnOp::Neg, Value::Int(i)) => Ok(Value::Int(i.wrapping_neg())),
                (UnOp::Neg, Value::Long(i)) => Ok(Value::Long(i.wrapping_neg())),
                (UnOp::Neg, Value::Double(d)) => Ok(Value::Double(-d)),
                (UnOp::BitNot, Value::Int(i)) => Ok(Value::Int(!i)),
                (UnOp::BitNot, Value::Long(i)) => Ok(Value::Long(!i)),
                (op, v) => Err(Exn::unsupported(format!(
                    "operator {op:?} is not defined on {}",
                    v.type_name()
                ))),
            }
        }
        ExprKind::Lambda { params, body } => {
            let key = (e.span.start, e.span.end);
            let body = match rt.interp.lambda_cache.get(&key) {
                Some(b) => b.clone(),
                None => {
                    let b = Rc::new((**body).clone());
                    rt.interp.lambda_cache.insert(key, b.clone());
                    b
                }
            };
            let clo = Closure {
                names: param_names(params),
                widen: Widen::of_params(params),
                params: params.clone(),
                body,
                env: env.clone(),
                span: key,
                def: None,
                ret: Widen::No,
            };
            Ok(Func::Scala(Rc::new(clo)).into_value())
        }
        ExprKind::CaseLambda(cases) => {
            let key = (e.span.start, e.span.end);
            let body = match rt.interp.lambda_cache.get(&key) {
                Some(b) => b.clone(),
                None => {
                    let scrutinee = Expr::new(ExprKind::Ident("x$case".into()), e.span);
                    let b = Rc::new(Expr::new(
                        ExprKind::Match {
                            scrutinee: Box::new(scrutinee),
                            cases: cases.clone(),
                        },
                        e.span,
                    ));
                    rt.interp.lambda_cache.insert(key, b.clone());
                    b
                }
            };
            let params = vec![Param {
                name: "x$case".into(),
                ty: None,
                span: e.span,
            }];
            Ok(Func::Scala(Rc::new(Closure {
                names: param_names(&params),
                widen: None,
                params,
                body,
                env: env.clone(),
                span: key,
                def: None,
                ret: Widen::No,
            }))
            .into_value())
        }
        ExprKind::If { cond, then, else_ } => {
            let c = eval(rt, env, cond)?;
            match c.as_bool() {
                Some(true) => eval(rt, env, then),
                Some(false) => match else_ {
                    Some(e) => eval(rt, env, e),
                    None => Ok(Value::Unit),
                },
                None => Err(Exn::unsupported(format!(
                    "type mismatch: found {}, required Boolean",
                    c.type_name()
                ))),
            }
        }
        ExprKind::Match { scrutinee, cases } => {
            let v = eval(rt, env, scrutinee)?;
            eval_match(rt, env, v, cases)
        }
        ExprKind::Interpolated {
            interpolator,
            parts,
        } if interpolator == "f" => format_interpolated(rt, env, parts),
        ExprKind::Interpolated { parts, .. } => {
            let mut s = String::new();
            for p in parts {
                match p {
                    InterpPart::Text(t) => s.push_str(t),
                    InterpPart::Expr(x) => {
                        let v = eval(rt, env, x)?;
                        s.push_str(&v.to_string());
                    }
                }
            }
            Ok(Value::str(&s))
        }
        // `(2: Double)` widens as a declared type does.
        ExprKind::Ascribe(x, t) => Ok(Widen::of(Some(t)).apply(eval(rt, env, x)?)),
        ExprKind::While { cond, body } => {
            loop {
                // A turn of `while (true) {}` evaluates two expressions: it too is stopped
                // when the budget runs out.
                rt.burn(LOOP_TURN_FUEL)?;
                let c = eval(rt, env, cond)?;
                if c.as_bool() != Some(true) {
                    break;
                }
                eval(rt, env, body)?;
            }
            Ok(Value::Unit)
        }
        ExprKind::For {
            gens,
            is_yield,
            body,
        } => {
            let (mut out, mut kind) = (Vec::new(), Yields::Unknown);
            eval_for(rt, env, gens, body, *is_yield, &mut out, &mut kind)?;
            if !*is_yield {
                return Ok(Value::Unit);
            }
            // The first generator's collection decides the kind (`flatMap`/`map` on it).
            match kind {
                Yields::Option => Ok(Value::option(out.pop())),
                Yields::Seq(k) => Ok(yielded(k, out)),
                Yields::Unknown => Ok(Value::list(out)),
            }
        }
        ExprKind::Return(v) => {
            let v = match v {
                Some(x) => eval(rt, env, x)?,
                None => Value::Unit,
            };
            rt.interp.return_value = Some(v);
            Err(Exn::new(RETURN_CLASS, ""))
        }
        ExprKind::Throw(x) => {
            let v = eval(rt, env, x)?;
            match v.obj::<ExnObj>() {
                Some(e) => Err(e.0.clone()),
                None => Err(Exn::new("java.lang.RuntimeException", v.to_string())),
            }
        }
        ExprKind::Try {
            body,
            cases,
            finally,
        } => {
            let mut out = eval(rt, env, body);
            if let Err(e) = &out {
                if catchable(e) && !cases.is_empty() {
                    // The first case that matches handles it; with none, it goes on up.
                    let thrown = Value::Obj(Rc::new(ExnObj(e.clone())));
                    for c in cases {
                        let frame = Frame::new(Some(env.clone()), env.driver && !is_task(rt));
                        if !match_pattern(rt, &frame, &c.pat, &thrown, false)? {
                            continue;
                        }
                        if let Some(g) = &c.guard {
                            if eval(rt, &frame, g)?.as_bool() != Some(true) {
                                continue;
                            }
                        }
                        out = eval(rt, &frame, &c.body);
                        break;
                    }
                }
            }
            if let Some(f) = finally {
                eval(rt, env, f)?;
            }
            out
        }
        ExprKind::Error => Err(Exn::unsupported(
            "this part of the program could not be parsed",
        )),
    }
}

/// Whether a `catch` may see `e`: a Java or Scala exception, not the playground's own stops
/// (`return`, the work limit, what it does not support).
/// `Array.fill(n)(elem)`, `List.tabulate(n)(f)`, ...: apart from [`eval_kind`], whose
/// frame every nested call pays.
#[inline(never)]
fn fill_or_tabulate(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    e: &Expr,
    recv: &Expr,
    name: &str,
    args: &[Vec<Expr>],
) -> R {
    // `Array.fill(n)(elem)`: `elem` is passed by name, evaluated n times;
    // `tabulate(n)(f)`: f(0), f(1), ...
    let n = match eval(rt, env, &args[0][0])? {
        Value::Int(n) => n.max(0) as usize,
        other => {
            return Err(Exn::unsupported(format!(
                "{name}'s size must be an Int, not {}",
                other.type_name()
            )))
        }
    };
    let f = (name == "tabulate")
        .then(|| eval(rt, env, &args[1][0]))
        .transpose()?;
    if n as u64 > crate::exec::MAX_ELEMENTS {
        let what = qualified_name(recv).unwrap_or_default();
        return Err(Exn::too_large(&format!("{what}.{name}")));
    }
    let mut items = Vec::with_capacity(n.min(1 << 16));
    for i in 0..n {
        rt.burn(1)?;
        items.push(match &f {
            Some(f) => apply_value(rt, f.clone(), vec![Value::Int(i as i32)], e.span)?,
            None => eval(rt, env, &args[1][0])?,
        });
    }
    let kind = match qualified_name(recv).as_deref() {
        Some("Array") => SeqKind::Array,
        Some("Vector") => SeqKind::Vector,
        Some("Iterator") => return Ok(IterObj::wrap(VecIter::new(Rc::new(items)))),
        _ => SeqKind::List,
    };
    Ok(Value::Seq(kind, Rc::new(items)))
}

/// `Array.ofDim[T](n)` and `(m, n)`: apart from [`eval_kind`] (see [`fill_or_tabulate`]).
#[inline(never)]
fn of_dim(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    args: &[Vec<Expr>],
    targs: &[super::ast::TypeRef],
) -> R {
    // `Array.ofDim[Int](n)`, `Array.ofDim[Double](m, n)`: the element type's zero
    // (`null` for a reference type).
    let zero = match targs.first() {
        Some(super::ast::TypeRef::Named { name, .. }) => match name.as_str() {
            "Int" | "Short" | "Byte" => Value::Int(0),
            "Long" => Value::Long(0),
            "Double" | "Float" => Value::Double(0.0),
            "Boolean" => Value::Bool(false),
            "Char" => Value::Char('\0'),
            _ => Value::Null,
        },
        _ => Value::Null,
    };
    let mut dims = Vec::new();
    for d in eval_args(rt, env, &args[0])? {
        match d {
            Value::Int(n) if n < 0 => {
                return Err(Exn::new(
                    "java.lang.NegativeArraySizeException",
                    n.to_string(),
                ))
            }
            Value::Int(n) => dims.push(n as usize),
            other => {
                return Err(Exn::unsupported(format!(
                    "ofDim's sizes must be Ints, not {}",
                    other.type_name()
                )))
            }
        }
    }
    // One unit of work an element, first: a size too big for the run stops it here.
    let total = dims.iter().fold(1u64, |a, &d| a.saturating_mul(d as u64));
    if total > crate::exec::MAX_ELEMENTS {
        return Err(Exn::too_large("Array.ofDim"));
    }
    rt.burn(total)?;
    let row = |n: usize| Value::Seq(SeqKind::Array, Rc::new(vec![zero.clone(); n]));
    Ok(match dims.as_slice() {
        [n] => row(*n),
        [m, n] => Value::Seq(SeqKind::Array, Rc::new((0..*m).map(|_| row(*n)).collect())),
        _ => Value::Null,
    })
}

/// `f"$x%.2f"`: apart from [`eval_kind`] (see [`fill_or_tabulate`]).
#[inline(never)]
fn format_interpolated(rt: &mut Runtime, env: &Rc<Frame>, parts: &[InterpPart]) -> R {
    // `f"$x%.2f"`: each expression takes the format that follows it (`%s` if none),
    // and the whole is `String.format`ted.
    let mut fmt = String::new();
    let mut args = Vec::new();
    let mut after_expr = false;
    for p in parts {
        match p {
            InterpPart::Text(t) => {
                if after_expr {
                    // The expression's own format, unless what follows is `%n` or `%%`.
                    match super::java_format::leading_conversion(t) {
                        Some(c) if c != 'n' && c != '%' => {
                            if let Some(v) = args.pop() {
                                args.push(super::java_format::interpolated_arg(c, v));
                            }
                        }
                        _ => fmt.push_str("%s"),
                    }
                }
                fmt.push_str(t);
                after_expr = false;
            }
            InterpPart::Expr(x) => {
                if after_expr {
                    fmt.push_str("%s");
                }
                args.push(eval(rt, env, x)?);
                after_expr = true;
            }
        }
    }
    if after_expr {
        fmt.push_str("%s");
    }
    Ok(Value::str(&super::builtins::java_format(&fmt, &args)?))
}

fn catchable(e: &Exn) -> bool {
    !e.class.starts_with("dstream.")
}

/// Whether an exception of class `class` (a Java name) is a `name` (as a `catch` case's type
/// is written: `NumberFormatException`, `java.lang.Exception`, `Throwable`...).
pub fn exception_is(class: &str, name: &str) -> bool {
    const PARENTS: &[(&str, &str)] = &[
        (
            "java.lang.NumberFormatException",
            "java.lang.IllegalArgumentException",
        ),
        (
            "java.lang.IllegalArgumentException",
            "java.lang.RuntimeException",
        ),
        (
            "java.lang.ArithmeticException",
            "java.lang.RuntimeException",
        ),
        (
            "java.lang.NullPointerException",
            "java.lang.RuntimeException",
        ),
        ("java.lang.ClassCastException", "java.lang.RuntimeException"),
        (
            "java.lang.IllegalStateException",
            "java.lang.RuntimeException",
        ),
        (
            "java.lang.UnsupportedOperationException",
            "java.lang.RuntimeException",
        ),
        (
            "java.lang.ArrayIndexOutOfBoundsException",
            "java.lang.IndexOutOfBoundsException",
        ),
        (
            "java.lang.StringIndexOutOfBoundsException",
            "java.lang.IndexOutOfBoundsException",
        ),
        (
            "java.lang.IndexOutOfBoundsException",
            "java.lang.RuntimeException",
        ),
        (
            "java.util.NoSuchElementException",
            "java.lang.RuntimeException",
        ),
        ("scala.MatchError", "java.lang.RuntimeException"),
        ("java.lang.RuntimeException", "java.lang.Exception"),
        ("org.apache.spark.SparkException", "java.lang.Exception"),
        ("java.io.NotSerializableException", "java.io.IOException"),
        ("java.io.IOException", "java.lang.Exception"),
        ("java.lang.InterruptedException", "java.lang.Exception"),
        ("java.lang.Exception", "java.lang.Throwable"),
        // Errors, which `case e: Exception` lets through.
        ("java.lang.AssertionError", "java.lang.Error"),
        ("scala.NotImplementedError", "java.lang.Error"),
        (
            "java.lang.StackOverflowError",
            "java.lang.VirtualMachineError",
        ),
        ("java.lang.VirtualMachineError", "java.lang.Error"),
        ("java.lang.Error", "java.lang.Throwable"),
        // `break`'s: no `Exception`, so `case e: Exception` lets it through.
        (
            super::breaks::BREAK_CLASS,
            "scala.util.control.ControlThrowable",
        ),
        ("scala.util.control.ControlThrowable", "java.lang.Throwable"),
    ];
    let simple = |c: &str| c.rsplit('.').next().unwrap_or(c).to_string();
    let wanted = simple(name);
    let mut c = class.to_string();
    loop {
        if c == name || simple(&c) == wanted {
            return true;
        }
        match PARENTS.iter().find(|(child, _)| *child == c) {
            Some((_, parent)) => c = parent.to_string(),
            // An exception the table does not know is at least an `Exception`.
            None if c != "java.lang.Exception" && c != "java.lang.Throwable" => {
                c = "java.lang.Exception".into()
            }
            None => return false,
        }
    }
}

/// A thrown exception as a value (`new RuntimeException("...")`).
pub struct ExnObj(pub Exn);

impl Object for ExnObj {
    fn class_name(&self) -> String {
        self.0.class.clone()
    }
    fn to_string_scala(&self) -> String {
        self.0.describe()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What a `for ... yield` gives, as its first generator decides (its `flatMap`/`map`).
#[derive(Clone, Copy)]
enum Yields {
    /// Not known yet.
    Unknown,
    /// A collection of the generator's kind (or what that kind's `map` gives).
    Seq(SeqKind),
    /// An `Option`: `Some` of the one value, or `None`.
    Option,
}

fn eval_for(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    gens: &[(Pattern, Expr, Option<Expr>)],
    body: &Expr,
    is_yield: bool,
    out: &mut Vec<Value>,
    first_kind: &mut Yields,
) -> Result<(), Exn> {
    let Some(((pat, coll, guard), rest)) = gens.split_first() else {
        let v = eval(rt, env, body)?;
        if is_yield {
            out.push(v);
        }
        return Ok(());
    };
    let c = eval(rt, env, coll)?;
    match (&first_kind, &c) {
        (Yields::Unknown, Value::Seq(k, _)) => *first_kind = Yields::Seq(*k),
        // `for (a <- Some(1); b <- opt) yield ...` is an `Option` (`Some(1).flatMap`).
        (Yields::Unknown, Value::Some(_) | Value::None) => *first_kind = Yields::Option,
        (Yields::Unknown, Value::Obj(_)) => {
            if let Some(q) = c.obj::<super::queue::QueueObj>() {
                *first_kind = Yields::Seq(if q.stack {
                    SeqKind::Stack
                } else {
                    SeqKind::Queue
                });
            }
        }
        _ => {}
    }
    for item in iterate(rt, &c)? {
        rt.burn(1)?;
        let frame = Frame::new_call(env.clone(), env.driver && !is_task(rt));
        if !match_pattern(rt, &frame, pat, &item, false)? {
            continue;
        }
        if let Some(g) = guard {
            if eval(rt, &frame, g)?.as_bool() != Some(true) {
                continue;
            }
        }
        eval_for(
            rt,
            &frame,
            rest,
            body,
            is_yield,
            out,
            &mut Yields::Seq(SeqKind::List),
        )?;
    }
    Ok(())
}

/// What a `map` or `flatMap` on a collection of kind `k` gives for the values `out`: a
/// range's a `Vector`, an array's an `Array`, a map's a map of the pairs.
pub fn yielded(k: SeqKind, out: Vec<Value>) -> Value {
    let kind = match k {
        k if super::collections::is_map(k) || super::collections::is_set(k) => {
            return super::collections::mapped(k, out);
        }
        SeqKind::Range(_) | SeqKind::Vector => SeqKind::Vector,
        k @ (SeqKind::Array | SeqKind::ArrayBuffer | SeqKind::ListBuffer) => k,
        SeqKind::Queue | SeqKind::Stack => {
            return super::queue::of_items(k == SeqKind::Stack, out);
        }
        _ => SeqKind::List,
    };
    Value::Seq(kind, Rc::new(out))
}

fn eval_match(rt: &mut Runtime, env: &Rc<Frame>, v: Value, cases: &[Case]) -> R {
    for c in cases {
        let frame = Frame::new(Some(env.clone()), env.driver && !is_task(rt));
        if match_pattern(rt, &frame, &c.pat, &v, false)? {
            if let Some(g) = &c.guard {
                if eval(rt, &frame, g)?.as_bool() != Some(true) {
                    continue;
                }
            }
            return eval(rt, &frame, &c.body);
        }
    }
    Err(super::class_obj::ClassObj::match_error(&v))
}

/// The dotted name `e` spells (`org.apache.spark.TaskContext`), when it is one.
pub fn qualified_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(n) => Some(n.clone()),
        ExprKind::Field { recv, name, .. } => qualified_name(recv).map(|q| format!("{q}.{name}")),
        _ => None,
    }
}

/// A method's first argument list: evaluated as written, then, if some are named, put in the
/// method's parameter order (the checker has refused what cannot be).
fn eval_method_args(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    method: &str,
    args: &[Expr],
) -> Result<Vec<Value>, Exn> {
    use super::named_args::{named, resolve, Slot};
    match resolve(method, args) {
        Ok(Some(slots)) => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(eval(rt, env, named(a).map_or(a, |(_, v)| v))?);
            }
            Ok(slots
                .iter()
                .map(|s| match s {
                    Slot::Written(i) => vals[*i].clone(),
                    Slot::DefaultTrue => Value::Bool(true),
                    Slot::DefaultParallelism => Value::Int(rt.conf.default_parallelism() as i32),
                    // The method takes the stream's own slide for a `()` (`spark_api`'s
                    // `reduce_by_key_and_window`).
                    Slot::DefaultSlide => Value::Unit,
                })
                .collect())
        }
        Ok(None) => eval_args(rt, env, args),
        Err((_, why)) => Err(Exn::unsupported(why.join(" "))),
    }
}

/// The value `name` holds, taken out of its slot for an update in place (the slot holds `()`
/// until [`store`] puts the new contents back): the collection's contents are then held
/// once, and `Rc::make_mut` changes them without a copy. A task's write goes to its own copy
/// of a driver variable, which the task takes (the driver's stays: the first update copies).
fn take_var(rt: &mut Runtime, env: &Rc<Frame>, name: &str) -> Option<Value> {
    let mut f = Some(env);
    while let Some(frame) = f {
        let mut slots = frame.slots.borrow_mut();
        if let Some(i) = slots.iter().rposition(|s| &*s.name == name) {
            let held = if frame.driver && is_task(rt) && !slots[i].shared {
                let key = (Rc::as_ptr(frame) as usize, i);
                let slot = &slots[i].val;
                rt.interp.task_vars.get_mut().entry(key).or_insert_with(|| {
                    match slot {
                        Value::Obj(o) => o.task_copy(),
                        _ => None,
                    }
                    .unwrap_or_else(|| slot.clone())
                })
            } else {
                &mut slots[i].val
            };
            return Some(match super::shared_ref::cell(held) {
                Some(c) => c.take(),
                None => std::mem::replace(held, Value::Unit),
            });
        }
        f = frame.parent.as_ref();
    }
    None
}

/// `var(k) = v` for the array, buffer or mutable map `var` holds, in place as
/// [`update_held`] does.
fn set_held(rt: &mut Runtime, env: &Rc<Frame>, var: &str, k: &Value, v: Value) -> Result<(), Exn> {
    let Some(mut held) = take_var(rt, env, var) else {
        return Err(Exn::unsupported(format!("not found: value {var}")));
    };
    let r = match &mut held {
        Value::Seq(kind @ SeqKind::MutableMap(_), items) => super::mutable_map::update_in_place(
            kind,
            Rc::make_mut(items),
            "update",
            vec![k.clone(), v],
        )
        .map(|_| ()),
        Value::Seq(kind, items) => {
            super::mutation::set_element(*kind, Rc::make_mut(items).as_mut_slice(), k, v)
        }
        _ => Err(Exn::unsupported("assignment to a field")),
    };
    store(rt, env, var, held, true)?;
    r
}

/// `Stats.order` for a program's `object Stats` with a member `order`: the object's frame
/// (made now if the object was not used yet) and the member's name, where an update of the
/// collection it holds is stored (the object's fields are statics: driver and tasks share
/// them, as in local mode).
fn object_field(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    target: &Expr,
) -> Result<Option<(Rc<Frame>, String)>, Exn> {
    let ExprKind::Field {
        recv,
        name,
        name_span,
    } = &target.kind
    else {
        return Ok(None);
    };
    object_member(rt, env, recv, name, *name_span)
}

/// [`object_field`] for `recv.name` given apart (`Stats.seen(k) = n` parses as a call).
/// None unless `recv` names a program's object and `name` one of its `val`s or `var`s.
fn object_member(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    recv: &Expr,
    name: &str,
    name_span: super::ast::Span,
) -> Result<Option<(Rc<Frame>, String)>, Exn> {
    let ExprKind::Ident(obj) = &recv.kind else {
        return Ok(None);
    };
    let Some(Value::Obj(o)) = lookup(rt, env, obj) else {
        return Ok(None);
    };
    if let Some(i) = o.as_any().downcast_ref::<super::user_class::Instance>() {
        // `acc.items += 2`, `acc.items.append(3)`: an instance's field.
        return Ok(i
            .has_field(name)
            .then(|| (i.frame.clone(), name.to_string())));
    }
    if let Some(c) = o.as_any().downcast_ref::<super::case_class::CaseObj>() {
        // `b.items += 2` on a case class's buffer: the field's shared cell, in a frame of
        // its own where the update machinery finds it.
        return Ok(c.field_cell(name).map(cell_home));
    }
    let Some(h) = o.as_any().downcast_ref::<HelperObj>() else {
        return Ok(None);
    };
    let field =
        h.def.body.iter().any(
            |s| matches!(&s.kind, StmtKind::Val { pat: Pattern::Bind(n, _), .. } if n == name),
        );
    if !field {
        return Ok(None);
    }
    helper_member(rt, h, name, Vec::new(), name_span)?;
    let frame = h.frame.borrow().clone();
    Ok(frame.map(|f| (f, name.to_string())))
}

/// Where a [`place`]'s root is held: the frame to read and store it in, and its name there.
fn place_home(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    root: &Root,
) -> Result<Option<(Rc<Frame>, String)>, Exn> {
    match root {
        Root::Var(name) => Ok(Some((env.clone(), name.to_string()))),
        Root::Member(recv, name, span) => object_member(rt, env, recv, name, *span),
    }
}

/// Whether `v` is a mutable collection (not wrapped: a map with a default is updated by
/// copy) whose own update `name` is.
fn updates_in_place(v: &Value, name: &str) -> bool {
    match v {
        Value::Seq(SeqKind::ArrayBuffer | SeqKind::ListBuffer, _) => {
            super::mutation::BUFFER_UPDATES.contains(&name)
                || super::mutation::BUFFER_FN_UPDATES
                    .iter()
                    .any(|(n, _)| *n == name)
        }
        Value::Seq(kind, _) => super::mutable_map::is_update(*kind, name),
        _ => false,
    }
}

/// A bare name or a field (`buf`, `acc.items`): what may hold a shared buffer.
fn named(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Ident(_) | ExprKind::Field { .. })
}

/// An argument [`eval_stored`] may keep a buffer of: a name, or a pair written in place
/// whose value is one.
fn stored_shape(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary {
            op: BinOp::Arrow,
            rhs,
            ..
        } => named(rhs),
        ExprKind::Tuple(items) => items.len() == 2 && named(&items[1]),
        _ => named(e),
    }
}

/// Whether `coll.name(x)` keeps `x` as an element of a buffer or a value of a mutable map
/// (`bufs += buf`, `m.put(k, buf)`, `m += (k -> buf)`): given a name's buffer, the
/// collection then holds that buffer itself (see [`eval_stored`]). Not a set's element: on
/// the JVM a buffer changed after it went into a hash set is lost in it.
fn stores_element(coll: &Value, name: &str) -> bool {
    match coll {
        Value::Seq(SeqKind::ArrayBuffer | SeqKind::ListBuffer, _) => matches!(
            name,
            "+=" | "append" | "addOne" | "prepend" | "+=:" | "insert"
        ),
        Value::Seq(SeqKind::MutableMap(_), _) => {
            matches!(name, "put" | "update" | "+=" | "addOne")
        }
        _ => false,
    }
}

/// The arguments of a call that stores one ([`stores_element`]): a name's (or a field's)
/// mutable collection is its shared cell, also as the value of a pair written in place (`k ->
/// buf`, `(k, buf)`), so the collection and the name hold one buffer, as on the JVM.
#[inline(never)]
fn eval_stored(rt: &mut Runtime, env: &Rc<Frame>, written: &[Expr]) -> Result<Vec<Value>, Exn> {
    let mut out = Vec::with_capacity(written.len());
    for a in written {
        match &a.kind {
            _ if named(a) => out.push(eval_kept(rt, env, a)?),
            ExprKind::Binary {
                op: BinOp::Arrow,
                lhs,
                rhs,
                ..
            } if named(rhs) => {
                let k = eval(rt, env, lhs)?;
                out.push(Value::pair(k, eval_kept(rt, env, rhs)?));
            }
            ExprKind::Tuple(items) if items.len() == 2 && named(&items[1]) => {
                let k = eval(rt, env, &items[0])?;
                out.push(Value::pair(k, eval_kept(rt, env, &items[1])?));
            }
            _ => out.extend(eval_args(rt, env, std::slice::from_ref(a))?),
        }
    }
    Ok(out)
}

/// `var.name(args)` for the buffer, mutable map or set `var` holds (see [`updates_in_place`]):
/// its contents changed in place, a copy only if another value shares them (building a
/// buffer of n elements with `+=` was n copies), and stored back; the call's value. An update
/// that fails leaves the collection as it was.
fn update_held(rt: &mut Runtime, env: &Rc<Frame>, var: &str, name: &str, args: Vec<Value>) -> R {
    let Some(mut v) = take_var(rt, env, var) else {
        return Err(Exn::unsupported(format!("not found: value {var}")));
    };
    let r = match &mut v {
        Value::Seq(kind @ (SeqKind::ArrayBuffer | SeqKind::ListBuffer), items) => {
            match buffer_update(rt, *kind, Rc::make_mut(items), name, &args) {
                Some(Ok(super::mutation::Returns::Itself)) => Ok(None),
                Some(Ok(super::mutation::Returns::Value(x))) => Ok(Some(x)),
                Some(Ok(super::mutation::Returns::Unit)) => Ok(Some(Value::Unit)),
                Some(Err(e)) => Err(e),
                None => Err(Exn::unsupported(format!("{name} on an ArrayBuffer"))),
            }
        }
        Value::Seq(kind, items) => match map_fn_update(rt, *kind, items, name, args) {
            Ok((name, args)) => {
                super::mutable_map::update_in_place(kind, Rc::make_mut(items), name, args)
            }
            Err(e) => Err(e),
        },
        other => Err(Exn::unsupported(format!(
            "value {name} is not a member of {}",
            other.type_name()
        ))),
    };
    let itself = matches!(r, Ok(None)).then(|| v.clone());
    store(rt, env, var, v, true)?;
    Ok(r?.or(itself).unwrap_or(Value::Unit))
}

/// A buffer's update ([`super::mutation::buffer_update`]), or one that runs a function
/// ([`super::mutation::BUFFER_FN_UPDATES`]): its collection method's result in place of the
/// contents, which stay as they were when the function throws.
fn buffer_update(
    rt: &mut Runtime,
    kind: SeqKind,
    items: &mut Vec<Value>,
    name: &str,
    args: &[Value],
) -> Option<Result<super::mutation::Returns, Exn>> {
    if kind == SeqKind::ListBuffer && name.starts_with("sortInPlace") {
        // An indexed sequence's (`ArrayBuffer`'s); scalac: not a member of `ListBuffer`.
        let message =
            format!("value {name} is not a member of scala.collection.mutable.ListBuffer");
        return Some(Err(Exn::unsupported(message)));
    }
    let Some(&(_, base)) = super::mutation::BUFFER_FN_UPDATES
        .iter()
        .find(|(n, _)| *n == name)
    else {
        return super::mutation::buffer_update(items, name, args);
    };
    let v = Value::Seq(kind, Rc::new(items.clone()));
    let span = super::ast::Span::default();
    Some(
        super::builtins::call_method(rt, v, base, args.to_vec(), span)
            .and_then(|r| iterate(rt, &r))
            .map(|new| {
                *items = new;
                super::mutation::Returns::Itself
            }),
    )
}

/// A mutable map's or set's update that runs a function, as the update without one that has
/// its effect: `filterInPlace(p)` removes (`--=`) what `p` rejects, `mapValuesInPlace(f)`
/// puts (`++=`) each key with its new value, in the table's order. Any other update as it is.
fn map_fn_update<'a>(
    rt: &mut Runtime,
    kind: SeqKind,
    items: &[Value],
    name: &'a str,
    args: Vec<Value>,
) -> Result<(&'a str, Vec<Value>), Exn> {
    let map = matches!(kind, SeqKind::MutableMap(_));
    let (f, span) = match (name, args.first()) {
        // `retain(p)`: 2.13's deprecated `filterInPlace(p)`.
        ("filterInPlace" | "mapValuesInPlace" | "retain", Some(f)) => {
            (f.clone(), super::ast::Span::default())
        }
        _ => return Ok((name, args)),
    };
    let mut out = Vec::new();
    for x in items {
        let (k, v) = match x.as_pair() {
            Some((k, v)) if map => (k.clone(), Some(v.clone())),
            _ => (x.clone(), None),
        };
        let call = match &v {
            Some(v) => vec![k.clone(), v.clone()],
            None => vec![k.clone()],
        };
        let r = apply_value(rt, f.clone(), call, span)?;
        if name == "mapValuesInPlace" {
            out.push(Value::pair(k, r));
        } else if r.as_bool() == Some(false) {
            out.push(k);
        }
    }
    let list = Value::list(out);
    Ok(if name == "mapValuesInPlace" {
        ("++=", vec![list])
    } else {
        ("--=", vec![list])
    })
}

/// The value `coll(key) op= rhs` stores: `coll(key) op rhs`, or `rhs` for a plain `=`.
fn element_value(
    rt: &mut Runtime,
    coll: Value,
    key: &Value,
    op: Option<BinOp>,
    rhs: Value,
    span: super::ast::Span,
) -> R {
    let Some(op) = op else {
        return Ok(rhs);
    };
    let old = super::builtins::call_method(rt, coll, "apply", vec![key.clone()], span)?;
    // `bufs(i) += x` on an array of buffers is the element's own `+=` (Scala tries the
    // method before the assignment): the buffer grows and stays in its place.
    let method = match op {
        BinOp::Add => "+=",
        BinOp::Sub => "-=",
        BinOp::Concat => "++=",
        _ => return binary(rt, op, super::shared_ref::read(old), rhs),
    };
    if let Some(c) = super::shared_ref::cell(&old) {
        // A buffer a name also holds (see [`eval_kept`]): updated in its cell, which stays.
        let inner = c.get();
        if updates_in_place(&inner, method) {
            let (home, var) = cell_home(old.clone());
            update_held(rt, &home, &var, method, vec![rhs])?;
            return Ok(old);
        }
        return binary(rt, op, inner, rhs);
    }
    match super::with_default::mutable_inner(&old) {
        Value::Seq(kind @ (SeqKind::ArrayBuffer | SeqKind::ListBuffer), items) => {
            let mut items = (**items).clone();
            match super::mutation::buffer_update(&mut items, method, std::slice::from_ref(&rhs)) {
                Some(u) => u.map(|_| Value::Seq(*kind, Rc::new(items))),
                None => binary(rt, op, old, rhs),
            }
        }
        Value::Seq(kind @ (SeqKind::MutableMap(_) | SeqKind::MutableSet(_)), items) => {
            let u = super::mutable_map::update(*kind, items, method, vec![rhs])?;
            Ok(super::with_default::rewrap(Some(&old), u.value))
        }
        _ if old
            .obj::<super::string_builder::StringBuilderObj>()
            .is_some() =>
        {
            super::builtins::call_method(rt, old.clone(), method, vec![rhs], span)?;
            Ok(old)
        }
        _ => binary(rt, op, old, rhs),
    }
}

/// `Iterator.iterate(start)(f)`, `Iterator.from(n)`, `Iterator.continually(elem)` (see
/// `lazy_iter`), and `List.iterate(start, len)(f)`. Apart from [`eval`], whose frame every
/// nested call of a program pays.
#[inline(never)]
fn iterator_source(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    recv: &Expr,
    name: &str,
    args: &[Vec<Expr>],
    span: super::ast::Span,
) -> R {
    // The endless iterators (see `lazy_iter`); `continually`'s element is by name.
    let lists: Vec<usize> = args.iter().map(Vec::len).collect();
    match (name, lists.as_slice()) {
        ("iterate", [2, 1]) => {
            // `List.iterate(start, len)(f)`: the first `len` of the iterator's.
            let a = eval_args(rt, env, &args[0])?;
            let f = eval(rt, env, &args[1][0])?;
            let what = format!("{}.iterate", qualified_name(recv).unwrap_or_default());
            let f = super::builtins::func_arg(&[f], 0, &what)?;
            let len = super::builtins::int_arg(&a, 1, &what)?.max(0);
            if len as u64 > crate::exec::MAX_ELEMENTS {
                return Err(Exn::too_large(&what));
            }
            let it = super::lazy_iter::iterate(a[0].clone(), f);
            let taken =
                super::builtins::call_method(rt, it, "take", vec![Value::Int(len as i32)], span)?;
            let conv = match qualified_name(recv).as_deref() {
                Some("Array") => "toArray",
                Some("Vector") => "toVector",
                _ => "toList",
            };
            super::builtins::call_method(rt, taken, conv, Vec::new(), span)
        }
        ("iterate", [1, 1]) => {
            let start = eval(rt, env, &args[0][0])?;
            let f = eval(rt, env, &args[1][0])?;
            let f = super::builtins::func_arg(&[f], 0, "Iterator.iterate")?;
            Ok(super::lazy_iter::iterate(start, f))
        }
        ("from", [1] | [2]) => {
            let a = eval_args(rt, env, &args[0])?;
            let n = |i: usize| match a.get(i) {
                Some(Value::Int(n)) => Ok(*n),
                None => Ok(1),
                Some(v) => Err(Exn::unsupported(format!(
                    "type mismatch in Iterator.from: found {}, required Int",
                    v.type_name()
                ))),
            };
            Ok(super::lazy_iter::from(n(0)?, n(1)?))
        }
        ("continually", [1]) => Ok(super::lazy_iter::continually(&args[0][0], env)),
        _ => Err(Exn::unsupported(format!(
            "Iterator.{name} with these arguments"
        ))),
    }
}

/// `xs ::= x`, `xs :+= x`, `s ++= t` on a variable holding a value that has no such update
/// of its own (a `List`, a `Vector`, a `String`, an immutable `Set`): Scala's `xs = xs.op(x)`
/// (`::=` prepends). `None` when `name` is no such operator or the value has its own.
#[inline(never)]
fn op_assign(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    recv: &Expr,
    cur: &Value,
    name: &str,
    args: &[Vec<Expr>],
) -> Result<Option<Value>, Exn> {
    let (Some(op), [written]) = (name.strip_suffix('='), args) else {
        return Ok(None);
    };
    let immutable = match cur {
        Value::Seq(kind, _) => matches!(
            kind,
            SeqKind::List
                | SeqKind::Vector
                | SeqKind::Set
                | SeqKind::HashSet
                | SeqKind::Map
                | SeqKind::HashMap
                | SeqKind::TreeSet
                | SeqKind::TreeMap
        ),
        Value::Str(_) => true,
        _ => false,
    };
    if op.is_empty() || !immutable || !matches!(op, "::" | "++" | ":+" | "+:" | "--" | "++:") {
        return Ok(None);
    }
    let rhs = eval_args(rt, env, written)?;
    let new = match (op, rhs.as_slice()) {
        ("::", [x]) => binary(rt, BinOp::Cons, x.clone(), cur.clone())?,
        ("++", [x]) => binary(rt, BinOp::Concat, cur.clone(), x.clone())?,
        _ => super::builtins::call_method(rt, cur.clone(), op, rhs, recv.span)?,
    };
    match &recv.kind {
        ExprKind::Ident(var) => store(rt, env, var, new, false)?,
        _ => match object_field(rt, env, recv)? {
            Some((frame, field)) => store(rt, &frame, &field, new, false)?,
            None => {
                return Err(Exn::unsupported(format!(
                    "value {name} is not a member of {}",
                    cur.type_name()
                )))
            }
        },
    }
    Ok(Some(Value::Unit))
}

/// What [`held_update`] did: the update's result, or the receiver it evaluated when the
/// call is not a mutable collection's own update.
enum Held {
    Done(Value),
    Receiver(Value),
}

/// `buf ++= xs`, `counts.put(w, n)`, `rows(i).append(x)`, `byKey(k) += v`: a mutable
/// collection's own update, its new contents bound where it is held (a variable, or an
/// element of one, each level updated in turn). Values are immutable here, so an update is a
/// new value stored back; a task stores into its own copy of a driver variable.
fn held_update(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    recv: &Expr,
    name: &str,
    args: &[Vec<Expr>],
    span: super::ast::Span,
) -> Result<Held, Exn> {
    let held = match &recv.kind {
        ExprKind::Ident(var) => Some((env.clone(), var.clone(), Vec::new())),
        _ => match place(recv) {
            Some((root, steps)) => place_home(rt, env, &root)?
                // Only a collection: `f(1).append(x)` with `f` a function is not.
                .filter(|(home, var)| {
                    lookup(rt, home, var).is_some_and(|v| {
                        matches!(v, Value::Seq(..))
                            || v.obj::<super::with_default::WithDefault>().is_some()
                    })
                })
                .map(|(home, var)| (home, var, steps)),
            None => None,
        },
    };
    let (Some((home, var, steps)), [written]) = (held, args) else {
        // `Stats.order.append(x)`, `Stats.seen.update(k, v)`: an object's collection.
        if let ([written], Some((frame, field))) = (args, object_field(rt, env, recv)?) {
            if lookup(rt, &frame, &field).is_some_and(|v| updates_in_place(&v, name)) {
                let a = eval_args(rt, env, written)?;
                return update_held(rt, &frame, &field, name, a).map(Held::Done);
            }
        }
        return eval(rt, env, recv).map(Held::Receiver);
    };
    let (root, keys, elem) = if steps.is_empty() {
        let r = eval(rt, env, recv)?;
        if updates_in_place(&r, name) {
            let a = match (name, written.as_slice()) {
                ("getOrElseUpdate", [k, default]) => {
                    // The default is by-name: run only when the key is absent.
                    let k = eval(rt, env, k)?;
                    if let Value::Seq(kind, items) = &r {
                        if super::mutable_map::has_key(*kind, items, &k) {
                            return super::builtins::call_method(rt, r, "apply", vec![k], span)
                                .map(Held::Done);
                        }
                    }
                    vec![k, eval_kept(rt, env, default)?]
                }
                _ if stores_element(&r, name) => eval_stored(rt, env, written)?,
                _ => eval_args(rt, env, written)?,
            };
            drop(r);
            return update_held(rt, &home, &var, name, a).map(Held::Done);
        }
        if !matches!(
            super::with_default::mutable_inner(&r),
            Value::Seq(
                SeqKind::ArrayBuffer
                    | SeqKind::ListBuffer
                    | SeqKind::MutableMap(_)
                    | SeqKind::MutableSet(_),
                _
            )
        ) {
            // Not a mutable collection (`line.split(" ")`): the receiver as it is.
            return Ok(Held::Receiver(r));
        }
        (r.clone(), Vec::new(), r)
    } else {
        let (root, keys, elem) = resolve_place(rt, env, (&home, &var), &steps, true, recv.span)?;
        if steps.iter().any(|s| matches!(s, Step::GetOrElseUpdate(..))) {
            // The default put in stays, whatever the call on the element does.
            store(rt, &home, &var, root.clone(), true)?;
        }
        if super::shared_ref::cell(&elem).is_some_and(|c| updates_in_place(&c.get(), name)) {
            // `m(k).append(x)` on a buffer a name also holds: the one buffer grows.
            let a = eval_args(rt, env, written)?;
            let (home, var) = cell_home(elem);
            return update_held(rt, &home, &var, name, a).map(Held::Done);
        }
        (root, keys, elem)
    };
    let (new, result) = match super::with_default::mutable_inner(&elem) {
        Value::Seq(kind @ (SeqKind::ArrayBuffer | SeqKind::ListBuffer), items)
            if updates_in_place(&elem, name) =>
        {
            let (kind, mut items) = (*kind, (**items).clone());
            let a = eval_args(rt, env, written)?;
            let result = match buffer_update(rt, kind, &mut items, name, &a) {
                Some(u) => u?,
                None => return Ok(Held::Receiver(elem)),
            };
            let new = Value::Seq(kind, Rc::new(items));
            let result = match result {
                super::mutation::Returns::Itself => new.clone(),
                super::mutation::Returns::Value(x) => x,
                super::mutation::Returns::Unit => Value::Unit,
            };
            (new, result)
        }
        Value::Seq(kind, items) if super::mutable_map::is_update(*kind, name) => {
            let (kind, items) = (*kind, items.clone());
            let a = match (name, written.as_slice()) {
                ("getOrElseUpdate", [k, default]) => {
                    // The default is by-name: run only when the key is absent.
                    let k = eval(rt, env, k)?;
                    if super::mutable_map::has_key(kind, &items, &k) {
                        let m = Value::Seq(kind, items);
                        return super::builtins::call_method(rt, m, "apply", vec![k], span)
                            .map(Held::Done);
                    }
                    vec![k, eval(rt, env, default)?]
                }
                _ => eval_args(rt, env, written)?,
            };
            let (name, a) = map_fn_update(rt, kind, &items, name, a)?;
            let u = super::mutable_map::update(kind, &items, name, a)?;
            (super::with_default::rewrap(Some(&elem), u.value), u.result)
        }
        _ => return Ok(Held::Receiver(elem)),
    };
    let new_root = updated_element(rt, root, &keys, None, new, span)?;
    store(rt, &home, &var, new_root, true)?;
    Ok(Held::Done(result))
}

/// One step from a variable to the element an update reaches.
enum Step<'a> {
    /// `(k)`: the element at `k`.
    Index(&'a Expr),
    /// `.getOrElseUpdate(k, d)`: the element at `k`, put there first if absent.
    GetOrElseUpdate(&'a Expr, &'a Expr),
}

/// Where an update's target starts: a variable, or a member of a program's object
/// (`Stats.seen(k) = n`).
enum Root<'a> {
    Var(&'a str),
    Member(&'a Expr, &'a str, super::ast::Span),
}

/// The root and the steps to an update's target, outermost first: `g(1)(2)` is `g` with
/// two indices, `m.getOrElseUpdate(w, ListBuffer())` `m` with one step that inserts,
/// `Stats.seen(k)` the object's member `seen` with one index. None for anything else (a
/// bare name included).
fn place(target: &Expr) -> Option<(Root<'_>, Vec<Step<'_>>)> {
    let mut steps = Vec::new();
    let mut e = target;
    loop {
        match &e.kind {
            // `g(1)(2)` parses as one application with two argument lists.
            ExprKind::Apply { func, args, .. }
                if !args.is_empty() && args.iter().all(|a| a.len() == 1) =>
            {
                steps.extend(args.iter().rev().map(|a| Step::Index(&a[0])));
                e = func;
            }
            // `m.getOrElseUpdate(k, d)(i)`: the call's lists, then the element's.
            ExprKind::MethodCall {
                recv, name, args, ..
            } if name == "getOrElseUpdate" => match args.split_first() {
                Some((a, more)) if a.len() == 2 && more.iter().all(|m| m.len() == 1) => {
                    steps.extend(more.iter().rev().map(|m| Step::Index(&m[0])));
                    steps.push(Step::GetOrElseUpdate(&a[0], &a[1]));
                    e = recv;
                }
                _ => return None,
            },
            // `Stats.seen(k)`: an object's member indexed (the member's own lists).
            ExprKind::MethodCall {
                recv,
                name,
                name_span,
                targs,
                args,
            } if matches!(recv.kind, ExprKind::Ident(_))
                && targs.is_empty()
                && !args.is_empty()
                && args.iter().all(|a| a.len() == 1) =>
            {
                steps.extend(args.iter().rev().map(|a| Step::Index(&a[0])));
                steps.reverse();
                return Some((Root::Member(recv, name, *name_span), steps));
            }
            ExprKind::Field {
                recv,
                name,
                name_span,
            } if matches!(recv.kind, ExprKind::Ident(_)) && !steps.is_empty() => {
                steps.reverse();
                return Some((Root::Member(recv, name, *name_span), steps));
            }
            ExprKind::Ident(name) if !steps.is_empty() => {
                steps.reverse();
                return Some((Root::Var(name), steps));
            }
            _ => return None,
        }
    }
}

/// The variable's value (with the elements `getOrElseUpdate` put in), the keys of each
/// step, and the element they reach (`Unit` unless `reach_last`: an assignment's target need
/// not be there yet).
fn resolve_place(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    (home, var): (&Rc<Frame>, &str),
    steps: &[Step],
    reach_last: bool,
    span: super::ast::Span,
) -> Result<(Value, Vec<Value>, Value), Exn> {
    let mut root =
        lookup(rt, home, var).ok_or_else(|| Exn::unsupported(format!("not found: value {var}")))?;
    let mut keys = Vec::with_capacity(steps.len());
    let mut elem = root.clone();
    for step in steps {
        let (k, default) = match step {
            Step::Index(k) => (eval(rt, env, k)?, None),
            Step::GetOrElseUpdate(k, d) => (eval(rt, env, k)?, Some(d)),
        };
        let absent = match (default, super::with_default::mutable_inner(&elem)) {
            (None, _) => false,
            (Some(_), Value::Seq(kind @ SeqKind::MutableMap(_), items)) => {
                !super::mutable_map::has_key(*kind, items, &k)
            }
            (Some(_), _) => {
                return Err(Exn::unsupported(
                    "an update through getOrElseUpdate of anything but a mutable Map",
                ))
            }
        };
        keys.push(k.clone());
        if let (true, Some(d)) = (absent, default) {
            // The default is by-name: run only when the key is absent.
            let d = eval(rt, env, d)?;
            root = updated_element(rt, root, &keys, None, d.clone(), span)?;
            elem = d;
        } else if reach_last || keys.len() < steps.len() {
            elem = super::builtins::call_method(rt, elem, "apply", vec![k], span)?;
        } else {
            elem = Value::Unit;
        }
    }
    Ok((root, keys, elem))
}

/// `coll` once `coll(k0)(k1)...(kn) op= rhs` has run: each level's element update (an
/// `Array`'s, a buffer's, a mutable map's `update`, a default kept), innermost first.
fn updated_element(
    rt: &mut Runtime,
    coll: Value,
    keys: &[Value],
    op: Option<BinOp>,
    rhs: Value,
    span: super::ast::Span,
) -> R {
    let Some((k, rest)) = keys.split_first() else {
        return Ok(rhs);
    };
    if let Some(c) = super::shared_ref::cell(&coll) {
        // `m(k)(0) = x` with `m(k)` a buffer a name also holds: updated in its cell.
        let new = updated_element(rt, c.get(), keys, op, rhs, span)?;
        c.put(new);
        return Ok(coll);
    }
    let inner = super::with_default::mutable_inner(&coll);
    let mutable = matches!(
        inner,
        Value::Seq(
            SeqKind::MutableMap(_) | SeqKind::Array | SeqKind::ArrayBuffer | SeqKind::ListBuffer,
            _
        )
    );
    if !mutable && rest.is_empty() {
        return Err(Exn::unsupported(
            "assignment to an element of anything but an Array, an ArrayBuffer or a mutable Map",
        ));
    }
    let v = if rest.is_empty() {
        element_value(rt, coll.clone(), k, op, rhs, span)?
    } else {
        let child = super::builtins::call_method(rt, coll.clone(), "apply", vec![k.clone()], span)?;
        let v = updated_element(rt, child, rest, op, rhs, span)?;
        if !mutable {
            // `rows(0)(1) = x` with `rows` a `List` of arrays: the array is updated in place on
            // the JVM, so the list shows it; here values are immutable, so the list is rebuilt.
            return super::builtins::call_method(rt, coll, "updated", vec![k.clone(), v], span);
        }
        v
    };
    match super::with_default::mutable_inner(&coll) {
        Value::Seq(kind @ SeqKind::MutableMap(_), items) => {
            let u = super::mutable_map::update(*kind, items, "update", vec![k.clone(), v])?;
            Ok(super::with_default::rewrap(Some(&coll), u.value))
        }
        Value::Seq(kind, items) => {
            let mut items = (**items).clone();
            super::mutation::set_element(*kind, &mut items, k, v)?;
            Ok(Value::Seq(*kind, Rc::new(items)))
        }
        _ => Err(Exn::unsupported("assignment to a field")),
    }
}

/// `var.name(args)` for the update of a mutable map with a default (`withDefaultValue`):
/// binds the new table, wrapped as before, to `var`.
fn update_mutable(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    var: &str,
    kind: SeqKind,
    items: &[Value],
    name: &str,
    args: Vec<Value>,
) -> R {
    let (name, args) = map_fn_update(rt, kind, items, name, args)?;
    let u = super::mutable_map::update(kind, items, name, args)?;
    let v = super::with_default::rewrap(lookup(rt, env, var).as_ref(), u.value);
    store(rt, env, var, v, true)?;
    Ok(u.result)
}

/// Arguments with their names as written (`w.copy(n = 2)`, `Word(text = "a", n = 1)`).
/// For a program's own class or function, which shares the buffers its caller names (see
/// [`eval_kept`]).
fn eval_named_args(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    args: &[Expr],
) -> Result<Vec<super::case_class::Arg>, Exn> {
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        out.push(match super::named_args::named(a) {
            Some((n, v)) => (Some(n.to_string()), eval_kept(rt, env, v)?),
            None => (None, eval_kept(rt, env, a)?),
        });
    }
    Ok(out)
}

/// `w.copy(...)` and `Word.apply(...)`, whose arguments may be named; `None` for any other
/// call.
fn case_class_call(
    rt: &mut Runtime,
    env: &Rc<Frame>,
    recv: &Value,
    name: &str,
    args: &[Vec<Expr>],
) -> Result<Option<Value>, Exn> {
    use super::case_class::{build, CaseObj, Companion};
    let class = match (name, recv) {
        ("copy", _) => recv.obj::<CaseObj>().map(|o| (o.class.clone(), Some(o))),
        ("apply", _) => recv.obj::<Companion>().map(|c| (c.0.clone(), None)),
        _ => None,
    };
    let (Some((class, base)), [written]) = (class, args) else {
        return Ok(None);
    };
    let a = eval_named_args(rt, env, written)?;
    build(rt, &class, a, name, base.map(|o| &*o.fields)).map(Some)
}

/// `this`, inside a case class's method.
fn this_case_obj(rt: &Runtime, env: &Rc<Frame>) -> Option<Value> {
    lookup(rt, env, "this").filter(|t| t.obj::<super::case_class::CaseObj>().is_some())
}

/// `import Utils._` of a helper object: its members become names wherever the program runs
/// after it (the import's block is not tracked).
fn open_helper(rt: &mut Runtime, env: &Rc<Frame>, text: &str) {
    let head = text.split('.').next().unwrap_or("");
    if let Some(v) = lookup(rt, env, head) {
        if v.obj::<HelperObj>().is_some_and(|h| h.def.opened_by(text)) {
            rt.interp.opened.push(v);
        }
    }
}

/// `name` as a member of an opened helper object: its value, applied to `args` if any.
fn opened_member(
    rt: &mut Runtime,
    name: &str,
    args: Vec<Value>,
    span: super::ast::Span,
) -> Option<R> {
    let opened = rt.interp.opened.clone();
    let h = opened
        .iter()
        .rev()
        .filter_map(|v| v.obj::<HelperObj>())
        .find(|h| h.def.defines(name))?;
    Some(helper_member(rt, h, name, args, span))
}

/// Methods whose implicit `Ordering` a program may pass: `top(n)(ord)`, `sorted(ord)`.
const ORDERED_METHODS: &[&str] = &[
    "top",
    "takeOrdered",
    "max",
    "min",
    "sorted",
    "sortBy",
    "maxBy",
    "minBy",
];

/// A helper object of the program (`object Utils { .. }`): its members live in a frame of
/// their own under the program's globals, made when the object is first used, as a Scala
/// object initialises; the frame is shared by the driver and tasks (a JVM singleton).
pub struct HelperObj {
    def: Rc<super::ast::HelperObject>,
    frame: RefCell<Option<Rc<Frame>>>,
    /// Where an `object` written in a block (`main`'s) was defined; `None` for a top-level
    /// one, whose scope is the program's.
    pub local: Option<Rc<Frame>>,
}

impl Object for HelperObj {
    fn class_name(&self) -> String {
        format!("object {}", self.def.name)
    }
    fn to_string_scala(&self) -> String {
        format!("{}$@{:x}", self.def.name, 0x2f0e_140b)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `Utils.name(args)` or `Utils.name`: a member's value (a `def` without parameters runs),
/// applied to `args` if there are any; a `def` with parameters named alone is the function.
pub fn helper_member(
    rt: &mut Runtime,
    obj: &HelperObj,
    name: &str,
    args: Vec<Value>,
    span: super::ast::Span,
) -> R {
    let existing = obj.frame.borrow().clone();
    let frame = match existing {
        Some(f) => f,
        None => {
            let parent = obj.local.clone().or_else(|| rt.interp.globals.clone());
            let frame = Frame::new(parent, true);
            // Set first: a member that uses the object while it initialises sees it as is.
            *obj.frame.borrow_mut() = Some(frame.clone());
            for s in &obj.def.body {
                exec_stmt(rt, &frame, s)?;
            }
            frame.share_all();
            frame
        }
    };
    if !frame.slots.borrow().iter().any(|s| &*s.name == name) {
        return Err(Exn::unsupported(format!(
            "value {name} is not a member of object {}",
            obj.def.name
        )));
    }
    let v = eval(rt, &frame, &Expr::new(ExprKind::Ident(name.into()), span))?;
    // `Pool.get()` (and `Pool.get`) for a `def get(): Conn` calls it.
    let nullary_def = obj.def.body.iter().any(|s| {
        matches!(&s.kind, StmtKind::Def { name: n, params, .. }
            if n == name && params.len() == 1 && params[0].is_empty())
    });
    if args.is_empty() && !nullary_def {
        Ok(v)
    } else {
        apply_value(rt, v, args, span)
    }
}

/// Call the local `def` `name` of `defs` with `args`, in a frame under `parent` holding
/// `binds` (a case class's method: its fields and `this`).
pub fn call_local_def(
    rt: &mut Runtime,
    parent: &Rc<Frame>,
    binds: &[(&str, Value)],
    defs: &[Stmt],
    name: &str,
    args: Vec<Value>,
) -> R {
    let frame = Frame::new(Some(parent.clone()), parent.driver && !is_task(rt));
    for (n, v) in binds {
        frame.define(n, v.clone(), false);
    }
    for d in defs {
        exec_stmt(rt, &frame, d)?;
    }
    match lookup(rt, &frame, name) {
        Some(Value::Obj(o)) if o.as_any().is::<ByName>() && args.is_empty() => {
            match o.as_any().downcast_ref::<ByName>() {
                Some(b) => rt.call(&b.0.clone(), &[]),
                None => Ok(Value::Unit),
            }
        }
        Some(f) => apply_value(rt, f, args, super::ast::Span::default()),
        None => Err(Exn::unsupported(format!("not found: {name}"))),
    }
}

/// `e`'s value, but a bare name of a mutable collection gives its shared cell: what a
/// name bound to it shares (`val b = a`; see `shared_ref`).
/// So does a field of an object or instance (`acc.items`, `Store.all`).
#[inline(never)]
fn eval_kept(rt: &mut Runtime, env: &Rc<Frame>, e: &Expr) -> R {
    if let Some(v) = element_kept(rt, env, e)? {
        return Ok(v);
    }
    let held = match &e.kind {
        ExprKind::Ident(name) => lookup_raw(rt, env, name),
        ExprKind::Field {
            recv,
            name,
            name_span,
        } => match object_member(rt, env, recv, name, *name_span)? {
            Some((frame, field)) => lookup_raw(rt, &frame, &field),
            None => None,
        },
        _ => None,
    };
    match held {
        Some(v) if super::shared_ref::cell(&v).is_some() => Ok(v),
        _ => eval(rt, env, e),
    }
}

/// `m(k)`, `m.getOrElseUpdate(k, ArrayBuffer())`, `grid(i)` on a mutable collection a
/// variable holds, when the element is a mutable collection: the element in a shared cell,
/// put back in its place, so the name bound to it and the collection hold one buffer (`val
/// buf = m.getOrElseUpdate(k, ArrayBuffer()); buf += x` grows `m`'s). `None` when `e` is no
/// such element read (nothing evaluated then).
fn element_kept(rt: &mut Runtime, env: &Rc<Frame>, e: &Expr) -> Result<Option<Value>, Exn> {
    let Some((root, steps)) = place(e) else {
        return Ok(None);
    };
    let Some((home, var)) = place_home(rt, env, &root)? else {
        return Ok(None);
    };
    // Only collections that hold their elements (a map with a default gives a default it
    // does not keep; a `List` is rebuilt by an update).
    let holds = |v: &Value| {
        matches!(
            v,
            Value::Seq(
                SeqKind::MutableMap(_)
                    | SeqKind::Array
                    | SeqKind::ArrayBuffer
                    | SeqKind::ListBuffer,
                _
            )
        )
    };
    if !lookup(rt, &home, &var).is_some_and(|v| holds(&v)) {
        return Ok(None);
    }
    let (root, keys, elem) = resolve_place(rt, env, (&home, &var), &steps, true, e.span)?;
    let inserted = steps.iter().any(|s| matches!(s, Step::GetOrElseUpdate(..)));
    if super::shared_ref::is_mutable(&elem) {
        let cell = super::shared_ref::bind(elem);
        let new_root = updated_element(rt, root, &keys, None, cell.clone(), e.span)?;
        store(rt, &home, &var, new_root, true)?;
        return Ok(Some(cell));
    }
    if inserted {
        store(rt, &home, &var, root, true)?;
    }
    Ok(Some(elem))
}

/// [`eval_args`] for a program's own function or method, which shares the caller's
/// buffers (see [`eval_kept`]).
#[inline(never)]
fn eval_args_kept(rt: &mut Runtime, env: &Rc<Frame>, args: &[Expr]) -> Result<Vec<Value>, Exn> {
    if !args.iter().any(named) {
        return eval_args(rt, env, args);
    }
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        match &a.kind {
            _ if named(a) => out.push(eval_kept(rt, env, a)?),
            _ => out.extend(eval_args(rt, env, std::slice::from_ref(a))?),
        }
    }
    Ok(out)
}

fn eval_args(rt: &mut Runtime, env: &Rc<Frame>, args: &[Expr]) -> Result<Vec<Value>, Exn> {
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        match &a.kind {
            // `f(xs: _*)`: the sequence's elements as the arguments.
            ExprKind::Ascribe(x, super::ast::TypeRef::Named { name, .. }) if name == "_*" => {
                let xs = eval(rt, env, x)?;
                out.extend(into_items(rt, xs)?);
            }
            _ => out.push(eval(rt, env, a)?),
        }
    }
    Ok(out)
}

/// `f(args)` on a value: call a function, index an array or list, look up a map.
pub fn apply_value(rt: &mut Runtime, f: Value, args: Vec<Value>, span: super::ast::Span) -> R {
    if let Some(func) = f.obj::<Func>() {
        let func = func.clone();
        return rt.call(&func, &args);
    }
    super::builtins::call_method(rt, f, "apply", args, span)
}

/// The names of `params`, for [`Closure::names`].
fn param_names(params: &[Param]) -> Rc<[Rc<str>]> {
    params.iter().map(|p| Rc::from(p.name.as_str())).collect()
}

/// A `def`'s arguments as its parameters take them: a repeated parameter's values as one
/// `Seq`, missing trailing ones from their defaults. `Err(Some(f))`: the first lists only,
/// `f` the function of the rest (`add(1) _`, `map(add(10))`); `Err(None)`: no fit.
fn def_args(
    rt: &mut Runtime,
    c: &Rc<Closure>,
    shape: &DefShape,
    args: &[Value],
) -> Result<Result<Vec<Value>, Option<Value>>, Exn> {
    let n = c.params.len();
    if shape.repeated && args.len() + 1 >= n {
        let (fixed, rest) = args.split_at(n - 1);
        // Scala 2.13 passes written values as an `ArraySeq`, none as an empty `List`.
        let kind = if rest.is_empty() {
            SeqKind::List
        } else {
            SeqKind::ArraySeq
        };
        let mut vals = fixed.to_vec();
        let mut rest = rest.to_vec();
        super::shared_ref::read_all(&mut rest);
        vals.push(Value::Seq(kind, Rc::new(rest)));
        return Ok(Ok(vals));
    }
    if args.len() >= n {
        return Ok(Err(None));
    }
    let mut given = 0;
    for size in &shape.lists {
        given += size;
        if given == args.len() {
            let (c, first) = (c.clone(), args.to_vec());
            let rest = Func::native("partially applied", move |rt, more| {
                let mut all = first.clone();
                all.extend_from_slice(more);
                call_closure(rt, &c, &all)
            });
            return Ok(Err(Some(rest.into_value())));
        }
    }
    let mut vals = args.to_vec();
    for i in args.len()..n {
        match shape.defaults.get(i) {
            Some(Some(d)) => vals.push(eval(rt, &c.env, d)?),
            _ => return Ok(Err(None)),
        }
    }
    Ok(Ok(vals))
}

/// A `def`'s arguments with names (`greet(greeting = "yo", name = "al")`) in its parameters'
/// order, missing ones from their defaults.
fn named_def_args(
    rt: &mut Runtime,
    c: &Closure,
    args: Vec<super::case_class::Arg>,
) -> Result<Vec<Value>, Exn> {
    let defaults = c.def.as_ref().map(|d| d.defaults.as_slice()).unwrap_or(&[]);
    let mut vals: Vec<Option<Value>> = vec![None; c.params.len()];
    for (i, (name, v)) in args.into_iter().enumerate() {
        let at = match &name {
            Some(n) => c
                .params
                .iter()
                .position(|p| &p.name == n)
                .ok_or_else(|| Exn::unsupported(format!("unknown parameter name: {n}")))?,
            None => i,
        };
        if let Some(slot) = vals.get_mut(at) {
            *slot = Some(v);
        }
    }
    let mut out = Vec::with_capacity(vals.len());
    for (i, v) in vals.into_iter().enumerate() {
        out.push(match (v, defaults.get(i)) {
            (Some(v), _) => v,
            (None, Some(Some(d))) => eval(rt, &c.env, d)?,
            (None, _) => {
                return Err(Exn::unsupported(format!(
                    "not enough arguments: unspecified value parameter {}",
                    c.params[i].name
                )))
            }
        });
    }
    Ok(out)
}

/// Call a Scala closure.
pub fn call_closure(rt: &mut Runtime, c: &Rc<Closure>, args: &[Value]) -> R {
    let shaped;
    let args = match &c.def {
        Some(shape) if c.params.len() != args.len() || shape.repeated => {
            match def_args(rt, c, shape, args)? {
                Ok(vals) => {
                    shaped = vals;
                    &shaped[..]
                }
                Err(Some(partial)) => return Ok(partial),
                Err(None) => args,
            }
        }
        _ => args,
    };
    // The values the parameters get, in order.
    let tupled;
    let vals: &[Value] = if c.params.len() == args.len() {
        args
    } else if c.params.len() == 1 && args.len() > 1 {
        // A function of one tuple parameter called with the tuple's parts.
        tupled = [Value::Tuple(Rc::from(args))];
        &tupled
    } else if c.params.len() > 1 && args.len() == 1 {
        match &args[0] {
            // A lambda `(k, v) => ...` given one pair: Scala 2.13 does not spread it (scalac
            // refuses the program; the checker says so where it knows the element's type).
            Value::Tuple(t)
                if t.len() == c.params.len()
                    && c.def.is_none()
                    && c.params.iter().all(|p| p.ty.is_none()) =>
            {
                return Err(Exn::unsupported(super::diag::message(
                    "missing_param_type",
                    &[t.len().to_string(), param_list(c)],
                    super::diag::Lang::En,
                )));
            }
            Value::Tuple(t) if t.len() == c.params.len() => t,
            _ => return Err(arity_error(c, args.len())),
        }
    } else {
        return Err(arity_error(c, args.len()));
    };
    let driver = c.env.driver && !is_task(rt);
    note_run(rt, c.span);
    let frame = match &c.widen {
        None => Frame::with_params(
            &mut rt.interp.frames,
            c.env.clone(),
            &c.names,
            vals.iter().cloned(),
            driver,
        ),
        Some(w) => Frame::with_params(
            &mut rt.interp.frames,
            c.env.clone(),
            &c.names,
            vals.iter().zip(w.iter()).map(|(v, w)| w.apply(v.clone())),
            driver,
        ),
    };
    let saved_span = rt.cur_span;
    let r = eval(rt, &frame, &c.body).and_then(|v| super::user_class::take_thrown(rt).map(|()| v));
    Frame::release(&mut rt.interp.frames, frame);
    rt.cur_span = saved_span;
    let r = match r {
        Err(e) if e.class == RETURN_CLASS => {
            Ok(rt.interp.return_value.take().unwrap_or(Value::Unit))
        }
        other => other,
    };
    match (c.ret, r) {
        (Widen::No, r) => r,
        (w, r) => r.map(|v| w.apply(v)),
    }
}

/// `pf.isDefinedAt(v)`: for a case lambda, does a case's pattern (and guard) take `v`,
/// without running its body; any other function is defined everywhere.
pub fn is_defined_at(rt: &mut Runtime, f: &Func, v: &Value) -> Result<bool, Exn> {
    let Func::Scala(c) = f else { return Ok(true) };
    let ExprKind::Match { scrutinee, cases } = &c.body.kind else {
        return Ok(true);
    };
    if !matches!(&scrutinee.kind, ExprKind::Ident(n) if n == "x$case") {
        return Ok(true);
    }
    let driver = c.env.driver && !is_task(rt);
    for case in cases {
        let frame = Frame::new(Some(c.env.clone()), driver);
        if match_pattern(rt, &frame, &case.pat, v, false)? {
            match &case.guard {
                Some(g) if eval(rt, &frame, g)?.as_bool() != Some(true) => {}
                _ => return Ok(true),
            }
        }
    }
    Ok(false)
}

/// A closure's parameters as written, `k, v`.
fn param_list(c: &Closure) -> String {
    let names: Vec<&str> = c.params.iter().map(|p| p.name.as_str()).collect();
    names.join(", ")
}

fn arity_error(c: &Closure, n: usize) -> Exn {
    Exn::unsupported(format!(
        "this function takes {} parameter(s) but is called with {n}",
        c.params.len()
    ))
}

/// A collection's or a string's methods that, written without arguments, are a function
/// value (`filter(words.contains)`, `map(m.apply)`, `exists(line.startsWith)`).
pub const ETA_VALUE_METHODS: &[&str] = &[
    "contains",
    "apply",
    "startsWith",
    "endsWith",
    "isDefinedAt",
    "indexOf",
    "equalsIgnoreCase",
    "matches",
];

/// Scala's `coll op (a, b)` with `op` one of `+`, `-` (or their `+=`, `-=`) on a map, a set or
/// a buffer: `coll.op(a, b)`, the operator's varargs overload, which scalac picks for two
/// arguments and more (`m + (k1 -> v1, k2 -> v2)`, `s -= (1, 2)`, `buf += (1, 2)`; so
/// `pairs += (w, 1)` on a buffer of pairs does not compile in 2.13). `None` for anything else,
/// and for a map's `+` of parts that are not pairs (scalac's type mismatch; the tuple kept).
fn varargs_parts(coll: &Value, op: BinOp, rhs: &Expr, r: &Value) -> Option<Vec<Value>> {
    let (ExprKind::Tuple(parts), Value::Tuple(t)) = (&rhs.kind, r) else {
        return None;
    };
    if parts.len() < 2 || !matches!(op, BinOp::Add | BinOp::Sub) {
        return None;
    }
    let coll = match coll.obj::<super::with_default::WithDefault>() {
        Some(w) => &w.map,
        None => coll,
    };
    let Value::Seq(kind, _) = coll else {
        return None;
    };
    let spread = if super::collections::is_map(*kind) {
        op == BinOp::Sub || t.iter().all(|x| x.as_pair().is_some())
    } else {
        super::collections::is_set(*kind)
            || matches!(kind, SeqKind::ArrayBuffer | SeqKind::ListBuffer)
    };
    spread.then(|| t.to_vec())
}

/// Scala's binary operators on values.
pub fn binary(rt: &mut Runtime, op: BinOp, l: Value, r: Value) -> R {
    use Value::*;
    let _ = rt;
    Ok(match (op, &l, &r) {
        (BinOp::Eq, _, _) => Bool(l.scala_eq(&r)),
        (BinOp::Ne, _, _) => Bool(!l.scala_eq(&r)),
        (BinOp::Arrow, _, _) => Value::pair(l, r),
        // `m + (k -> v)`, `m - k`, `m ++ other` on a map or set: its own methods; but a
        // map (or a set of other things) `+` a String is string concatenation (`m + " "`).
        (BinOp::Add | BinOp::Sub | BinOp::Concat, Seq(k, items), _)
            if (super::collections::is_map(*k) || super::collections::is_set(*k))
                && !(op == BinOp::Add
                    && matches!(r, Str(_))
                    && (super::collections::is_map(*k)
                        || items.first().is_some_and(|x| !matches!(x, Str(_))))) =>
        {
            let name = match op {
                BinOp::Add => "+",
                BinOp::Sub => "-",
                _ => "++",
            };
            let items = items.clone();
            return super::collections::method(rt, *k, &items, name, &[r]).unwrap_or_else(|| {
                Err(Exn::unsupported(format!("{name} on a {}", l.type_name())))
            });
        }
        // The same on a map with a default (which keeps it).
        (BinOp::Add | BinOp::Sub | BinOp::Concat, Obj(_), _)
            if !(op == BinOp::Add && matches!(r, Str(_)))
                && l.obj::<super::with_default::WithDefault>().is_some() =>
        {
            let name = match op {
                BinOp::Add => "+",
                BinOp::Sub => "-",
                _ => "++",
            };
            return super::builtins::call_method(rt, l, name, vec![r], Default::default());
        }
        // Spark's `Time` and `Duration` arithmetic and comparisons: their own methods.
        (
            BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Div
            | BinOp::Lt
            | BinOp::Le
            | BinOp::Gt
            | BinOp::Ge,
            Obj(_),
            _,
        ) if !(op == BinOp::Add && matches!(r, Str(_)))
            && (l.obj::<TimeObj>().is_some()
                || l.obj::<super::spark_api::DurationObj>().is_some()) =>
        {
            return super::builtins::call_method(rt, l, op.text(), vec![r], Default::default());
        }
        (BinOp::Add, Str(a), _) => {
            let t = format!("{a}{r}");
            Exn::check_text(t.len())?;
            Value::str(&t)
        }
        (BinOp::Add, _, Str(b)) => {
            Exn::check_text(b.len())?;
            let t = format!("{l}{b}");
            Exn::check_text(t.len())?;
            Value::str(&t)
        }
        (BinOp::Mul, Str(a), Int(n)) => {
            let n = (*n).max(0) as usize;
            Exn::check_text(a.len().saturating_mul(n))?;
            Value::str(&a.repeat(n))
        }
        (BinOp::And, Bool(a), Bool(b)) => Bool(*a && *b),
        (BinOp::Or, Bool(a), Bool(b)) => Bool(*a || *b),
        (BinOp::BitAnd, Bool(a), Bool(b)) => Bool(*a & *b),
        (BinOp::BitOr, Bool(a), Bool(b)) => Bool(*a | *b),
        (BinOp::BitXor, Bool(a), Bool(b)) => Bool(*a ^ *b),
        // `"ab" ++ "cd"` (`StringOps`).
        (BinOp::Concat, Str(a), Str(b)) => {
            Exn::check_text(a.len() + b.len())?;
            Value::str(&format!("{a}{b}"))
        }
        (BinOp::Concat, Seq(k, a), _) => {
            rt.burn(crate::exec::copy_work(a.len()))?;
            let mut v = (**a).clone();
            v.extend(iterate(rt, &r)?);
            Exn::check_size(v.len(), "++")?;
            Seq(
                match k {
                    SeqKind::Range(_) => SeqKind::Vector,
                    other => super::collections::iterable_factory(*other),
                },
                Rc::new(v),
            )
        }
        (BinOp::Cons, _, Seq(k, b)) => {
            rt.burn(crate::exec::copy_work(b.len()))?;
            let mut v = vec![l.clone()];
            v.extend(b.iter().cloned());
            Seq(*k, Rc::new(v))
        }
        (_, Int(a), Int(b)) => int_op(op, *a, *b)?,
        (_, Char(a), Int(b)) => int_op(op, utf16::unit(*a) as i32, *b)?,
        (_, Int(a), Char(b)) => int_op(op, *a, utf16::unit(*b) as i32)?,
        (_, Char(a), Char(b)) => int_op(op, utf16::unit(*a) as i32, utf16::unit(*b) as i32)?,
        (_, Long(_) | Int(_), Long(_) | Int(_)) => long_op(op, as_long(&l), as_long(&r))?,
        (_, Double(_) | Long(_) | Int(_), Double(_) | Long(_) | Int(_)) => {
            double_op(op, as_f64(&l), as_f64(&r))?
        }
        // `Ordering.Boolean`: false before true.
        (BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge, Bool(a), Bool(b)) => compared(op, a.cmp(b)),
        (BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge, Str(a), Str(b)) => {
            compared(op, utf16::units(a).cmp(utf16::units(b)))
        }
        (BinOp::BitAnd | BinOp::BitOr, Seq(k, _), _) if super::collections::is_set(*k) => {
            // `a & b`, `a | b` on sets: their methods `&` (intersect) and `|` (union).
            let (l, r) = (l.clone(), r.clone());
            return super::builtins::call_method(rt, l, op.text(), vec![r], Default::default());
        }
        (BinOp::Concat, Obj(o), _)
            if o.as_any().is::<IterObj>() || o.as_any().is::<super::view::ViewObj>() =>
        {
            // `it ++ more` on an iterator or a view: its lazy `++`.
            let (l, r) = (l.clone(), r.clone());
            return super::builtins::call_method(rt, l, "++", vec![r], Default::default());
        }
        (_, Obj(o), _) if o.as_any().is::<super::user_class::Instance>() => {
            // `a + b` on a program's class: its method `+`.
            let (l, r) = (l.clone(), r.clone());
            return super::builtins::call_method(rt, l, op.text(), vec![r], Default::default());
        }
        _ => {
            return Err(Exn::unsupported(format!(
                "operator {} is not defined for {} and {}",
                op.text(),
                l.type_name(),
                r.type_name()
            )))
        }
    })
}

/// `<`, `<=`, `>` or `>=` (`op`) of two values that compare as `c`.
fn compared(op: BinOp, c: std::cmp::Ordering) -> Value {
    Value::Bool(match op {
        BinOp::Lt => c.is_lt(),
        BinOp::Le => c.is_le(),
        BinOp::Gt => c.is_gt(),
        _ => c.is_ge(),
    })
}

fn as_long(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i as i64,
        Value::Long(l) => *l,
        Value::Char(c) => i64::from(utf16::unit(*c)),
        _ => 0,
    }
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Long(l) => *l as f64,
        Value::Double(d) => *d,
        _ => 0.0,
    }
}

fn div_zero() -> Exn {
    Exn::by_zero()
}

fn int_op(op: BinOp, a: i32, b: i32) -> R {
    use Value::*;
    Ok(match op {
        BinOp::Add => Int(a.wrapping_add(b)),
        BinOp::Sub => Int(a.wrapping_sub(b)),
        BinOp::Mul => Int(a.wrapping_mul(b)),
        BinOp::Div => Int(if b == 0 {
            return Err(div_zero());
        } else {
            a.wrapping_div(b)
        }),
        BinOp::Rem => Int(if b == 0 {
            return Err(div_zero());
        } else {
            a.wrapping_rem(b)
        }),
        BinOp::Lt => Bool(a < b),
        BinOp::Le => Bool(a <= b),
        BinOp::Gt => Bool(a > b),
        BinOp::Ge => Bool(a >= b),
        BinOp::BitAnd => Int(a & b),
        BinOp::BitOr => Int(a | b),
        BinOp::BitXor => Int(a ^ b),
        BinOp::Shl => Int(a.wrapping_shl(b as u32)),
        BinOp::Shr => Int(a.wrapping_shr(b as u32)),
        BinOp::UShr => Int(((a as u32).wrapping_shr(b as u32)) as i32),
        _ => return Err(Exn::unsupported(format!("operator {} on Int", op.text()))),
    })
}

fn long_op(op: BinOp, a: i64, b: i64) -> R {
    use Value::*;
    Ok(match op {
        BinOp::Add => Long(a.wrapping_add(b)),
        BinOp::Sub => Long(a.wrapping_sub(b)),
        BinOp::Mul => Long(a.wrapping_mul(b)),
        BinOp::Div => Long(if b == 0 {
            return Err(div_zero());
        } else {
            a.wrapping_div(b)
        }),
        BinOp::Rem => Long(if b == 0 {
            return Err(div_zero());
        } else {
            a.wrapping_rem(b)
        }),
        BinOp::Lt => Bool(a < b),
        BinOp::Le => Bool(a <= b),
        BinOp::Gt => Bool(a > b),
        BinOp::Ge => Bool(a >= b),
        BinOp::BitAnd => Long(a & b),
        BinOp::BitOr => Long(a | b),
        BinOp::BitXor => Long(a ^ b),
        BinOp::Shl => Long(a.wrapping_shl(b as u32)),
        BinOp::Shr => Long(a.wrapping_shr(b as u32)),
        BinOp::UShr => Long(((a as u64).wrapping_shr(b as u32)) as i64),
        _ => return Err(Exn::unsupported(format!("operator {} on Long", op.text()))),
    })
}

fn double_op(op: BinOp, a: f64, b: f64) -> R {
    use Value::*;
    Ok(match op {
        BinOp::Add => Double(a + b),
        BinOp::Sub => Double(a - b),
        BinOp::Mul => Double(a * b),
        BinOp::Div => Double(a / b),
        BinOp::Rem => Double(a % b),
        BinOp::Lt => Bool(a < b),
        BinOp::Le => Bool(a <= b),
        BinOp::Gt => Bool(a > b),
        BinOp::Ge => Bool(a >= b),
        _ => {
            return Err(Exn::unsupported(format!(
                "operator {} on Double",
                op.text()
            )))
        }
    })
}

/// The elements of anything iterable: sequences, options, tuples' no; iterators; strings
/// (as chars).
pub fn iterate(rt: &mut Runtime, v: &Value) -> Result<Vec<Value>, Exn> {
    match v {
        Value::Seq(_, items) => Ok((**items).clone()),
        Value::Some(x) => Ok(vec![(**x).clone()]),
        Value::None => Ok(Vec::new()),
        Value::Str(s) => Ok(utf16::chars(s).map(Value::Char).collect()),
        Value::Obj(_) => {
            if let Some(it) = v.obj::<IterObj>() {
                let mut inner = it.take();
                return crate::rdd::drain(rt, inner.as_mut());
            }
            if let Some(view) = v.obj::<super::view::ViewObj>() {
                return view.force(rt);
            }
            if let Some(c) = super::shared_ref::cell(v) {
                // A buffer kept in a map (`m.values.flatten`).
                return iterate(rt, &c.get());
            }
            if let Some(q) = v.obj::<super::queue::QueueObj>() {
                return Ok(q.items.borrow().iter().map(|(_, x)| x.clone()).collect());
            }
            Err(Exn::unsupported(format!(
                "{} is not a collection",
                v.type_name()
            )))
        }
        other => Err(Exn::unsupported(format!(
            "{} is not a collection",
            other.type_name()
        ))),
    }
}

/// [`iterate`], taking the value: a sequence no one else holds gives up its elements.
pub fn into_items(rt: &mut Runtime, v: Value) -> Result<Vec<Value>, Exn> {
    match v {
        Value::Seq(_, items) => Ok(Rc::try_unwrap(items).unwrap_or_else(|rc| (*rc).clone())),
        other => iterate(rt, &other),
    }
}

/// A Scala `Iterator` over a partition (what `mapPartitions` functions get and return).
pub struct IterObj {
    inner: RefCell<Option<Box<dyn PartIter>>>,
}

impl IterObj {
    /// Wrap a partition iterator as a Scala value.
    pub fn wrap(it: Box<dyn PartIter>) -> Value {
        Value::Obj(Rc::new(IterObj {
            inner: RefCell::new(Some(it)),
        }))
    }

    /// The iterator's slot, to put a (re-wrapped) iterator back.
    pub fn slot(&self) -> std::cell::RefMut<'_, Option<Box<dyn PartIter>>> {
        self.inner.borrow_mut()
    }

    /// Take the iterator out (an iterator can be consumed once).
    pub fn take(&self) -> Box<dyn PartIter> {
        self.inner
            .borrow_mut()
            .take()
            .unwrap_or_else(|| VecIter::new(Rc::default()))
    }
}

impl Object for IterObj {
    fn class_name(&self) -> String {
        "Iterator".into()
    }
    fn to_string_scala(&self) -> String {
        "<iterator>".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What a `mapPartitions` function returned, as a partition iterator (lazily when it is the
/// iterator it was given, or one derived from it).
pub fn into_part_iter(rt: &mut Runtime, v: Value) -> Result<Box<dyn PartIter>, Exn> {
    if let Some(it) = v.obj::<IterObj>() {
        return Ok(it.take());
    }
    Ok(VecIter::new(Rc::new(iterate(rt, &v)?)))
}

/// An RDD as a Scala value.
pub fn rdd_value(r: Rc<Rdd>) -> Value {
    Value::Obj(Rc::new(RddObj(r)))
}

/// The RDD inside a value, if it is one.
pub fn as_rdd(v: &Value) -> Option<Rc<Rdd>> {
    v.obj::<RddObj>().map(|r| r.0.clone())
}

/// An RDD handle.
pub struct RddObj(pub Rc<Rdd>);

impl Object for RddObj {
    fn class_name(&self) -> String {
        "RDD".into()
    }
    /// `RDD.toString`: its name (`setName`), class, id and creation site.
    fn to_string_scala(&self) -> String {
        let r = &self.0;
        let name = r.user_name.borrow().as_ref().map(|n| format!("{n} "));
        let site = crate::to_debug_string::short_form_in(&r.source, &r.site);
        format!(
            "{}{}[{}] at {site}",
            name.unwrap_or_default(),
            r.class.get(),
            r.id
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    /// One RDD however many handles the program holds (`rdd.partitionBy(p) eq rdd` when `rdd`
    /// is already partitioned by `p`).
    fn same(&self, other: &dyn Object) -> bool {
        other
            .as_any()
            .downcast_ref::<RddObj>()
            .is_some_and(|o| Rc::ptr_eq(&self.0, &o.0))
    }
}

/// A `Time` as a Scala value (prints as `1000 ms`).
pub fn time_value(t: Time) -> Value {
    Value::Obj(Rc::new(TimeObj(t)))
}

/// Spark's `Time`.
pub struct TimeObj(pub Time);

impl Object for TimeObj {
    fn class_name(&self) -> String {
        "Time".into()
    }
    fn same(&self, other: &dyn Object) -> bool {
        other
            .as_any()
            .downcast_ref::<TimeObj>()
            .is_some_and(|o| o.0 == self.0)
    }
    fn to_string_scala(&self) -> String {
        self.0.to_string()
    }
    /// A case class's (Spark 4.3's `Time` no longer overrides it): `Time` and
    /// `Statics.longHash(millis)` mixed.
    fn hash_code(&self) -> Option<i32> {
        let ms = self.0 .0;
        let long_hash = match ms as i32 {
            small if small as i64 == ms => small,
            _ => Value::Long(ms).hash_code(),
        };
        Some(crate::hash::product_hash("Time", [long_hash].into_iter()))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
