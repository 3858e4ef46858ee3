//! "Ask me" mode: the Task handler that waits for the user, and the result shape it shows.

use super::*;

/// "Ask me": each Task waits for the user to type its result or error. The question carries
/// the shape the machine expects of the result; the time the user takes is held, so it counts
/// neither in the Task's timestamps nor against its timeout.
pub struct AskUser {
    pub session: std::sync::Weak<Session>,
    /// The definition as run, for the shape of each Task's result.
    pub machine: Option<Arc<StateMachine>>,
    pub held: Arc<HeldTime>,
}

/// The IPC form of what the engine says a Task's result should look like.
pub fn task_shape(machine: &StateMachine, state: &str) -> Option<TaskShape> {
    let shape = stepwise_engine::task::result_shape(machine, state)?;
    Some(TaskShape {
        template: crate::run::events::pretty(&shape.template),
        wrapper: shape.wrapper.map(|w| match w {
            stepwise_engine::task::Wrapper::LambdaInvoke => "lambdaInvoke".to_string(),
        }),
        reads: shape
            .reads
            .into_iter()
            .map(|r| ShapeField {
                path: r.path,
                readers: r.readers,
                problem: r.problem,
            })
            .collect(),
    })
}

impl TaskHandler for AskUser {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        let Some(session) = self.session.upgrade() else {
            return Box::pin(async { Err(StatesError::runtime("the run has ended")) });
        };
        // Held from the question until the answer (or the stop that drops this future).
        let hold = self.held.hold();
        let id = session.next_question.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = oneshot::channel();
        lock(&session.answers).push((id, tx));
        lock(&session.control).questions.push(TaskQuestion {
            id,
            state: req.state_name.clone(),
            resource: req.resource.clone(),
            input: crate::run::events::pretty(&req.input),
            attempt: req.attempt,
            shape: self
                .machine
                .as_deref()
                .and_then(|m| task_shape(m, &req.state_name)),
        });
        session.announce();
        Box::pin(async move {
            let answer = rx.await;
            drop(hold);
            match answer {
                Ok(TaskAnswer::Return { output }) => serde_json::from_str(&output).map_err(|e| {
                    StatesError::new(
                        stepwise_engine::error::names::RUNTIME,
                        format!("the result typed for '{}' is not JSON: {e}", req.state_name),
                    )
                }),
                Ok(TaskAnswer::Throw { error, cause }) => Err(if cause.is_empty() {
                    StatesError::bare(error)
                } else {
                    StatesError::new(error, cause)
                }),
                Err(_) => Err(StatesError::runtime("the run was stopped")),
            }
        })
    }
}
