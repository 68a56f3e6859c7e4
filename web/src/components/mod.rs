//! The app's components, one per file. Panels that draw the model take [`ViewProps`]: the
//! model behind an `Rc` and the callback that dispatches [`crate::model::Action`]s. Panels
//! that draw only the trace and the learner's picks (calls grid, console, text mirror, state,
//! statistics) take [`TraceProps`], equal while what they read is, so that time moving inside
//! a batch, or an edit whose run is still behind, does not draw them again.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Action, Model};

pub mod app;
pub mod calls;
pub mod compare;
pub mod console;
pub mod controls;
pub mod editor;
pub mod help;
pub mod kafka;
pub mod kafka_timeline;
pub mod lang_switch;
pub mod lesson;
pub mod mirror;
pub mod panel;
pub mod state_panel;
pub mod stats;
pub mod terminal;
pub mod time_controls;
pub mod timeline;

/// Props of every panel that draws the model.
#[derive(Clone, Properties, PartialEq)]
pub struct ViewProps {
    /// The model.
    pub model: Rc<Model>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

impl ViewProps {
    /// Props for `model`, with actions sent to `dispatch`.
    pub fn new(model: Model, dispatch: Callback<Action>) -> ViewProps {
        ViewProps {
            model: Rc::new(model),
            dispatch,
        }
    }
}

/// The model and the dispatch callback, for a panel that reads only the trace, the page's
/// language, the picked batch, cell and followed key, whether per-record functions show,
/// whether time plays, the benchmark and the engine time: equal while those are.
#[derive(Clone, Properties)]
pub struct TraceProps {
    /// The model.
    pub model: Rc<Model>,
    /// Where actions go.
    pub dispatch: Callback<Action>,
}

impl PartialEq for TraceProps {
    fn eq(&self, other: &TraceProps) -> bool {
        let (a, b) = (&self.model, &other.model);
        self.dispatch == other.dispatch
            && (Rc::ptr_eq(a, b)
                || (a.trace.same(&b.trace)
                    && a.session.lang == b.session.lang
                    && a.selected == b.selected
                    && a.cell == b.cell
                    && a.follow == b.follow
                    && a.all_fns == b.all_fns
                    && a.playing == b.playing
                    && a.bench == b.bench
                    && a.last_run_ms == b.last_run_ms))
    }
}

impl From<ViewProps> for TraceProps {
    fn from(p: ViewProps) -> TraceProps {
        TraceProps {
            model: p.model,
            dispatch: p.dispatch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn props(m: &Model) -> TraceProps {
        ViewProps {
            model: Rc::new(m.clone()),
            dispatch: Callback::noop(),
        }
        .into()
    }

    #[test]
    fn trace_props_change_only_with_what_the_trace_panels_read() {
        let mut m = Model::default();
        for _ in 0..3 {
            m.apply(Action::Step);
        }
        let before = props(&m);
        let noop = before.dispatch.clone();
        let same = |m: &Model| {
            let mut p = props(m);
            p.dispatch = noop.clone();
            p == before
        };
        // Time inside the batch, and a line typed for the next batch: the same trace.
        let mut inside = m.clone();
        inside.apply(Action::Tick(0.0));
        inside.session.cursor_ms += 400;
        inside.apply(Action::Send(vec!["later".into()]));
        assert!(same(&inside));
        let mut next = m.clone();
        next.apply(Action::Step);
        assert!(!same(&next), "a new batch");
        let changes: [fn(&mut Model); 6] = [
            |m| m.selected = Some(1000),
            |m| m.cell = Some(("hi".into(), 1000)),
            |m| m.follow = Some("hi".into()),
            |m| m.all_fns = true,
            |m| m.playing = true,
            |m| {
                m.session.lang = if m.session.lang == Lang::En {
                    Lang::Zh
                } else {
                    Lang::En
                }
            },
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut c = m.clone();
            change(&mut c);
            assert!(!same(&c), "change {i}");
        }
    }

    #[test]
    fn an_edit_whose_run_is_held_keeps_the_trace_panels_props() {
        let mut m = Model::default();
        m.apply(Action::SeekBatch(40));
        m.slice_batches = 15;
        // A figure no run gives (natively the clock reads 0): a held slice must leave it.
        m.last_run_ms = -1.0;
        let before = props(&m);
        let with = |m: &Model| {
            let mut p = props(m);
            p.dispatch = before.dispatch.clone();
            p
        };
        let mut edited = m.clone();
        let program = dstream_engine::snippets::DEFAULT_PROGRAM.replace("_ - _, ", "");
        edited.apply(Action::SetProgram(program));
        assert_eq!(edited.progress, Some((15, 40)), "the run is behind: held");
        assert!(
            with(&edited) == before,
            "held: the calls grid, console... are not drawn again"
        );
        while edited.progress.is_some() {
            edited.apply(Action::Continue);
        }
        assert!(with(&edited) != before, "caught up: drawn with the new run");
        assert_eq!(
            edited.last_run_ms, 0.0,
            "the held run's engine time, shown with its trace"
        );
    }
}
