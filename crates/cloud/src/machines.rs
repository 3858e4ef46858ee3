//! The account's state machines: listed and searched a page at a time, described with their
//! definition and settings, their versions and aliases.

use crate::error::sdk;
use crate::{Cloud, CloudError};
use aws_sdk_sfn::types::{LogLevel, StateMachineType};
use aws_smithy_types::DateTime;
use serde::{Deserialize, Serialize};

/// One page of a listing and the token of the next, if there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MachineSummary {
    pub arn: String,
    pub name: String,
    /// `STANDARD` or `EXPRESS`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Milliseconds since the Unix epoch.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_ms: i64,
}

/// Where a machine's executions log (CloudWatch Logs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Logging {
    /// `ALL`, `ERROR`, `FATAL` or `OFF`.
    pub level: String,
    pub include_execution_data: bool,
    /// `arn:aws:logs:...:log-group:NAME:*`; required unless the level is `OFF`.
    pub log_group_arn: Option<String>,
}

/// A deployed state machine, as `DescribeStateMachine` tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Machine {
    pub arn: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub definition: String,
    pub role_arn: String,
    pub status: Option<String>,
    /// Changes with every update; versions keep the revision they were published from.
    pub revision_id: Option<String>,
    pub description: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_ms: i64,
    pub logging: Option<Logging>,
    pub tracing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub arn: String,
    /// The number after the machine ARN's last `:`.
    pub number: Option<u32>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Alias {
    pub arn: String,
    pub name: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_ms: i64,
    /// The versions it routes to, with their weights (percent).
    pub routes: Vec<Route>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Route {
    pub version_arn: String,
    pub weight: i32,
}

pub(crate) fn millis(t: Option<&DateTime>) -> i64 {
    t.and_then(|t| t.to_millis().ok()).unwrap_or(0)
}

pub(crate) fn kind_name(t: &StateMachineType) -> String {
    t.as_str().to_string()
}

/// What AWS lists per call (ListStateMachines allows up to 1,000).
const PAGE: i32 = 100;

impl Cloud {
    /// Machines whose name contains `query` (any case), from `token` on, until `want` are
    /// found or the account has no more. The API cannot filter, so a search reads pages until
    /// it has enough; `next_token` goes on from where it stopped.
    pub async fn machines(
        &self,
        query: &str,
        token: Option<String>,
        want: usize,
    ) -> Result<Page<MachineSummary>, CloudError> {
        let needle = query.trim().to_lowercase();
        let mut items = Vec::new();
        let mut token = token;
        loop {
            let page = self
                .client
                .list_state_machines()
                .max_results(PAGE)
                .set_next_token(token.clone())
                .send()
                .await
                .map_err(sdk("ListStateMachines"))?;
            items.extend(
                page.state_machines()
                    .iter()
                    .filter(|m| needle.is_empty() || m.name().to_lowercase().contains(&needle))
                    .map(|m| MachineSummary {
                        arn: m.state_machine_arn().to_string(),
                        name: m.name().to_string(),
                        kind: kind_name(m.r#type()),
                        created_ms: millis(Some(m.creation_date())),
                    }),
            );
            token = page
                .next_token()
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            if token.is_none() || items.len() >= want {
                return Ok(Page {
                    items,
                    next_token: token,
                });
            }
        }
    }

    /// The ARN of a machine given by ARN (kept as is: it may name a version or an alias) or
    /// by its name, which is unique in an account and region.
    pub async fn resolve(&self, name_or_arn: &str) -> Result<String, CloudError> {
        if name_or_arn.starts_with("arn:") {
            return Ok(name_or_arn.to_string());
        }
        let mut token = None;
        loop {
            let page = self.machines(name_or_arn, token, usize::MAX).await?;
            if let Some(m) = page.items.iter().find(|m| m.name == name_or_arn) {
                return Ok(m.arn.clone());
            }
            match page.next_token {
                Some(t) => token = Some(t),
                None => {
                    return Err(CloudError::NotFound(format!(
                        "no state machine named {name_or_arn:?} in {}",
                        self.region()
                    )))
                }
            }
        }
    }

    pub async fn machine(&self, arn: &str) -> Result<Machine, CloudError> {
        let m = self
            .client
            .describe_state_machine()
            .state_machine_arn(arn)
            .send()
            .await
            .map_err(sdk("DescribeStateMachine"))?;
        let logging = m.logging_configuration().map(|l| Logging {
            level: l.level().map(LogLevel::as_str).unwrap_or("OFF").to_string(),
            include_execution_data: l.include_execution_data(),
            log_group_arn: l
                .destinations()
                .iter()
                .filter_map(|d| d.cloud_watch_logs_log_group())
                .filter_map(|g| g.log_group_arn())
                .next()
                .map(str::to_string),
        });
        Ok(Machine {
            arn: m.state_machine_arn().to_string(),
            name: m.name().to_string(),
            kind: kind_name(m.r#type()),
            definition: m.definition().to_string(),
            role_arn: m.role_arn().to_string(),
            status: m.status().map(|s| s.as_str().to_string()),
            revision_id: m.revision_id().map(str::to_string),
            description: m.description().map(str::to_string),
            created_ms: millis(Some(m.creation_date())),
            logging,
            tracing: m.tracing_configuration().is_some_and(|t| t.enabled()),
        })
    }

    /// The machine an execution ran: its definition as it was when the execution started.
    pub async fn machine_of_execution(&self, execution_arn: &str) -> Result<Machine, CloudError> {
        let m = self
            .client
            .describe_state_machine_for_execution()
            .execution_arn(execution_arn)
            .send()
            .await
            .map_err(sdk("DescribeStateMachineForExecution"))?;
        Ok(Machine {
            arn: m.state_machine_arn().to_string(),
            name: m.name().to_string(),
            kind: String::new(),
            definition: m.definition().to_string(),
            role_arn: m.role_arn().to_string(),
            status: None,
            revision_id: m.revision_id().map(str::to_string),
            description: None,
            created_ms: millis(Some(m.update_date())),
            logging: None,
            tracing: m.tracing_configuration().is_some_and(|t| t.enabled()),
        })
    }

    /// Published versions, newest first.
    pub async fn versions(&self, machine_arn: &str) -> Result<Vec<Version>, CloudError> {
        let mut out = Vec::new();
        let mut token = None;
        loop {
            let page = self
                .client
                .list_state_machine_versions()
                .state_machine_arn(machine_arn)
                .set_next_token(token)
                .send()
                .await
                .map_err(sdk("ListStateMachineVersions"))?;
            out.extend(page.state_machine_versions().iter().map(|v| Version {
                arn: v.state_machine_version_arn().to_string(),
                number: version_number(v.state_machine_version_arn()),
                created_ms: millis(Some(v.creation_date())),
            }));
            token = page.next_token().map(str::to_string);
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    /// Aliases with where each routes.
    pub async fn aliases(&self, machine_arn: &str) -> Result<Vec<Alias>, CloudError> {
        let mut out = Vec::new();
        let mut token = None;
        loop {
            let page = self
                .client
                .list_state_machine_aliases()
                .state_machine_arn(machine_arn)
                .set_next_token(token)
                .send()
                .await
                .map_err(sdk("ListStateMachineAliases"))?;
            for a in page.state_machine_aliases() {
                out.push(self.alias(a.state_machine_alias_arn()).await?);
            }
            token = page.next_token().map(str::to_string);
            if token.is_none() {
                return Ok(out);
            }
        }
    }

    pub async fn alias(&self, alias_arn: &str) -> Result<Alias, CloudError> {
        let a = self
            .client
            .describe_state_machine_alias()
            .state_machine_alias_arn(alias_arn)
            .send()
            .await
            .map_err(sdk("DescribeStateMachineAlias"))?;
        Ok(Alias {
            arn: a.state_machine_alias_arn().unwrap_or(alias_arn).to_string(),
            name: a.name().unwrap_or_default().to_string(),
            created_ms: millis(a.creation_date()),
            routes: a
                .routing_configuration()
                .iter()
                .map(|r| Route {
                    version_arn: r.state_machine_version_arn().to_string(),
                    weight: r.weight(),
                })
                .collect(),
        })
    }
}

/// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME:7` → 7.
pub fn version_number(arn: &str) -> Option<u32> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.len() == 8 && parts[5] == "stateMachine" {
        parts[7].parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::version_number;

    #[test]
    fn a_version_number_is_read_off_a_versioned_arn_only() {
        let base = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders";
        for (arn, want) in [
            (format!("{base}:7"), Some(7)),
            (base.to_string(), None),
            (format!("{base}:PROD"), None),
            (
                "arn:aws:states:us-east-1:1:execution:Orders:run1".into(),
                None,
            ),
        ] {
            assert_eq!(version_number(&arn), want, "{arn}");
        }
    }
}
