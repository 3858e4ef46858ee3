//! Parsing: `jsonata-core`'s parser, with jsonata-js 2.0.6's errors and positions.

use jsonata_core::ast::AstNode;
use jsonata_core::parser::{self, ParserError};

use crate::errors::coded;
use crate::lexer::{self, Token};
use crate::Error;

pub(crate) fn parse(source: &str) -> Result<(AstNode, Vec<Token>), Error> {
    let tokens = lexer::tokenize(source).map_err(|e| e.error)?;
    match parser::parse(source) {
        Ok(ast) => Ok((ast, tokens)),
        Err(e) => Err(parser_error(&e)),
    }
}

fn parser_error(e: &ParserError) -> Error {
    let message = match e {
        ParserError::Coded { .. } => e.to_string(),
        other => other.to_string(),
    };
    coded(&message, "S0201")
}
