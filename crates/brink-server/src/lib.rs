//! HTTP API and analyst dashboard over the store.
