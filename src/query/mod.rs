//! Queries over a [`ClaimGraph`](crate::ClaimGraph): free functions and named iterators.
//!
//! **Architecture invariant:** queries never mutate the graph.
