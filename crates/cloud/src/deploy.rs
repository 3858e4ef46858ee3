//! Deploying a definition: checked by AWS's own validator, created or updated with its role,
//! logging and tracing settings, published as a version, an alias moved to it.

use crate::error::sdk;
use crate::machines::Logging;
use crate::{Cloud, CloudError};
use aws_sdk_sfn::types::{
    CloudWatchLogsLogGroup, LogDestination, LogLevel, LoggingConfiguration,
    RoutingConfigurationListItem, StateMachineType, TracingConfiguration,
    ValidateStateMachineDefinitionSeverity,
};
use serde::{Deserialize, Serialize};

/// A finding of `ValidateStateMachineDefinition`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// `ERROR` or `WARNING`.
    pub severity: String,
    pub code: String,
    pub message: String,
    /// Where in the definition, as a JSON Pointer (`/States/Check/Next`), when AWS says.
    pub location: Option<String>,
}

/// Where a deployment goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Destination {
    /// A new machine of this name.
    Create { name: String },
    /// The machine of this ARN, updated.
    Update { arn: String },
}

/// Settings of a deployment; those left `None` keep what the deployed machine has (an
/// update) or take AWS's defaults (a create).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The IAM role executions run as; required to create.
    pub role_arn: Option<String>,
    /// `STANDARD` (default) or `EXPRESS`; only on create (AWS cannot change it).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub logging: Option<Logging>,
    pub tracing: Option<bool>,
    /// Publish the deployed revision as a new version.
    pub publish: bool,
    pub version_description: Option<String>,
    /// Point this alias (created if missing) at the published version, with all traffic.
    pub alias: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Deployed {
    pub machine_arn: String,
    pub created: bool,
    pub revision_id: Option<String>,
    pub version_arn: Option<String>,
    pub alias_arn: Option<String>,
}

/// What AWS's validator said of a definition, or why it was not asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    Findings(Vec<Finding>),
    /// The endpoint answered the action with an error of its own (an emulator without it):
    /// the code and message. A deployment goes on with Stepwise's own checks alone.
    NotAsked(String),
}

impl Cloud {
    /// The machine named `name` as a deployment's destination: updated when it exists, else
    /// created (names are unique in an account and region).
    pub async fn destination(&self, name: &str) -> Result<Destination, CloudError> {
        match self.resolve(name).await {
            Ok(arn) => Ok(Destination::Update { arn }),
            Err(CloudError::NotFound(_)) => Ok(Destination::Create {
                name: name.to_string(),
            }),
            Err(e) => Err(e),
        }
    }

    /// [`Cloud::validate`], where an endpoint that does not answer the action is not an
    /// error: AWS's checks are advisory. A `ValidationException` (the request itself refused)
    /// and an endpoint that cannot be reached still are.
    pub async fn check(&self, definition: &str, kind: Option<&str>) -> Result<Checked, CloudError> {
        match self.validate(definition, kind).await {
            Ok(findings) => Ok(Checked::Findings(findings)),
            Err(CloudError::Service { code, message, .. }) if code != "ValidationException" => {
                Ok(Checked::NotAsked(format!("{code}: {message}")))
            }
            Err(e) => Err(e),
        }
    }

    /// AWS's checks of a definition (those of the console's Workflow Studio).
    pub async fn validate(
        &self,
        definition: &str,
        kind: Option<&str>,
    ) -> Result<Vec<Finding>, CloudError> {
        let checked = self
            .client
            .validate_state_machine_definition()
            .definition(definition)
            .set_type(kind.map(StateMachineType::from))
            .customize()
            // Advisory, and absent from some emulators (which answer 500): one try, no
            // back-off before a deployment goes on without it.
            .config_override(
                aws_sdk_sfn::config::Builder::default()
                    .retry_config(aws_sdk_sfn::config::retry::RetryConfig::disabled()),
            )
            .send()
            .await
            .map_err(sdk("ValidateStateMachineDefinition"))?;
        Ok(checked
            .diagnostics()
            .iter()
            .map(|d| Finding {
                severity: match d.severity() {
                    ValidateStateMachineDefinitionSeverity::Error => "ERROR".into(),
                    other => other.as_str().to_string(),
                },
                code: d.code().to_string(),
                message: d.message().to_string(),
                location: d.location().map(str::to_string),
            })
            .collect())
    }

    pub async fn deploy(
        &self,
        definition: &str,
        to: &Destination,
        settings: &Settings,
    ) -> Result<Deployed, CloudError> {
        if settings.alias.is_some() && !settings.publish {
            return Err(CloudError::Invalid(
                "an alias routes to a published version: deploy with publish to move it".into(),
            ));
        }
        let logging = settings.logging.as_ref().map(logging_configuration);
        let tracing = settings
            .tracing
            .map(|on| TracingConfiguration::builder().enabled(on).build());
        let version_description = settings
            .publish
            .then(|| settings.version_description.clone())
            .flatten();
        let mut deployed = match to {
            Destination::Create { name } => {
                let Some(role) = settings.role_arn.as_deref().filter(|r| !r.is_empty()) else {
                    return Err(CloudError::Invalid(
                        "a new state machine needs the ARN of the IAM role it runs as".into(),
                    ));
                };
                let made = self
                    .client
                    .create_state_machine()
                    .name(name)
                    .definition(definition)
                    .role_arn(role)
                    .set_type(settings.kind.as_deref().map(StateMachineType::from))
                    .set_logging_configuration(logging)
                    .set_tracing_configuration(tracing)
                    .publish(settings.publish)
                    .set_version_description(version_description)
                    .send()
                    .await
                    .map_err(sdk("CreateStateMachine"))?;
                Deployed {
                    machine_arn: made.state_machine_arn().to_string(),
                    created: true,
                    revision_id: None,
                    version_arn: made.state_machine_version_arn().map(str::to_string),
                    alias_arn: None,
                }
            }
            Destination::Update { arn } => {
                let updated = self
                    .client
                    .update_state_machine()
                    .state_machine_arn(arn)
                    .definition(definition)
                    .set_role_arn(settings.role_arn.clone().filter(|r| !r.is_empty()))
                    .set_logging_configuration(logging)
                    .set_tracing_configuration(tracing)
                    .publish(settings.publish)
                    .set_version_description(version_description)
                    .send()
                    .await
                    .map_err(sdk("UpdateStateMachine"))?;
                Deployed {
                    machine_arn: arn.clone(),
                    created: false,
                    revision_id: updated.revision_id().map(str::to_string),
                    version_arn: updated.state_machine_version_arn().map(str::to_string),
                    alias_arn: None,
                }
            }
        };
        if let (Some(alias), Some(version)) = (&settings.alias, &deployed.version_arn) {
            deployed.alias_arn = Some(
                self.point_alias(&deployed.machine_arn, alias, version)
                    .await?,
            );
        }
        Ok(deployed)
    }

    /// Routes all of `alias`'s traffic to `version_arn`, creating the alias if it is new.
    pub async fn point_alias(
        &self,
        machine_arn: &str,
        alias: &str,
        version_arn: &str,
    ) -> Result<String, CloudError> {
        let route = RoutingConfigurationListItem::builder()
            .state_machine_version_arn(version_arn)
            .weight(100)
            .build()
            .map_err(|e| CloudError::Invalid(e.to_string()))?;
        let alias_arn = format!("{}:{alias}", base_arn(machine_arn));
        let updated = self
            .client
            .update_state_machine_alias()
            .state_machine_alias_arn(&alias_arn)
            .routing_configuration(route.clone())
            .send()
            .await;
        match updated {
            Ok(_) => Ok(alias_arn),
            Err(e) => match sdk("UpdateStateMachineAlias")(e) {
                CloudError::Service { code, .. } if code == "ResourceNotFound" => {
                    let made = self
                        .client
                        .create_state_machine_alias()
                        .name(alias)
                        .routing_configuration(route)
                        .send()
                        .await
                        .map_err(sdk("CreateStateMachineAlias"))?;
                    Ok(made.state_machine_alias_arn().to_string())
                }
                other => Err(other),
            },
        }
    }
}

/// A machine's own ARN from one of its versions or aliases (`...:stateMachine:NAME[:X]`).
pub fn base_arn(arn: &str) -> &str {
    let mut colons = arn.match_indices(':').map(|(i, _)| i);
    match colons.nth(6) {
        Some(i) => &arn[..i],
        None => arn,
    }
}

fn logging_configuration(l: &Logging) -> LoggingConfiguration {
    LoggingConfiguration::builder()
        .level(LogLevel::from(l.level.as_str()))
        .include_execution_data(l.include_execution_data)
        .set_destinations(l.log_group_arn.as_ref().map(|arn| {
            vec![LogDestination::builder()
                .cloud_watch_logs_log_group(
                    CloudWatchLogsLogGroup::builder().log_group_arn(arn).build(),
                )
                .build()]
        }))
        .build()
}

#[cfg(test)]
mod tests {
    use super::base_arn;

    #[test]
    fn the_machine_arn_of_a_version_or_alias_arn() {
        let m = "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders";
        for arn in [m.to_string(), format!("{m}:3"), format!("{m}:PROD")] {
            assert_eq!(base_arn(&arn), m, "{arn}");
        }
    }
}
