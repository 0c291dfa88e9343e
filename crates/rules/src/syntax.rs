//! The expression language's text form: tokens and an untyped syntax tree with positions.
//!
//! Grammar (lowest precedence first):
//! `or` → `and` → `not` → comparison (`== != < <= > >= in`, `not in`) → `+ -` → `* /` →
//! unary `-` → postfix `.name` → primary (number, `'text'`, `true`, `false`, name, call,
//! `( … )`). `&&`/`||`/`!` are accepted as spellings of `and`/`or`/`not`. There are no loops,
//! no assignments and no user-defined functions, so every evaluation terminates.

use std::fmt;

/// A parsed expression, not yet resolved against a pack.
#[derive(Debug, Clone, PartialEq)]
pub enum Syntax {
    /// A number literal as written (e.g. `18`, `0.5`).
    Number(String, usize),
    /// A text literal.
    Text(String, usize),
    /// `true` or `false`.
    Bool(bool, usize),
    /// A dotted name such as `applicant.birth_date`, `param.min_age` or `it.age`.
    Path(Vec<String>, usize),
    /// A function call `name(args)`.
    Call(String, Vec<Syntax>, usize),
    /// A prefix operator.
    Unary(UnaryOp, Box<Syntax>, usize),
    /// A binary operator.
    Binary(BinaryOp, Box<Syntax>, Box<Syntax>, usize),
}

impl Syntax {
    /// Byte offset of the expression in its source text.
    pub fn position(&self) -> usize {
        match self {
            Syntax::Number(_, at)
            | Syntax::Text(_, at)
            | Syntax::Bool(_, at)
            | Syntax::Path(_, at)
            | Syntax::Call(_, _, at)
            | Syntax::Unary(_, _, at)
            | Syntax::Binary(_, _, _, at) => *at,
        }
    }
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// Logical negation.
    Not,
    /// Arithmetic negation.
    Negate,
}

/// Infix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// Kleene conjunction.
    And,
    /// Kleene disjunction.
    Or,
    /// Equality.
    Equal,
    /// Inequality.
    NotEqual,
    /// Less than.
    Less,
    /// Less than or equal.
    LessOrEqual,
    /// Greater than.
    Greater,
    /// Greater than or equal.
    GreaterOrEqual,
    /// Membership in a list or set.
    In,
    /// Non-membership.
    NotIn,
    /// Addition.
    Add,
    /// Subtraction.
    Subtract,
    /// Multiplication.
    Multiply,
    /// Division.
    Divide,
}

impl fmt::Display for BinaryOp {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let symbol = match self {
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
            BinaryOp::Equal => "==",
            BinaryOp::NotEqual => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessOrEqual => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterOrEqual => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
        };
        formatter.write_str(symbol)
    }
}

/// A syntax error with the byte offset where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at column {}", .position + 1)]
pub struct SyntaxError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the expression.
    pub position: usize,
}

/// Longest expression accepted, in bytes.
const MAX_LENGTH: usize = 4_096;
/// Deepest nesting accepted, so parsing and evaluation stay bounded.
const MAX_DEPTH: usize = 64;

/// Parses one expression.
pub fn parse(source: &str) -> Result<Syntax, SyntaxError> {
    if source.len() > MAX_LENGTH {
        return Err(SyntaxError {
            message: format!("expression longer than {MAX_LENGTH} bytes"),
            position: 0,
        });
    }
    let tokens = tokenize(source)?;
    let mut parser = Parser {
        tokens,
        next: 0,
        depth: 0,
    };
    let syntax = parser.or()?;
    match parser.peek() {
        Token::End => Ok(syntax),
        other => Err(parser.error(format!("unexpected {other}"))),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(String),
    Text(String),
    Name(String),
    Symbol(&'static str),
    End,
}

impl fmt::Display for Token {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Number(text) => write!(formatter, "number {text}"),
            Token::Text(text) => write!(formatter, "text '{text}'"),
            Token::Name(name) => write!(formatter, "name {name}"),
            Token::Symbol(symbol) => write!(formatter, "'{symbol}'"),
            Token::End => formatter.write_str("end of expression"),
        }
    }
}

const SYMBOLS: [&str; 18] = [
    "&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/", "(", ")", ",", ".", "=",
];

fn tokenize(source: &str) -> Result<Vec<(Token, usize)>, SyntaxError> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let start = at;
        if byte.is_ascii_whitespace() {
            at += 1;
        } else if byte.is_ascii_digit() {
            while at < bytes.len()
                && (bytes[at].is_ascii_digit() || bytes[at] == b'.' && next_is_digit(bytes, at))
            {
                at += 1;
            }
            tokens.push((Token::Number(source[start..at].to_owned()), start));
        } else if byte.is_ascii_alphabetic() || byte == b'_' {
            while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
                at += 1;
            }
            tokens.push((Token::Name(source[start..at].to_owned()), start));
        } else if byte == b'\'' || byte == b'"' {
            let end = source[start + 1..]
                .find(byte as char)
                .ok_or_else(|| SyntaxError {
                    message: "unterminated text".to_owned(),
                    position: start,
                })?;
            tokens.push((
                Token::Text(source[start + 1..start + 1 + end].to_owned()),
                start,
            ));
            at = start + end + 2;
        } else if let Some(symbol) = SYMBOLS
            .iter()
            .find(|symbol| source[at..].starts_with(**symbol))
        {
            if *symbol == "=" {
                return Err(SyntaxError {
                    message: "use '==' to compare".to_owned(),
                    position: start,
                });
            }
            tokens.push((Token::Symbol(symbol), start));
            at += symbol.len();
        } else {
            let character = source[at..].chars().next().unwrap_or('?');
            return Err(SyntaxError {
                message: format!("unexpected character '{character}'"),
                position: start,
            });
        }
    }
    tokens.push((Token::End, source.len()));
    Ok(tokens)
}

fn next_is_digit(bytes: &[u8], at: usize) -> bool {
    bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens
            .get(self.next)
            .map_or(&Token::End, |(token, _)| token)
    }

    fn position(&self) -> usize {
        self.tokens.get(self.next).map_or(0, |(_, at)| *at)
    }

    fn advance(&mut self) -> Token {
        let token = self.peek().clone();
        self.next += 1;
        token
    }

    fn error(&self, message: String) -> SyntaxError {
        SyntaxError {
            message,
            position: self.position(),
        }
    }

    fn eat_symbol(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Token::Symbol(found) if *found == symbol) {
            self.next += 1;
            return true;
        }
        false
    }

    fn eat_name(&mut self, name: &str) -> bool {
        if matches!(self.peek(), Token::Name(found) if found == name) {
            self.next += 1;
            return true;
        }
        false
    }

    fn expect_symbol(&mut self, symbol: &str) -> Result<(), SyntaxError> {
        if self.eat_symbol(symbol) {
            return Ok(());
        }
        Err(self.error(format!("expected '{symbol}', found {}", self.peek())))
    }

    fn nested<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<T, SyntaxError>,
    ) -> Result<T, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("expression nested deeper than {MAX_DEPTH}")));
        }
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn or(&mut self) -> Result<Syntax, SyntaxError> {
        let mut left = self.and()?;
        loop {
            let at = self.position();
            if !(self.eat_name("or") || self.eat_symbol("||")) {
                return Ok(left);
            }
            let right = self.and()?;
            left = Syntax::Binary(BinaryOp::Or, Box::new(left), Box::new(right), at);
        }
    }

    fn and(&mut self) -> Result<Syntax, SyntaxError> {
        let mut left = self.not()?;
        loop {
            let at = self.position();
            if !(self.eat_name("and") || self.eat_symbol("&&")) {
                return Ok(left);
            }
            let right = self.not()?;
            left = Syntax::Binary(BinaryOp::And, Box::new(left), Box::new(right), at);
        }
    }

    fn not(&mut self) -> Result<Syntax, SyntaxError> {
        let at = self.position();
        if self.eat_name("not") || self.eat_symbol("!") {
            let operand = self.nested(Self::not)?;
            return Ok(Syntax::Unary(UnaryOp::Not, Box::new(operand), at));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Syntax, SyntaxError> {
        let left = self.sum()?;
        let at = self.position();
        let operator = match self.peek() {
            Token::Symbol("==") => BinaryOp::Equal,
            Token::Symbol("!=") => BinaryOp::NotEqual,
            Token::Symbol("<") => BinaryOp::Less,
            Token::Symbol("<=") => BinaryOp::LessOrEqual,
            Token::Symbol(">") => BinaryOp::Greater,
            Token::Symbol(">=") => BinaryOp::GreaterOrEqual,
            Token::Name(name) if name == "in" => BinaryOp::In,
            Token::Name(name) if name == "not" => {
                self.next += 1;
                if !self.eat_name("in") {
                    return Err(self.error("expected 'in' after 'not'".to_owned()));
                }
                self.next -= 1;
                BinaryOp::NotIn
            }
            _ => return Ok(left),
        };
        self.next += 1;
        let right = self.sum()?;
        Ok(Syntax::Binary(
            operator,
            Box::new(left),
            Box::new(right),
            at,
        ))
    }

    fn sum(&mut self) -> Result<Syntax, SyntaxError> {
        let mut left = self.product()?;
        loop {
            let at = self.position();
            let operator = if self.eat_symbol("+") {
                BinaryOp::Add
            } else if self.eat_symbol("-") {
                BinaryOp::Subtract
            } else {
                return Ok(left);
            };
            let right = self.product()?;
            left = Syntax::Binary(operator, Box::new(left), Box::new(right), at);
        }
    }

    fn product(&mut self) -> Result<Syntax, SyntaxError> {
        let mut left = self.unary()?;
        loop {
            let at = self.position();
            let operator = if self.eat_symbol("*") {
                BinaryOp::Multiply
            } else if self.eat_symbol("/") {
                BinaryOp::Divide
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = Syntax::Binary(operator, Box::new(left), Box::new(right), at);
        }
    }

    fn unary(&mut self) -> Result<Syntax, SyntaxError> {
        let at = self.position();
        if self.eat_symbol("-") {
            let operand = self.nested(Self::unary)?;
            return Ok(Syntax::Unary(UnaryOp::Negate, Box::new(operand), at));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Syntax, SyntaxError> {
        let at = self.position();
        match self.advance() {
            Token::Number(text) => Ok(Syntax::Number(text, at)),
            Token::Text(text) => Ok(Syntax::Text(text, at)),
            Token::Name(name) if name == "true" => Ok(Syntax::Bool(true, at)),
            Token::Name(name) if name == "false" => Ok(Syntax::Bool(false, at)),
            Token::Name(name) if is_keyword(&name) => Err(SyntaxError {
                message: format!("unexpected '{name}'"),
                position: at,
            }),
            Token::Name(name) => self.name_or_call(name, at),
            Token::Symbol("(") => {
                let inner = self.nested(Self::or)?;
                self.expect_symbol(")")?;
                Ok(inner)
            }
            other => Err(SyntaxError {
                message: format!("unexpected {other}"),
                position: at,
            }),
        }
    }

    fn name_or_call(&mut self, name: String, at: usize) -> Result<Syntax, SyntaxError> {
        if self.eat_symbol("(") {
            let mut arguments = Vec::new();
            if !self.eat_symbol(")") {
                loop {
                    arguments.push(self.nested(Self::or)?);
                    if self.eat_symbol(")") {
                        break;
                    }
                    self.expect_symbol(",")?;
                }
            }
            return Ok(Syntax::Call(name, arguments, at));
        }
        let mut path = vec![name];
        while self.eat_symbol(".") {
            match self.advance() {
                Token::Name(part) => path.push(part),
                other => {
                    return Err(self.error(format!("expected a name after '.', found {other}")));
                }
            }
        }
        Ok(Syntax::Path(path, at))
    }
}

fn is_keyword(name: &str) -> bool {
    matches!(name, "and" | "or" | "not" | "in")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn and_binds_tighter_than_or() {
        let parsed = parse("a or b and c").unwrap();
        let Syntax::Binary(BinaryOp::Or, _, right, _) = parsed else {
            panic!("{parsed:?}")
        };
        assert!(matches!(*right, Syntax::Binary(BinaryOp::And, _, _, _)));
    }

    #[test]
    fn parses_calls_paths_and_membership() {
        let parsed =
            parse("age(applicant.birth_date) >= 18 && sponsor.title not in list.titles").unwrap();
        assert!(matches!(parsed, Syntax::Binary(BinaryOp::And, _, _, _)));
    }

    #[test]
    fn reports_position_of_errors() {
        assert_eq!(parse("a = 1").unwrap_err().position, 2);
        assert_eq!(
            parse("(a").unwrap_err().message,
            "expected ')', found end of expression"
        );
        assert!(parse("'open").is_err());
        assert!(parse(&"(".repeat(100)).is_err());
    }
}
