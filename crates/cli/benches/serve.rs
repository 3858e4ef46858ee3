//! `stepwise serve` from outside, over loopback HTTP as an SDK talks to it: time to the
//! ready line, a create + start + follow + full history round trip of the order example,
//! and 1,000 concurrent executions, in virtual time (WAIT_TIME_SCALE=0).

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Starts the server on a free port; returns it and its port once the ready line is out.
fn start() -> (Child, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(["serve", "--port", "0", "--mock-config"])
        .arg(repo().join("examples/run/order-processing.mocks.json"))
        .env("WAIT_TIME_SCALE", "0")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start stepwise serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("ready line");
    let port = line
        .strip_prefix("Starting server on port ")
        .and_then(|r| r.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("not the ready line: {line}"));
    (child, port)
}

struct Client {
    agent: ureq::Agent,
    url: String,
}

impl Client {
    fn call(&self, action: &str, body: Value) -> Value {
        let mut r = self
            .agent
            .post(&self.url)
            .header("X-Amz-Target", format!("AWSStepFunctions.{action}"))
            .header("Content-Type", "application/x-amz-json-1.0")
            .send(body.to_string())
            .unwrap_or_else(|e| panic!("{action}: {e}"));
        let status = r.status();
        let answer: Value = r.body_mut().read_json().expect("JSON answer");
        assert!(status.is_success(), "{action}: {status} {answer}");
        answer
    }

    fn until_done(&self, arn: &str) {
        loop {
            let d = self.call("DescribeExecution", json!({"executionArn": arn}));
            if d["status"] != "RUNNING" {
                assert_eq!(d["status"], "SUCCEEDED", "{d}");
                return;
            }
        }
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("serve");
    g.sample_size(20);
    g.bench_function("start_to_ready_line", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let (mut child, _) = start();
                total += t.elapsed();
                let _ = child.kill();
                let _ = child.wait();
            }
            total
        })
    });

    let (server, port) = start();
    // Ended also when a round panics: no server is left behind.
    let _server = KillOnDrop(server);
    let client = Client {
        agent: ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent(),
        url: format!("http://127.0.0.1:{port}/"),
    };
    let definition = std::fs::read_to_string(repo().join("examples/order-processing.asl.json"))
        .expect("example");
    let input = std::fs::read_to_string(repo().join("examples/run/order-processing.input.json"))
        .expect("input");
    let n = AtomicUsize::new(0);
    // The mock config names the machine `order-processing`: each round creates it, runs it
    // and deletes it again.
    g.bench_function("order_create_start_history_round_trip", |b| {
        b.iter(|| {
            let i = n.fetch_add(1, Ordering::Relaxed);
            let m = client.call(
                "CreateStateMachine",
                json!({
                    "name": "order-processing", "definition": definition,
                    "roleArn": "arn:aws:iam::123456789012:role/bench"
                }),
            );
            let arn = m["stateMachineArn"].as_str().expect("arn");
            let e = client.call(
                "StartExecution",
                json!({"stateMachineArn": format!("{arn}#HappyPath"), "name": format!("run-{i}"), "input": input}),
            );
            let exec = e["executionArn"].as_str().expect("execution");
            client.until_done(exec);
            let h = client.call(
                "GetExecutionHistory",
                json!({"executionArn": exec, "maxResults": 1000}),
            );
            assert!(h["events"].as_array().is_some_and(|e| e.len() > 20));
            client.call("DeleteStateMachine", json!({"stateMachineArn": arn}));
        })
    });

    let m = client.call(
        "CreateStateMachine",
        json!({
            "name": "order-processing", "definition": definition,
            "roleArn": "arn:aws:iam::123456789012:role/bench"
        }),
    );
    let arn = m["stateMachineArn"].as_str().expect("arn").to_string();
    g.sample_size(10);
    g.bench_function("order_1000_concurrent_executions", |b| {
        b.iter(|| {
            let arns: Vec<String> = (0..1000)
                .map(|_| {
                    let e = client.call(
                        "StartExecution",
                        json!({"stateMachineArn": format!("{arn}#HappyPath"), "input": input}),
                    );
                    e["executionArn"].as_str().expect("execution").to_string()
                })
                .collect();
            for a in &arns {
                client.until_done(a);
            }
        })
    });
    g.finish();
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
