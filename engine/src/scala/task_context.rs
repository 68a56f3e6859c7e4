//! `org.apache.spark.TaskContext`: what a task knows of itself, as learners print it to see
//! where their records go (`TaskContext.getPartitionId()`, `TaskContext.get.stageId()`). In a
//! task: the partition, the stage and the task's id (Spark's TID, counted in launch order,
//! see `rdd::stage_task_ids`); the attempt numbers are 0 (tasks do not fail and retry here).
//! On the driver there is no task: `getPartitionId()` is 0 and `get()` is `null`, as on Spark
//! (fixture `task_context`).

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::trace::Scope;
use crate::value::{Object, Value};

/// The running task's context.
pub struct TaskContextObj {
    partition: u32,
    stage: u32,
    tid: u32,
}

impl Object for TaskContextObj {
    fn class_name(&self) -> String {
        "TaskContext".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `TaskContext.name(args)`.
pub fn module_method(rt: &Runtime, name: &str) -> Option<Result<Value, Exn>> {
    let task = match rt.scope {
        Scope::Task { partition, stage } => Some(TaskContextObj {
            partition,
            stage,
            tid: rt.task_now(),
        }),
        _ => None,
    };
    Some(Ok(match name {
        "getPartitionId" => Value::Int(task.map_or(0, |t| t.partition as i32)),
        "get" => task.map_or(Value::Null, |t| Value::Obj(Rc::new(t))),
        _ => return None,
    }))
}

/// A method of a task's context.
pub fn method(t: &TaskContextObj, name: &str) -> Result<Value, Exn> {
    Ok(match name {
        "partitionId" => Value::Int(t.partition as i32),
        "stageId" => Value::Int(t.stage as i32),
        "taskAttemptId" => Value::Long(i64::from(t.tid)),
        "attemptNumber" | "stageAttemptNumber" => Value::Int(0),
        "isCompleted" | "isInterrupted" => Value::Bool(false),
        _ => {
            return Err(Exn::unsupported(format!(
                "value {name} is not a member of TaskContext (the playground has partitionId, \
                 stageId, taskAttemptId, attemptNumber and stageAttemptNumber)"
            )))
        }
    })
}
