//! Tokens of the Scala subset (placeholder until the lexer lands).
