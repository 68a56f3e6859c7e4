//! The app's components, one per file. Panels that draw the model take [`ViewProps`]: the
//! model behind an `Rc` and the callback that dispatches [`crate::model::Action`]s.

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
