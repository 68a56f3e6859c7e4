//! A `StreamingListener`'s methods as scalac checks them. Its members are concrete (each does
//! nothing), so a listener's `def onBatchCompleted(b: StreamingListenerBatchCompleted)` without
//! `override` is "`override` modifier required to override concrete member"; an `override`
//! of a name it does not have (`onBatchComplete`) "overrides nothing", and one of its names
//! with another event's type "overrides nothing." with a note naming the member. (Without
//! `override`, a misspelt name would be a method Spark never calls: scalac says nothing, and
//! neither does the playground.) Checked against Spark 4.3.0's scalac (`compile_compare.py`).

use super::Checker;
use crate::scala::ast::*;
use crate::scala::diag::Diagnostic;

/// `StreamingListener`'s members: each method, its parameter's name, its event's class.
const MEMBERS: &[(&str, &str, &str)] = &[
    (
        "onStreamingStarted",
        "streamingStarted",
        "StreamingListenerStreamingStarted",
    ),
    (
        "onReceiverStarted",
        "receiverStarted",
        "StreamingListenerReceiverStarted",
    ),
    (
        "onReceiverError",
        "receiverError",
        "StreamingListenerReceiverError",
    ),
    (
        "onReceiverStopped",
        "receiverStopped",
        "StreamingListenerReceiverStopped",
    ),
    (
        "onBatchSubmitted",
        "batchSubmitted",
        "StreamingListenerBatchSubmitted",
    ),
    (
        "onBatchStarted",
        "batchStarted",
        "StreamingListenerBatchStarted",
    ),
    (
        "onBatchCompleted",
        "batchCompleted",
        "StreamingListenerBatchCompleted",
    ),
    (
        "onOutputOperationStarted",
        "outputOperationStarted",
        "StreamingListenerOutputOperationStarted",
    ),
    (
        "onOutputOperationCompleted",
        "outputOperationCompleted",
        "StreamingListenerOutputOperationCompleted",
    ),
];

const PACKAGE: &str = "org.apache.spark.streaming.scheduler";

/// What every object has, which a listener may override.
const OBJECT_MEMBERS: &[&str] = &["toString", "hashCode", "equals", "clone", "finalize"];

fn last(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or(name)
}

impl Checker<'_> {
    /// The `def`s of `c`, a class (or an anonymous class) that extends `StreamingListener`.
    pub(super) fn listener_members(&mut self, c: &ClassDef) {
        if !c.parents.iter().any(|p| last(p) == "StreamingListener") {
            return;
        }
        // Another parent of the program's could have any member: only Spark's trait here.
        let only_spark = c.parents.iter().all(|p| {
            matches!(
                last(p),
                "StreamingListener" | "Serializable" | "Product" | "AnyRef"
            )
        });
        for s in &c.body {
            let StmtKind::Def {
                name,
                name_span,
                params,
                ..
            } = &s.kind
            else {
                continue;
            };
            let written_override = self.written_override(*name_span);
            let Some((m, p, event)) = MEMBERS.iter().find(|(m, _, _)| m == name) else {
                if written_override && only_spark && !OBJECT_MEMBERS.contains(&name.as_str()) {
                    self.diags.push(Diagnostic::error(
                        *name_span,
                        "overrides_nothing",
                        vec![name.clone()],
                    ));
                }
                continue;
            };
            let signature = format!("def {m}({p}: {PACKAGE}.{event}): Unit");
            let same = match params.as_slice() {
                [one] if one.len() == 1 => one[0].ty.as_ref().is_some_and(
                    |t| matches!(t, TypeRef::Named { name, .. } if last(name) == *event),
                ),
                _ => false,
            };
            if same && !written_override {
                self.diags.push(Diagnostic::error(
                    *name_span,
                    "override_required",
                    vec![format!("{signature} (defined in trait StreamingListener)")],
                ));
            } else if !same && written_override {
                let owner = if c.name.starts_with(ANON) {
                    format!("<$anon: {PACKAGE}.StreamingListener>")
                } else {
                    format!("class {}", c.name)
                };
                self.diags.push(Diagnostic::error(
                    *name_span,
                    "overrides_nothing_note",
                    vec![name.clone(), owner, signature],
                ));
            }
        }
    }

    /// Whether the `def` whose name is at `name` was written `override` (a modifier on its
    /// line before `def`, which the tree does not keep).
    fn written_override(&self, name: Span) -> bool {
        let head = self.src.get(..name.start as usize).unwrap_or_default();
        let line = head
            .rsplit(['\n', '{', ';', '}'])
            .next()
            .unwrap_or_default();
        line.split_whitespace().any(|w| w == "override")
    }
}
