//! The studio and an AWS account (or an endpoint standing for one: LocalStack, moto): browse
//! the deployed machines and open one on the canvas, deploy the open document after seeing
//! what changes, start it and watch it live, replay any execution. The calls are
//! `stepwise_cloud`'s; credentials stay in its SDK providers and never reach the window.

pub mod commands;
mod follow;
pub mod ipc;
mod test_state;

use ipc::{CloudLink, CloudStatus};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use stepwise_cloud::Cloud;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[derive(Default)]
pub struct CloudState {
    connection: Mutex<Option<Cloud>>,
    status: Mutex<CloudStatus>,
    /// Per document (its runs key): the deployed machine it came from or went to.
    links: Mutex<HashMap<String, CloudLink>>,
    /// Executions being followed and their runs' ids: opening one twice follows it once.
    followed: Mutex<HashMap<String, String>>,
}

impl CloudState {
    pub fn cloud(&self) -> Result<Cloud, crate::error::AppError> {
        lock(&self.connection).clone().ok_or_else(|| {
            crate::error::AppError::Cloud("not connected to AWS: connect first".into())
        })
    }

    pub fn status(&self) -> CloudStatus {
        lock(&self.status).clone()
    }

    fn connected(&self, cloud: Option<Cloud>, status: CloudStatus) {
        *lock(&self.connection) = cloud;
        *lock(&self.status) = status;
    }

    pub fn link(&self, key: &str) -> Option<CloudLink> {
        lock(&self.links).get(key).cloned()
    }

    fn set_link(&self, key: String, link: CloudLink) {
        lock(&self.links).insert(key, link);
    }
}
